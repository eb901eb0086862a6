namespace IoActors.Apps.Tests.Definitions.Support;

/// <summary>
/// Finds the test data files (Definitions/Data, copied beside the test assembly by the project file: a source path
/// would not hold under a deterministic build, whose paths are /_/).
/// </summary>
internal static class TestData
{
    public static string Directory { get; } = Locate();

    public static string SeedsDirectory => Path.Combine(Directory, "seeds");

    public static string FragmentsDirectory => Path.Combine(Directory, "fragments");

    public static IEnumerable<object[]> Files(string folder) =>
        System.IO.Directory.GetFiles(Path.Combine(Directory, folder), "*.json").OrderBy(f => f, StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    private static string Locate()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Definitions", "Data");
        return System.IO.Directory.Exists(Path.Combine(folder, "seeds"))
            ? folder
            : throw new InvalidOperationException("The definition test data was not found beside the test assembly: " + folder);
    }
}
