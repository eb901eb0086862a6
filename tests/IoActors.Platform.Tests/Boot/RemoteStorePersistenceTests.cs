using FluentAssertions;
using IoActors.Hocon;
using IoActors.Kernel;
using IoActors.Platform.Configuration;
using IoActors.Platform.Hosting;
using IoActors.Platform.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace IoActors.Platform.Tests.Boot;

// Issue: what the platform persists — the last good definitions of a REST store let the platform boot offline.
public sealed class RemoteStorePersistenceTests : IAsyncLifetime
{
    private readonly BootHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task RestStore_ServiceGoneAndCacheFolderEmptied_BootsFromTheJournal()
    {
        var server = await TestHttpServer.StartAsync(app => app.MapGet("/apps", () => Results.Text(
            """{ "applications": [ { "name": "remote-notes", "type": "window", "details": { "url": "https://example.com/notes" } } ] }""",
            "application/json")));
        var url = server.Url("/apps");
        var cacheFolder = Path.Combine(_h.Root, "rest-cache");
        _h.Start(o => o.AppStores = [.. o.AppStores, RestStore(url, cacheFolder)]);
        await _h.BootedAsync();
        (await _h.Platform.AppManager.ApplicationAsync("remote-notes")).Should().NotBeNull();
        await _h.Platform.Refs.Platform.Ask<RemoteStoreCacheJournal.Flush>(RemoteStoreCacheJournal.Flush.Instance, TimeSpan.FromSeconds(10));

        await server.DisposeAsync();
        Directory.Delete(cacheFolder, recursive: true);
        await _h.StartAgainAsync();
        Directory.GetFiles(cacheFolder).Should().ContainSingle("the journal seeds the cache folder before the stores start");
        // The service is gone: the store reads its (seeded) cache after readCacheAfter. The clock moves a second at a
        // time, with a round trip through the platform in between, well before any boot or store timeout.
        for (var i = 0; i < 60 && !_h.Platform.WhenBooted.IsCompleted; i++)
        {
            _h.Clock.Advance(TimeSpan.FromSeconds(1));
            await _h.Platform.GetBootReportAsync();
        }

        await _h.BootedAsync();
        (await _h.Platform.AppManager.ApplicationAsync("remote-notes")).Should().NotBeNull();
        Directory.GetFiles(cacheFolder).Should().ContainSingle();
    }

    private static AppStoreOptions RestStore(string url, string cacheFolder) => new()
    {
        Type = "rest",
        IsRequired = true,
        Details = new AppStoreDetailsOptions
        {
            Url = url,
            CacheFolder = cacheFolder,
            StartRetries = 3,
            RequestTimeout = HoconDuration.FromMilliseconds(2000),
            StartRetryInterval = HoconDuration.FromMilliseconds(5000),
            ReadCacheAfter = HoconDuration.FromMilliseconds(1000),
        },
    };
}
