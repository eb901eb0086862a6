using System.Text;
using FluentAssertions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using IoActors.Apps.Tests.Stores.Support;
using IoActors.Testing;
using Microsoft.AspNetCore.Http;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Apps.Tests.Stores;

/// <summary>The io.Manager store against a Kestrel server playing io.Manager.</summary>
public sealed class ServerStoreTests(ITestOutputHelper output) : StoreTestKit(output), IAsyncLifetime
{
    private readonly TempFolder _cache = new();
    private TestHttpServer _server = null!;
    private int _sessions;
    private volatile bool _down;
    private volatile string _apps = Defs.Response(Defs.Window("managed"));
    private volatile bool _expireTokens;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _server = await TestHttpServer.StartAsync();
        _server.Handler = HandleAsync;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
        _cache.Dispose();
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value;
        if (_down)
        {
            ctx.Response.StatusCode = 503;
            return;
        }

        // Every request carries the credentials, as the io.Connect client sends them.
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ann:secret"));
        if (ctx.Request.Headers.Authorization.ToString() != expected)
        {
            ctx.Response.StatusCode = 401;
            return;
        }

        if (ctx.Request.Method == "POST" && path is "/api/user/hello" or "/api/user/refresh")
        {
            var n = Interlocked.Increment(ref _sessions);
            await TestHttpServer.WriteJsonAsync(ctx, $$"""{"token": "session-{{n}}"}""");
            return;
        }

        if (ctx.Request.Method == "GET" && path == "/api/user/apps")
        {
            var current = $"session-{Volatile.Read(ref _sessions)}";
            if (_expireTokens || ctx.Request.Headers["serverx-token"].ToString() != current)
            {
                _expireTokens = false;
                ctx.Response.StatusCode = 401;
                return;
            }

            await TestHttpServer.WriteJsonAsync(ctx, _apps);
            return;
        }

        ctx.Response.StatusCode = 404;
    }

    private ServerStoreSettings Server() => new()
    {
        Url = _server.Url("api"),
        Username = "ann",
        Password = "secret",
        PollInterval = TimeSpan.FromSeconds(60),
        TokenRefreshInterval = TimeSpan.FromMinutes(30),
        CacheFolder = _cache.Path,
    };

    private string CacheFile => StoreCacheFile.FileName(_cache.Path, "server", _server.Url("api/user/apps").ToString());

    [Fact]
    public async Task Start_OpensASessionAndFetchesTheUsersAppsWithTheCredentialsAndTheToken()
    {
        Start(new AppStoresSettings { Server = Server(), EnableInMemoryStore = false });
        var added = await Events.ExpectMsgAsync<AppAdded>(TimeSpan.FromSeconds(10));
        added.App.Name.Should().Be("managed");
        added.App.StoreId.Should().Be("server");
        var requests = _server.Requests.ToList();
        requests.Select(r => $"{r.Method} {r.Path}").Should().Equal("POST /api/user/hello", "GET /api/user/apps");
        requests[1].Header("serverx-token").Should().Be("session-1");
        requests[1].Header("Authorization").Should().StartWith("Basic ");
        using var hello = System.Text.Json.JsonDocument.Parse(requests[0].Body);
        hello.RootElement.GetProperty("machine").GetProperty("user").GetString().Should().Be(Environment.UserName);
        hello.RootElement.GetProperty("machine").GetProperty("name").GetString().Should().Be(Environment.MachineName);
        hello.RootElement.GetProperty("machine").GetProperty("os").GetProperty("arch").GetString().Should().NotBeNullOrEmpty();
        hello.RootElement.GetProperty("glue").GetProperty("version").GetString().Should().NotBeNullOrEmpty();
        hello.RootElement.GetProperty("glue").GetProperty("region").GetString().Should().Be("default");
        (await NamesAsync()).Should().Equal("managed");
    }

    [Fact]
    public async Task Poll_TokenRejected_OpensANewSessionAndRetriesOnce()
    {
        Start(new AppStoresSettings { Server = Server(), EnableInMemoryStore = false });
        await Events.ExpectMsgAsync<AppAdded>(TimeSpan.FromSeconds(10));
        await ExpectPollAsync(StorePollOutcome.Changed);

        _expireTokens = true;
        _apps = Defs.Response(Defs.Window("managed"), Defs.Window("second"));
        Clock.Advance(TimeSpan.FromSeconds(60));
        await ExpectPollAsync(StorePollOutcome.Changed);
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "second");
        _sessions.Should().Be(2);
        _server.Requests.Last().Header("serverx-token").Should().Be("session-2");
        await ExpectNoAppEventsAsync();
    }

    [Fact]
    public async Task TokenRefreshInterval_Passes_RefreshesTheToken()
    {
        Start(new AppStoresSettings { Server = Server() with { PollInterval = TimeSpan.FromHours(2) }, EnableInMemoryStore = false });
        await Events.ExpectMsgAsync<AppAdded>(TimeSpan.FromSeconds(10));
        await ExpectPollAsync(StorePollOutcome.Changed);
        _server.DrainArrivals();

        Clock.Advance(TimeSpan.FromMinutes(30));
        var refresh = await _server.NextRequestAsync();
        refresh.Path.Should().Be("/api/user/refresh");
        refresh.Body.Should().Be("""{"token":"session-1"}""");
        refresh.Header("serverx-token").Should().Be("session-1");
        await AwaitConditionAsync(() => Task.FromResult(Volatile.Read(ref _sessions) == 2));
        _server.Requests.Should().NotContain(r => r.Path == "/api/user/hello" && r != _server.Requests.First(), "a refresh opens no new session");
    }

    [Fact]
    public async Task Poll_ServerDown_KeepsTheAppsAndReportsTheError()
    {
        Start(new AppStoresSettings { Server = Server(), EnableInMemoryStore = false });
        await Events.ExpectMsgAsync<AppAdded>(TimeSpan.FromSeconds(10));
        await ExpectPollAsync(StorePollOutcome.Changed);

        _server.Handler = ctx => TestHttpServer.WriteJsonAsync(ctx, "{}", 500);
        Clock.Advance(TimeSpan.FromSeconds(60));
        await ExpectPollAsync(StorePollOutcome.Failed);
        await Errors.ExpectMsgAsync<StoreError>(e => e.StoreId == "server" && e.Message.Contains("500", StringComparison.Ordinal));
        await ExpectNoAppEventsAsync();
        (await NamesAsync()).Should().Equal("managed");
    }

    [Fact]
    public async Task Cache_SuccessfulFetch_KeepsTheAnswerInTheCacheFile()
    {
        Start(new AppStoresSettings { Server = Server(), EnableInMemoryStore = false });
        await Events.ExpectMsgAsync<AppAdded>(TimeSpan.FromSeconds(10));
        await ExpectPollAsync(StorePollOutcome.Changed);

        (await File.ReadAllTextAsync(CacheFile)).Should().Be(_apps);
        Directory.GetFiles(_cache.Path).Should().Equal(CacheFile);
    }

    [Fact]
    public async Task Cache_IoManagerDownAtStart_ServesTheCacheAfterReadCacheAfterThenFollowsTheServer()
    {
        await File.WriteAllTextAsync(CacheFile, Defs.Response(Defs.Window("cached-a"), Defs.Window("cached-b")));
        _down = true;
        Start(new AppStoresSettings
        {
            Server = Server() with { StartRetryInterval = TimeSpan.FromSeconds(60), ReadCacheAfter = TimeSpan.FromSeconds(30) },
            EnableInMemoryStore = false,
        });
        await ExpectPollAsync(StorePollOutcome.Failed);
        Clock.Advance(TimeSpan.FromSeconds(29));
        await Events.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));

        Clock.Advance(TimeSpan.FromSeconds(1));
        await Lifecycle.ExpectMsgAsync<StoreLoaded>(l => l.StoreId == "server" && l.FromCache && l.AppCount == 2);
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "cached-a");
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "cached-b");

        // io.Manager comes back with another set: it replaces the cached one, and the cache follows.
        _down = false;
        _apps = Defs.Response(Defs.Window("cached-a"), Defs.Window("managed"));
        Clock.Advance(TimeSpan.FromSeconds(30));
        await FishPollAsync(StorePollOutcome.Changed);
        await Events.ExpectMsgAsync<AppRemoved>(e => e.App.Name == "cached-b");
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "managed");
        (await NamesAsync()).Should().Equal("cached-a", "managed");
        (await File.ReadAllTextAsync(CacheFile)).Should().Be(_apps);
    }

    [Fact]
    public async Task Cache_Disabled_NothingIsWrittenAndAFailedStartFails()
    {
        _down = true;
        Start(new AppStoresSettings
        {
            Server = Server() with { EnablePersistentCache = false, StartRetries = 0, ReadCacheAfter = TimeSpan.FromSeconds(1) },
            EnableInMemoryStore = false,
        });
        await Lifecycle.ExpectMsgAsync<StoreFailed>(f => f.StoreId == "server" && f.Cause.Contains("503", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Events.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Directory.Exists(_cache.Path).Should().BeTrue();
        Directory.GetFiles(_cache.Path).Should().BeEmpty();
    }
}
