using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using IoActors.Apps.Definitions;

namespace IoActors.Platform.Instances;

/// <summary>
/// Launches <c>node</c> apps: <c>details.path</c> (or the script downloaded from <c>details.remote.url</c>) run by the
/// Node.js executable from <c>nodePath</c>, or <c>node-&lt;nodeVersion&gt;</c> in the same folder.
/// </summary>
internal sealed class NodeLauncher : IInstanceLauncher
{
    private readonly string _nodePath;
    private readonly string _cacheFolder;
    private readonly Downloader _downloader;

    public NodeLauncher(string nodePath, string cacheFolder, Downloader downloader)
    {
        // nodePath may name the Node.js folder (io.Connect's system.json) or the executable itself.
        _nodePath = Directory.Exists(nodePath) ? Path.Combine(nodePath, OperatingSystem.IsWindows() ? "node.exe" : "node") : nodePath;
        _cacheFolder = cacheFolder;
        _downloader = downloader;
    }

    /// <inheritdoc/>
    public async Task<IRunningInstance> LaunchAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        var definition = request.Definition;
        var node = ResolveNode(definition.Name, DetailsReader.String(definition, "nodeVersion"));
        string script;
        var remote = DetailsReader.Element(definition, "remote");
        if (DetailsReader.String(remote, "url") is { } url)
        {
            script = await DownloadAsync(definition.Name, url, remote, cancellationToken).ConfigureAwait(false);
        }
        else if (DetailsReader.String(definition, "path") is { } path)
        {
            script = Path.GetFullPath(path);
            if (!File.Exists(script))
            {
                throw new LaunchException($"node app '{definition.Name}': the script details.path '{path}' does not exist.");
            }
        }
        else
        {
            throw new LaunchException($"node app '{definition.Name}': details.path and details.remote.url are both missing.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var startInfo = new ProcessStartInfo(node) { WorkingDirectory = Path.GetDirectoryName(script)!, UseShellExecute = false };
        startInfo.ArgumentList.Add(script);
        foreach (var arg in CommandLine.Split(DetailsReader.Element(definition, "parameters"), definition.Name))
        {
            startInfo.ArgumentList.Add(arg);
        }

        ProcessEnvironment.Apply(startInfo, request.Environment);
        return await OsProcessInstance.StartAsync(startInfo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The Node.js executable for an app: nodePath, or <c>node-&lt;version&gt;[.exe]</c> next to it.</summary>
    /// <exception cref="LaunchException">The versioned executable does not exist; names the missing file.</exception>
    internal string ResolveNode(string appName, string? nodeVersion)
    {
        if (string.IsNullOrWhiteSpace(nodeVersion))
        {
            return _nodePath;
        }

        var nodeFile = LocateNode(_nodePath);
        var folder = nodeFile is null ? null : Path.GetDirectoryName(nodeFile);
        if (folder is null)
        {
            throw new LaunchException($"node app '{appName}': nodeVersion '{nodeVersion}' needs the folder of nodePath '{_nodePath}', which could not be found.");
        }

        var versioned = Path.Combine(folder, "node-" + nodeVersion + (OperatingSystem.IsWindows() ? ".exe" : string.Empty));
        if (!File.Exists(versioned))
        {
            throw new LaunchException($"node app '{appName}': nodeVersion '{nodeVersion}' needs the Node.js executable '{versioned}', which does not exist (nodePath '{_nodePath}').");
        }

        return versioned;
    }

    private static string? LocateNode(string nodePath) =>
        Path.IsPathRooted(nodePath) || nodePath.Contains(Path.DirectorySeparatorChar) || nodePath.Contains('/')
            ? Path.GetFullPath(nodePath)
            : ExecutableLookup.OnPath(nodePath);

    private async Task<string> DownloadAsync(string appName, string url, System.Text.Json.JsonElement remote, CancellationToken cancellationToken)
    {
        // One cache file per app and URL; a new download replaces it, a failed one falls back to it.
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..16].ToLowerInvariant();
        var fileName = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Path.GetFileName(uri.LocalPath) : string.Empty;
        var target = Path.Combine(_cacheFolder, SafeFolder(appName), hash + "-" + (string.IsNullOrEmpty(fileName) ? "index.js" : fileName));
        try
        {
            await _downloader.DownloadAsync($"remote script of node app '{appName}'", url, DetailsReader.Headers(remote), DetailsReader.Bool(remote, "noCache") ?? false, target, cancellationToken).ConfigureAwait(false);
        }
        catch (LaunchException) when (File.Exists(target) && !(DetailsReader.Bool(remote, "noCache") ?? false))
        {
            // Offline: run the cached copy.
        }

        return target;
    }

    private static string SafeFolder(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
