using System.CommandLine;
using System.Runtime.CompilerServices;
using IoActors.Hocon;

[assembly: InternalsVisibleTo("IoActors.Host.Tests")]

namespace IoActors.Host.Commands;

/// <summary>
/// <c>ioactors config print [--file F] [--json]</c>: prints the fully resolved configuration, as HOCON-style text or,
/// with --json, exactly the JSON value of the resolved tree. A bad file gives one line <c>file:line:col: message</c>
/// on stderr and exit code 1.
/// </summary>
internal static class ConfigCommand
{
    /// <summary>The configuration used when --file is not given, looked up from the current directory, then from the executable's folder upwards.</summary>
    public const string DefaultFile = "hocon/ioactors.conf";

    public static Command Create()
    {
        var file = new Option<string?>("--file", "-f") { Description = $"The HOCON or JSON file to print (default: {DefaultFile}, searched from the current directory, then upwards from the executable's folder)." };
        var json = new Option<bool>("--json") { Description = "Print exactly the JSON value of the resolved tree." };
        var print = new Command("print", "Print the fully resolved configuration.") { file, json };
        print.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            return Print(parseResult.GetValue(file), parseResult.GetValue(json), output, error, Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
        });

        var command = new Command("config", "Inspect the configuration.") { print };
        return command;
    }

    internal static int Print(string? file, bool json, TextWriter output, TextWriter error, string currentDirectory, string baseDirectory)
    {
        // Keep the file name as typed so messages read the way the user wrote it.
        var path = file is null
            ? FindDefault(currentDirectory, baseDirectory)
            : Path.IsPathRooted(file) || currentDirectory == Directory.GetCurrentDirectory() ? file : Path.Combine(currentDirectory, file);
        if (path is null)
        {
            error.WriteLine($"{DefaultFile}: file not found (looked in {currentDirectory} and above {baseDirectory}); use --file");
            return 1;
        }

        HoconConfig config;
        try
        {
            config = HoconConfig.Load(path);
        }
        catch (HoconException ex)
        {
            error.WriteLine(OneLine(ex.Message));
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine(OneLine($"{file ?? path}: {ex.Message}"));
            return 1;
        }

        output.Write(json ? config.ToJson() + Environment.NewLine : config.ToHocon());
        return 0;
    }

    internal static string? FindDefault(string currentDirectory, string baseDirectory, string file = DefaultFile)
    {
        var candidate = Path.Combine(currentDirectory, file);
        if (File.Exists(candidate))
        {
            return candidate;
        }

        for (var folder = new DirectoryInfo(baseDirectory); folder is not null; folder = folder.Parent)
        {
            candidate = Path.Combine(folder.FullName, file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
