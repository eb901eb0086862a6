using System.CommandLine;
using IoActors.Host.Commands;

namespace IoActors.Host;

/// <summary>The <c>ioactors</c> executable: with no arguments it runs the platform on hocon/ioactors.conf.</summary>
public static class Program
{
    /// <summary>Parses the command line and runs the chosen command.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The process exit code.</returns>
    public static Task<int> Main(string[] args)
    {
        var root = CliRoot.Create();
        // No arguments means "ioactors run" on the default configuration.
        var effective = args.Length == 0 ? ["run"] : args;
        // Ctrl+C is handled by the commands themselves (the platform shutdown may take longer than a fixed timeout).
        return root.Parse(effective).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
