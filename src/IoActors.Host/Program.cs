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
        // No arguments means "ioactors run" on the embedded defaults.
        var effective = args.Length == 0 ? ["run"] : args;
        return root.Parse(effective).InvokeAsync();
    }
}
