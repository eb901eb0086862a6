using System.Text.RegularExpressions;
using Xunit;

namespace IoActors.Packages.Tests;

/// <summary>
/// The package feed the tests build against, made once: the folder IOACTORS_PACKAGE_FEED names (CI packs into it after
/// the build), else a pack of the built solution (Release, --no-build) into a temporary folder with a version of its own
/// (VersionPrefix-test.unique), so the global packages folder cannot serve a stale package of the same version. At the
/// end (when the test process exits), the ioactors.*/version folders this run put into the global packages folder and
/// the temporary folders are deleted, nothing else.
/// Each test class takes it as a class fixture: the feed is made once per test run and shared, and the classes, each its
/// own collection, run side by side (an xunit collection fixture would put them in one collection, one after the other).
/// </summary>
public sealed partial class PackageFeedFixture : IAsyncLifetime
{
    private static readonly Lazy<Task<PackageFeedFixture>> Shared = new(async () =>
    {
        var feed = new PackageFeedFixture();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => feed.CleanUp();
        await feed.MakeAsync();
        return feed;
    });

    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private readonly List<string> _temporary = [];
    private string _globalPackages = "";
    private HashSet<string> _cachedBefore = [];

    private PackageFeedFixture? _shared;

    public string RepoRoot { get; } = FindRepoRoot();

    public string Feed => _shared?.Feed ?? _feed;

    public string Version => _shared?.Version ?? _version;

    private string _feed = "";
    private string _version = "";

    public async Task InitializeAsync() => _shared = await Shared.Value;

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task MakeAsync()
    {
        var given = Environment.GetEnvironmentVariable("IOACTORS_PACKAGE_FEED");
        if (!string.IsNullOrEmpty(given))
        {
            _feed = Path.GetFullPath(given);
            var platform = Directory.GetFiles(Feed, "IoActors.Platform.*.nupkg").Select(Path.GetFileName).Single(n => !n!.EndsWith(".snupkg", StringComparison.Ordinal))!;
            _version = platform["IoActors.Platform.".Length..^".nupkg".Length];
        }
        else
        {
            var prefix = VersionPrefix().Match(File.ReadAllText(Path.Combine(RepoRoot, "Directory.Build.props"))).Groups[1].Value;
            _version = $"{prefix}-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
            _feed = TempFolder("ioactors-feed-");
            await ChildProcess.RunAsync(RepoRoot, BuildTimeout, "dotnet", "pack", Path.Combine(RepoRoot, "IoActors.sln"), "-c", "Release", "--no-build",
                "-o", Feed, $"-p:Version={Version}", "-nodeReuse:false");
        }

        var locals = await ChildProcess.RunAsync(RepoRoot, RunTimeout, "dotnet", "nuget", "locals", "global-packages", "--list");
        _globalPackages = GlobalPackages().Match(locals).Groups[1].Value.Trim();
        _cachedBefore = CachedVersions().ToHashSet(StringComparer.Ordinal);
    }

    private void CleanUp()
    {
        foreach (var folder in CachedVersions().Where(f => !_cachedBefore.Contains(f)))
        {
            Directory.Delete(folder, recursive: true);
        }

        foreach (var folder in _temporary.Where(Directory.Exists).ToList())
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A new temporary folder for a test, which deletes it (<see cref="DeleteFolder"/>).</summary>
    public static string TestFolder(string prefix) => Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>Deletes a test's folder (a failure to delete does not hide the test's own outcome).</summary>
    public static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temporary-file cleanup.
        }
    }

    /// <summary>A new temporary folder, deleted at the end of the test run.</summary>
    private string TempFolder(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        lock (_temporary)
        {
            _temporary.Add(folder);
        }

        return folder;
    }

    /// <summary>
    /// Shields a folder from the build files of the folders above it and makes it restore from the feed: an empty
    /// Directory.Build.props and Directory.Packages.props, and a nuget.config that adds the feed to the default sources.
    /// </summary>
    public void UseFeedIn(string folder)
    {
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "nuget.config"),
            $"""<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><add key="ioactors-test-feed" value="{Feed}" /></packageSources></configuration>""");
    }

    private IEnumerable<string> CachedVersions() =>
        _globalPackages.Length == 0 || !Directory.Exists(_globalPackages)
            ? []
            : Directory.GetDirectories(_globalPackages, "ioactors.*")
                .Select(id => Path.Combine(id, Version.ToLowerInvariant()))
                .Where(Directory.Exists);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IoActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"IoActors.sln not found above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex("<VersionPrefix>([^<]+)</VersionPrefix>")]
    private static partial Regex VersionPrefix();

    [GeneratedRegex("global-packages:(.+)")]
    private static partial Regex GlobalPackages();
}
