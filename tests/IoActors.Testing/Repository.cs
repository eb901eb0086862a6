namespace IoActors.Testing;

/// <summary>Where the repository is, for tests that read its files or run the host in it.</summary>
public static class Repository
{
    /// <summary>The repository root: the first folder above the test binaries that holds hocon/reference.conf.</summary>
    public static string Root
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "hocon", "reference.conf")))
                {
                    return d.FullName;
                }
            }

            throw new InvalidOperationException("hocon/reference.conf not found above " + AppContext.BaseDirectory);
        }
    }
}
