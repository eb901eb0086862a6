using FluentAssertions;
using IoActors.Hocon;
using Akka.Actor;
using IoActors.Platform.Configuration;
using IoActors.Platform.Hosting;
using IoActors.Platform.Tests.Support;
using IoActors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using IoActors.Apps.Stores;
using Xunit;

namespace IoActors.Platform.Tests.Boot;

/// <summary>What the platform persists: the last good definitions of a remote store (REST or io.Manager) let it boot offline.</summary>
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
        var url = server.Url("/apps").ToString();
        var cacheFolder = Path.Combine(_h.Root, "rest-cache");
        _h.Start(o => o.AppStores = [.. o.AppStores, RestStore(url, cacheFolder)]);
        await _h.BootedAsync();
        (await _h.Platform.AppManager.ApplicationAsync("remote-notes")).Should().NotBeNull();
        await _h.Platform.Refs.Platform.Ask<RemoteStoreCacheJournal.Flush>(RemoteStoreCacheJournal.Flush.Instance, TimeSpan.FromSeconds(10));

        await server.DisposeAsync();
        Directory.Delete(cacheFolder, recursive: true);
        await _h.StartAgainAsync();
        Directory.GetFiles(cacheFolder).Should().ContainSingle("the journal seeds the cache folder before the stores start");
        // The service is gone: the store reads its (seeded) cache after readCacheAfter.
        await ReadCacheAfterPassesAsync();

        await _h.BootedAsync();
        (await _h.Platform.AppManager.ApplicationAsync("remote-notes")).Should().NotBeNull();
        Directory.GetFiles(cacheFolder).Should().ContainSingle();
    }

    [Fact]
    public async Task IoManagerStore_ServerGoneAndCacheFolderEmptied_BootsFromTheJournal()
    {
        var server = await TestHttpServer.StartAsync(app =>
        {
            app.MapPost("/api/user/hello", () => Results.Json(new { token = "session-1" }));
            app.MapGet("/api/user/apps", () => Results.Text(
                """[ { "name": "managed-blotter", "type": "window", "details": { "url": "https://example.com/blotter" } } ]""",
                "application/json"));
        });
        var url = server.Url("/api").ToString();
        var cacheFolder = Path.Combine(_h.Root, "manager-cache");
        _h.Start(o => o.Server = new ServerOptions
        {
            Enabled = true,
            Url = url,
            CacheFolder = cacheFolder,
            ReadCacheAfter = HoconDuration.FromMilliseconds(1000),
        });
        await _h.BootedAsync();
        (await _h.Platform.AppManager.ApplicationAsync("managed-blotter")).Should().NotBeNull();
        await _h.Platform.Refs.Platform.Ask<RemoteStoreCacheJournal.Flush>(RemoteStoreCacheJournal.Flush.Instance, TimeSpan.FromSeconds(10));

        await server.DisposeAsync();
        Directory.Delete(cacheFolder, recursive: true);
        await _h.StartAgainAsync();
        Directory.GetFiles(cacheFolder).Should().ContainSingle("the journal seeds the cache folder before the stores start")
            .Which.Should().EndWith(".json").And.Contain("server-");
        await ReadCacheAfterPassesAsync();

        await _h.BootedAsync();
        (await _h.Platform.AppManager.ApplicationAsync("managed-blotter")).Should().NotBeNull("io.Manager is gone; its last good set came back from the journal");
    }

    /// <summary>
    /// Moves the clock past the store's readCacheAfter (1 s) once the store has armed that timer: the store arms it in
    /// its PreStart, which may run after the platform's start returned (the stores' own children start on their own),
    /// before its first load, whose failure it publishes. Nothing else is due that early (request timeouts, retries, the
    /// boot and stores timeouts are later).
    /// </summary>
    private async Task ReadCacheAfterPassesAsync()
    {
        await _h.NextAsync<StorePolled>(p => p.Outcome == StorePollOutcome.Failed, "the store's first failed load");
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
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
