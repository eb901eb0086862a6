using FluentAssertions;
using IoActors.Host.Hosting;
using IoActors.Host.Tests.Support;
using IoActors.Platform.Instances;

namespace IoActors.Host.Tests.Compat;

/// <summary>
/// The sample platform (hocon/ioactors.conf, as <c>dotnet run --project src/IoActors.Host</c> runs it) with its
/// <c>client-list</c> window app (samples/web/client-list.html, the real io.Connect browser library) in the platform's
/// Chromium: the page connects as its instance, and its document title, "Client List (N)" with N the running instances it
/// lists through <c>io.appManager</c>, becomes the instance title and follows the instances live.
/// </summary>
public sealed class SampleWindowAppTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ioactors-sample-window-" + Guid.NewGuid().ToString("N")[..8]);

    [SkippableFact]
    public async Task ClientList_Connects_AndItsTitleFollowsTheRunningInstances()
    {
        if (BrowserLocator.Find() is null)
        {
            if (BrowserLocator.Required)
            {
                throw new InvalidOperationException("IOACTORS_REQUIRE_BROWSER=1 but " + BrowserLocator.Missing);
            }

            throw new SkipTestException(BrowserLocator.Missing);
        }

        File.Exists(Path.Combine(HostFixture.RepositoryRoot, "samples", "web", "node_modules", "@interopio", "desktop", "dist", "desktop.browser.js"))
            .Should().BeTrue("samples/web needs `npm ci` (CI runs it)");
        var options = HostConfiguration.Load(
            Path.Combine(HostFixture.RepositoryRoot, "hocon", "ioactors.conf"),
            ["--ioactors:dataFolder=" + _data, "--ioactors:api:port=0", "--ioactors:windows:headless=on"]);
        await using var host = await PlatformHost.StartAsync(options);
        await host.Platform.WhenBooted.WaitAsync(Timeout);
        await using var updates = host.Platform.Subscribe<InstanceUpdated>();

        // (The sample's node apps name their scripts relative to the repository root, the README's working folder; under
        // the test runner they may not start: whatever runs, the page counts it.)
        var before = (await host.Platform.AppManager.InstancesAsync()).Count;
        var first = await host.Platform.AppManager.StartAsync("client-list").WaitAsync(Timeout);
        first.Title.Should().Be("Client List (1)", "the definition's title in applications.titleFormat, until the page sets its own");
        await NextAsync(updates, u => u.Instance.Id == first.Id && u.Changes.HasFlag(InstanceChanges.Ready));

        // Live: a second instance, and the first page's title (and so its instance's) counts it; stopped, and it is gone.
        var second = await host.Platform.AppManager.StartAsync("client-list").WaitAsync(Timeout);
        var counted = await NextAsync(updates, u => u.Instance.Id == first.Id && u.Instance.Title == $"Client List ({before + 2})");
        counted.Changes.Should().HaveFlag(InstanceChanges.Title, "the page lists every running instance through io.appManager");
        await host.Platform.AppManager.StopAsync(second.Id).WaitAsync(Timeout);
        var uncounted = await NextAsync(updates, u => u.Instance.Id == first.Id && u.Instance.Title == $"Client List ({before + 1})");
        uncounted.Changes.Should().HaveFlag(InstanceChanges.Title);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private static async Task<T> NextAsync<T>(Platform.Events.EventSubscription<T> events, Func<T, bool> wanted)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await foreach (var e in events.ReadAllAsync(cts.Token))
        {
            if (wanted(e))
            {
                return e;
            }
        }

        throw new InvalidOperationException("the platform stopped first");
    }
}
