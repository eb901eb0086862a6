namespace IoActors.Hocon.Tests.Support;

/// <summary>Finds files of the repository (hocon/reference.conf, ...) from the test output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Hocon(string file) => Path.Combine(Root, "hocon", file);

    public static string TestData(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", file);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IoActors.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"IoActors.sln not found above {AppContext.BaseDirectory}");
    }
}
