using System.Runtime.CompilerServices;

namespace IoActors.Apps.Tests.Definitions.Support;

/// <summary>Finds the test data files next to the test sources (so the test project needs no copy-to-output items).</summary>
internal static class TestData
{
    public static string Directory { get; } = Locate();

    public static string SeedsDirectory => Path.Combine(Directory, "seeds");

    public static string FragmentsDirectory => Path.Combine(Directory, "fragments");

    public static IEnumerable<object[]> Files(string folder) =>
        System.IO.Directory.GetFiles(Path.Combine(Directory, folder), "*.json").OrderBy(f => f, StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    private static string Locate([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile))!, "Data");
}
