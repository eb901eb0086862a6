using System.Text;
using FluentAssertions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using IoActors.Apps.Tests.Stores.Support;
using Microsoft.AspNetCore.Http;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Apps.Tests.Stores;

/// <summary>The io.Manager store against a Kestrel server playing io.Manager.</summary>
public sealed class ServerStoreTests(ITestOutputHelper output) : StoreTestKit(output), IAsyncLifetime
{
    private TestHttpServer _server = null!;
    private int _sessions;
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
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value;
        if (ctx.Request.Method == "POST" && path == "/api/user/hello")
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ann:secret"));
            if (ctx.Request.Headers.Authorization.ToString() != expected)
            {
                ctx.Response.StatusCode = 401;
                return;
            }

            var n = Interlocked.Increment(ref _sessions);
            await TestHttpServer.WriteJsonAsync(ctx, $$"""{"token": "session-{{n}}"}""");
            return;
        }

        if (ctx.Request.Method == "GET" && path == "/api/user/apps")
        {
            var current = $"Bearer session-{Volatile.Read(ref _sessions)}";
            if (_expireTokens || ctx.Request.Headers.Authorization.ToString() != current)
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
    };

    [Fact]
    public async Task Start_OpensASessionAndFetchesTheUsersAppsWithTheToken()
    {
        Start(new AppStoresSettings { Server = Server(), EnableInMemoryStore = false });
        var added = Events.ExpectMsg<AppAdded>(TimeSpan.FromSeconds(10));
        added.App.Name.Should().Be("managed");
        added.App.StoreId.Should().Be("server");
        var requests = _server.Requests.ToList();
        requests.Select(r => $"{r.Method} {r.Path}").Should().Equal("POST /api/user/hello", "GET /api/user/apps");
        requests[1].Header("Authorization").Should().Be("Bearer session-1");
        (await NamesAsync()).Should().Equal("managed");
    }

    [Fact]
    public async Task Poll_TokenRejected_OpensANewSessionAndRetriesOnce()
    {
        Start(new AppStoresSettings { Server = Server(), EnableInMemoryStore = false });
        Events.ExpectMsg<AppAdded>(TimeSpan.FromSeconds(10));
        ExpectPoll(StorePollOutcome.Changed);

        _expireTokens = true;
        _apps = Defs.Response(Defs.Window("managed"), Defs.Window("second"));
        Clock.Advance(TimeSpan.FromSeconds(60));
        ExpectPoll(StorePollOutcome.Changed);
        Events.ExpectMsg<AppAdded>(e => e.App.Name == "second");
        _sessions.Should().Be(2);
        _server.Requests.Last().Header("Authorization").Should().Be("Bearer session-2");
        await ExpectNoAppEventsAsync();
    }

    [Fact]
    public async Task TokenRefreshInterval_Passes_OpensANewSession()
    {
        Start(new AppStoresSettings { Server = Server() with { PollInterval = TimeSpan.FromHours(2) }, EnableInMemoryStore = false });
        Events.ExpectMsg<AppAdded>(TimeSpan.FromSeconds(10));
        ExpectPoll(StorePollOutcome.Changed);
        _server.DrainArrivals();

        Clock.Advance(TimeSpan.FromMinutes(30));
        (await _server.NextRequestAsync()).Path.Should().Be("/api/user/hello");
        await AwaitConditionAsync(() => Task.FromResult(Volatile.Read(ref _sessions) == 2));
    }

    [Fact]
    public async Task Poll_ServerDown_KeepsTheAppsAndReportsTheError()
    {
        Start(new AppStoresSettings { Server = Server(), EnableInMemoryStore = false });
        Events.ExpectMsg<AppAdded>(TimeSpan.FromSeconds(10));
        ExpectPoll(StorePollOutcome.Changed);

        _server.Handler = ctx => TestHttpServer.WriteJsonAsync(ctx, "{}", 500);
        Clock.Advance(TimeSpan.FromSeconds(60));
        ExpectPoll(StorePollOutcome.Failed);
        Errors.ExpectMsg<StoreError>(e => e.StoreId == "server" && e.Message.Contains("500", StringComparison.Ordinal));
        await ExpectNoAppEventsAsync();
        (await NamesAsync()).Should().Equal("managed");
    }
}
