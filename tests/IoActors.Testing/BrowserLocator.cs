namespace IoActors.Testing;

/// <summary>
/// Finds the system Chromium the tests drive: <c>IOACTORS_CHROMIUM</c>, else the first of the usual paths that exists.
/// Without one the browser tests (dashboard, web compat pages) skip, unless <c>IOACTORS_REQUIRE_BROWSER=1</c> (CI), where that is a failure.
/// </summary>
public static class BrowserLocator
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>The browser's path, or <see langword="null"/> when there is none.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("IOACTORS_CHROMIUM") is { Length: > 0 } chosen)
        {
            return File.Exists(chosen) ? chosen : throw new InvalidOperationException($"IOACTORS_CHROMIUM names '{chosen}', which does not exist");
        }

        return Candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Whether a missing browser fails the tests rather than skipping them.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("IOACTORS_REQUIRE_BROWSER") == "1";

    /// <summary>What to say when there is none.</summary>
    public static string Missing =>
        $"no Chromium found (IOACTORS_CHROMIUM is not set and none of {string.Join(", ", Candidates)} exists): install it with `apt-get install chromium`, or set IOACTORS_CHROMIUM to a Chromium or Chrome binary";
}
