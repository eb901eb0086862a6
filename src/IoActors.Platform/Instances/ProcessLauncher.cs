using System.Diagnostics;
using IoActors.Apps.Definitions;

namespace IoActors.Platform.Instances;

/// <summary>Launches <c>exe</c> apps: <c>details.command</c> in the working folder <c>details.path</c> with <c>details.parameters</c> as an argument list (no shell).</summary>
internal sealed class ProcessLauncher : IInstanceLauncher
{
    /// <inheritdoc/>
    public async Task<IRunningInstance> LaunchAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var definition = request.Definition;
        var path = DetailsReader.String(definition, "path");
        var command = DetailsReader.String(definition, "command");
        if (string.IsNullOrWhiteSpace(path) && string.IsNullOrWhiteSpace(command))
        {
            throw new LaunchException($"exe app '{definition.Name}': details.path and details.command are both missing.");
        }

        string workingFolder;
        string fileName;
        if (string.IsNullOrWhiteSpace(command))
        {
            // Only a path: it names the executable itself.
            fileName = Path.GetFullPath(path!);
            workingFolder = Path.GetDirectoryName(fileName)!;
            if (!File.Exists(fileName))
            {
                throw new LaunchException($"exe app '{definition.Name}': details.path '{path}' does not exist.");
            }
        }
        else
        {
            workingFolder = string.IsNullOrWhiteSpace(path) ? Environment.CurrentDirectory : Path.GetFullPath(path);
            if (!Directory.Exists(workingFolder))
            {
                throw new LaunchException($"exe app '{definition.Name}': the working folder details.path '{path}' does not exist.");
            }

            var candidate = Path.IsPathRooted(command) ? command : Path.Combine(workingFolder, command);
            fileName = File.Exists(candidate) ? candidate : command; // otherwise looked up on PATH by the OS
        }

        var startInfo = new ProcessStartInfo(fileName) { WorkingDirectory = workingFolder, UseShellExecute = false };
        foreach (var arg in CommandLine.Split(DetailsReader.Element(definition, "parameters"), definition.Name))
        {
            startInfo.ArgumentList.Add(arg);
        }

        ProcessEnvironment.Apply(startInfo, request.Environment);
        return await OsProcessInstance.StartAsync(startInfo, cancellationToken).ConfigureAwait(false);
    }
}
