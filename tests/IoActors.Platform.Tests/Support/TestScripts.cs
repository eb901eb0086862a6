using System.Runtime.CompilerServices;

namespace IoActors.Platform.Tests.Support;

/// <summary>Locates the small node scripts the process tests run (tests/IoActors.Platform.Tests/scripts).</summary>
internal static class TestScripts
{
    public static string Folder { get; } = Locate();

    public static string Path(string name) => System.IO.Path.Combine(Folder, name);

    /// <summary>The node executable (on PATH).</summary>
    public static string Node { get; } = FindNode();

    private static string Locate([CallerFilePath] string file = "")
    {
        var candidates = new[]
        {
            System.IO.Path.Combine(AppContext.BaseDirectory, "scripts"),
            System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(file)!, "..", "scripts")),
        };
        return candidates.FirstOrDefault(d => File.Exists(System.IO.Path.Combine(d, "exit-after.js")))
            ?? throw new InvalidOperationException("The test scripts folder was not found; looked in: " + string.Join(", ", candidates));
    }

    private static string FindNode()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(dir, OperatingSystem.IsWindows() ? "node.exe" : "node");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("node was not found on PATH; the process tests need Node.js.");
    }
}
