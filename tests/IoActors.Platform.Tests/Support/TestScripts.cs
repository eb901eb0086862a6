namespace IoActors.Platform.Tests.Support;

/// <summary>
/// Locates the small node scripts the process tests run (tests/IoActors.Platform.Tests/scripts, copied beside the test
/// assembly by the project file: a source path would not hold under a deterministic build, whose paths are /_/).
/// </summary>
internal static class TestScripts
{
    public static string Folder { get; } = Locate();

    public static string Path(string name) => System.IO.Path.Combine(Folder, name);

    /// <summary>The node executable (on PATH).</summary>
    public static string Node { get; } = FindNode();

    private static string Locate()
    {
        var folder = System.IO.Path.Combine(AppContext.BaseDirectory, "scripts");
        return File.Exists(System.IO.Path.Combine(folder, "exit-after.js"))
            ? folder
            : throw new InvalidOperationException("The test scripts folder was not found beside the test assembly: " + folder);
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
