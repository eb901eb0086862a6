namespace IoActors.Platform.Instances.Windows;

/// <summary>
/// Finds the system Chromium (never downloads one): the configured path, else <c>IOACTORS_CHROMIUM</c>, else the first of
/// /usr/bin/chromium, then chromium, chromium-browser, google-chrome, google-chrome-stable, microsoft-edge on PATH.
/// </summary>
internal static class ChromiumLocator
{
    /// <summary>The environment variable naming the browser when no path is configured.</summary>
    public const string EnvironmentVariable = "IOACTORS_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge"];

    /// <summary>The browser to run.</summary>
    /// <param name="configured">The configured path (<c>ioactors.windows.browserPath</c>), or null/empty.</param>
    /// <exception cref="LaunchException">There is none, or the configured one does not exist; the message says which setting to use.</exception>
    public static string Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new LaunchException($"ioactors.windows.browserPath: \"{configured}\" does not exist (set it to a Chromium, Chrome or Edge executable, or leave it empty to look one up)");
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } chosen)
        {
            return File.Exists(chosen)
                ? chosen
                : throw new LaunchException($"{EnvironmentVariable}: \"{chosen}\" does not exist (set it to a Chromium, Chrome or Edge executable)");
        }

        if (File.Exists("/usr/bin/chromium"))
        {
            return "/usr/bin/chromium";
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in Names)
        {
            foreach (var dir in path)
            {
                var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? name + ".exe" : name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new LaunchException(
            $"no Chromium, Chrome or Edge found ({EnvironmentVariable} is not set and none of {string.Join(", ", Names)} is on PATH): " +
            "install one, set ioactors.windows.browserPath, or set ioactors.windows.host = http-get on a machine without a browser");
    }
}
