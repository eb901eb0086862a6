using FluentAssertions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using IoActors.Apps.Tests.Stores.Support;
using IoActors.Testing;
using Microsoft.AspNetCore.Http;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Apps.Tests.Stores;

public sealed class RestStoreTests(ITestOutputHelper output) : StoreTestKit(output), IAsyncLifetime
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);
    private readonly TempFolder _cache = new();
    private TestHttpServer _server = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _server = await TestHttpServer.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
        _cache.Dispose();
    }

    private RestStoreSettings Rest(Func<RestStoreSettings, RestStoreSettings>? change = null)
    {
        var settings = new RestStoreSettings { Url = _server.Url("apps"), CacheFolder = _cache.Path, Id = "rest-0" };
        return change is null ? settings : change(settings);
    }

    private void Serve(string body, int status = 200) => _server.Handler = ctx => TestHttpServer.WriteJsonAsync(ctx, body, status);

    private async Task LoadInitialAsync(params string[] names)
    {
        foreach (var name in names)
        {
            await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == name, TimeSpan.FromSeconds(10));
        }

        await ExpectPollAsync(StorePollOutcome.Changed);
        _server.DrainArrivals();
        (await NamesAsync()).Should().Equal(names);
    }

    [Fact]
    public async Task Poll_SameContentThenChangedContent_PublishesOnlyTheRealChange()
    {
        Serve(Defs.Response(Defs.Window("alpha"), Defs.Window("beta")));
        Start(Only(Rest()));
        await LoadInitialAsync("alpha", "beta");

        Clock.Advance(Poll);
        await ExpectPollAsync(StorePollOutcome.Unchanged);
        await ExpectNoAppEventsAsync();

        Serve(Defs.Response(Defs.Window("alpha", "https://alpha.v2/"), Defs.Window("beta"), Defs.Window("gamma")));
        Clock.Advance(Poll);
        await ExpectPollAsync(StorePollOutcome.Changed);
        await Events.ExpectMsgAsync<AppChanged>(e => e.Current.Name == "alpha" && e.Previous.Definition.Details.GetProperty("url").GetString() == "https://example.com/");
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "gamma");
        _server.Requests.Count.Should().Be(3);
    }

    [Fact]
    public async Task Poll_ServerAnswers304ToConditionalRequest_NoChange()
    {
        var lastModified = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
        _server.Handler = async ctx =>
        {
            if (ctx.Request.Headers.IfNoneMatch.ToString() == "\"v1\"")
            {
                ctx.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            ctx.Response.Headers.LastModified = lastModified.ToString("R");
            await TestHttpServer.WriteJsonAsync(ctx, Defs.Response(Defs.Window("alpha")), etag: "\"v1\"");
        };
        Start(Only(Rest()));
        await LoadInitialAsync("alpha");

        Clock.Advance(Poll);
        await ExpectPollAsync(StorePollOutcome.Unchanged);
        var second = _server.Requests.Last();
        second.Header("If-None-Match").Should().Be("\"v1\"");
        second.Header("If-Modified-Since").Should().Be(lastModified.ToString("R"));
        await ExpectNoAppEventsAsync();
        (await NamesAsync()).Should().Equal("alpha");
    }

    [Fact]
    public async Task Start_ServerFailsTwice_RetriesAtStartRetryIntervalThenLoads()
    {
        var calls = 0;
        _server.Handler = ctx => Interlocked.Increment(ref calls) <= 2
            ? TestHttpServer.WriteJsonAsync(ctx, "{}", 500)
            : TestHttpServer.WriteJsonAsync(ctx, Defs.Response(Defs.Window("alpha")));
        Start(Only(Rest(s => s with { StartRetries = 3, StartRetryInterval = TimeSpan.FromSeconds(10) })));

        await ExpectPollAsync(StorePollOutcome.Failed);
        await Errors.ExpectMsgAsync<StoreError>(e => e.StoreId == "rest-0" && e.Message.Contains("500", StringComparison.Ordinal));
        Clock.Advance(TimeSpan.FromSeconds(9));
        await Polls.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Clock.Advance(TimeSpan.FromSeconds(1));
        await ExpectPollAsync(StorePollOutcome.Failed);
        Clock.Advance(TimeSpan.FromSeconds(10));
        await ExpectPollAsync(StorePollOutcome.Changed);
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "alpha");
        await Lifecycle.ExpectMsgAsync<StoreLoaded>(l => l.StoreId == "rest-0" && !l.FromCache);
        calls.Should().Be(3);
    }

    [Fact]
    public async Task Poll_ServerHangs_TimesOutOnTheVirtualClockAndKeepsTheApps()
    {
        Serve(Defs.Response(Defs.Window("alpha")));
        Start(Only(Rest()));
        await LoadInitialAsync("alpha");

        _server.Handler = _server.HangAsync;
        Clock.Advance(Poll);
        await _server.NextRequestAsync();
        Clock.Advance(RequestTimeout - TimeSpan.FromSeconds(1));
        await Polls.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Clock.Advance(TimeSpan.FromSeconds(1));
        await ExpectPollAsync(StorePollOutcome.Failed);
        await Errors.ExpectMsgAsync<StoreError>(e => e.Message.Contains("timed out after 20000 ms", StringComparison.Ordinal) && e.Source.EndsWith("/apps", StringComparison.Ordinal));
        await ExpectNoAppEventsAsync();
        (await NamesAsync()).Should().Equal("alpha");
    }

    [Fact]
    public async Task Load_ABareArrayOfDefinitions_IsReadLikeAnApplicationsResponse()
    {
        // IoActors Manager's GET /user/apps and the host's GET /api/apps answer a bare array.
        Serve($"[{Defs.Window("alpha")}, {Defs.Window("beta")}]");
        Start(Only(Rest()));
        await LoadInitialAsync("alpha", "beta");
        (await NamesAsync()).Should().Equal("alpha", "beta");
    }

    [Fact]
    public async Task Poll_InvalidJsonOrNoApplications_KeepsLastGoodSetAndReportsWhere()
    {
        Serve(Defs.Response(Defs.Window("alpha"), Defs.Window("beta")));
        Start(Only(Rest()));
        await LoadInitialAsync("alpha", "beta");

        Serve("{\n  \"applications\": [\n    {\"name\": \"alpha\", \"type\": \"window\",\n");
        Clock.Advance(Poll);
        await ExpectPollAsync(StorePollOutcome.Failed);
        var error = await Errors.ExpectMsgAsync<StoreError>();
        error.Message.Should().StartWith("invalid JSON");
        error.Line.Should().BeGreaterThanOrEqualTo(3);

        Serve("""{"apps": []}""");
        Clock.Advance(Poll);
        await ExpectPollAsync(StorePollOutcome.Failed);
        await Errors.ExpectMsgAsync<StoreError>(e => e.Message.Contains("no \"applications\" array", StringComparison.Ordinal));

        await ExpectNoAppEventsAsync();
        (await NamesAsync()).Should().Equal("alpha", "beta");
    }

    [Fact]
    public async Task Poll_OneRecordInvalid_KeepsThatAppsLastGoodDefinitionAndReportsItsLine()
    {
        Serve(Defs.Response(Defs.Window("alpha"), Defs.Window("beta")));
        Start(Only(Rest()));
        await LoadInitialAsync("alpha", "beta");

        Serve(Defs.Response(Defs.Window("alpha", "https://alpha.v2/"), """{"name": "beta", "type": "window", "details": {"url": 42}}"""));
        Clock.Advance(Poll);
        await ExpectPollAsync(StorePollOutcome.Changed);
        var error = await Errors.ExpectMsgAsync<StoreError>();
        error.AppName.Should().Be("beta");
        error.Line.Should().Be(2);
        await Events.ExpectMsgAsync<AppChanged>(e => e.Current.Name == "alpha");
        await ExpectNoAppEventsAsync();
        (await NamesAsync()).Should().Equal("alpha", "beta");

        // The same rejected record on the next poll is not reported again.
        Clock.Advance(Poll);
        await ExpectPollAsync(StorePollOutcome.Unchanged);
        await Errors.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Poll_Fdc3V2Response_IsAccepted()
    {
        Serve("""{"applications": [{"appId": "fdc3-app", "title": "FDC3 App", "type": "web", "details": {"url": "https://fdc3.example.com/"}}], "message": "OK"}""");
        Start(Only(Rest()));
        var added = await Events.ExpectMsgAsync<AppAdded>(TimeSpan.FromSeconds(10));
        added.App.Name.Should().Be("fdc3-app");
        added.App.Definition.TypeName.Should().Be("window");
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Request_CustomHeaders_AreSent()
    {
        Serve(Defs.Response(Defs.Window("alpha")));
        Start(Only(Rest(s => s with { Headers = new Dictionary<string, string> { ["X-Tenant"] = "blue" } })));
        await LoadInitialAsync("alpha");
        _server.Requests.Single().Header("X-Tenant").Should().Be("blue");
    }

    [Fact]
    public async Task Cache_SuccessfulFetch_IsWrittenAtomicallyWithTheResponseBody()
    {
        var body = Defs.Response(Defs.Window("alpha"));
        Serve(body);
        Start(Only(Rest()));
        await LoadInitialAsync("alpha");
        var file = RestStoreActor.CacheFile(_cache.Path, "rest-0", _server.Url("apps").ToString());
        (await File.ReadAllTextAsync(file)).Should().Be(body);
        Directory.GetFiles(_cache.Path).Should().Equal(file);
    }

    [Fact]
    public async Task Cache_NoSuccessfulFetchByReadCacheAfter_ServesTheCacheThenFollowsTheServer()
    {
        var file = RestStoreActor.CacheFile(_cache.Path, "rest-0", _server.Url("apps").ToString());
        await File.WriteAllTextAsync(file, Defs.Response(Defs.Window("alpha"), Defs.Window("beta")));
        Serve("{}", 503);
        Start(Only(Rest(s => s with { StartRetryInterval = TimeSpan.FromSeconds(60), ReadCacheAfter = TimeSpan.FromSeconds(30) })));
        await ExpectPollAsync(StorePollOutcome.Failed);
        Clock.Advance(TimeSpan.FromSeconds(29));
        await Events.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));

        Clock.Advance(TimeSpan.FromSeconds(1));
        await Lifecycle.ExpectMsgAsync<StoreLoaded>(l => l.FromCache && l.AppCount == 2);
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "alpha");
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "beta");

        // The server comes back with the same content (reformatted): no event; then with a change.
        Serve(Defs.Response(Defs.Window("beta"), Defs.Window("alpha")));
        Clock.Advance(TimeSpan.FromSeconds(30));
        await FishPollAsync(StorePollOutcome.Unchanged);
        await ExpectNoAppEventsAsync();
        Serve(Defs.Response(Defs.Window("alpha")));
        Clock.Advance(Poll);
        await FishPollAsync(StorePollOutcome.Changed);
        await Events.ExpectMsgAsync<AppRemoved>(e => e.App.Name == "beta");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Cache_StartRetriesUsedUpBeforeReadCacheAfter_ServesTheCacheAtOnceAndKeepsTryingTheServer(int retries)
    {
        var file = RestStoreActor.CacheFile(_cache.Path, "rest-0", _server.Url("apps").ToString());
        await File.WriteAllTextAsync(file, Defs.Response(Defs.Window("alpha"), Defs.Window("beta")));
        Serve("{}", 503);
        Start(Only(Rest(s => s with { StartRetries = retries, StartRetryInterval = TimeSpan.FromSeconds(5), ReadCacheAfter = TimeSpan.FromSeconds(30) })));
        for (var i = 0; i < retries; i++)
        {
            await ExpectPollAsync(StorePollOutcome.Failed);
            Clock.Advance(TimeSpan.FromSeconds(5));
        }

        // The last retry failed well before readCacheAfter: the cache is served now, and the boot can go on.
        await Lifecycle.ExpectMsgAsync<StoreLoaded>(l => l.StoreId == "rest-0" && l.FromCache && l.AppCount == 2);
        await Lifecycle.ExpectMsgAsync<RequiredStoresLoaded>();
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "alpha");
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "beta");
        await Errors.FishForMessageAsync<StoreError>(e => e.Message.Contains("503", StringComparison.Ordinal));
        _server.Requests.Count.Should().Be(retries + 1);

        // The cache load's poll event comes after the next poll is armed (StoreLoaded and the app events come before it):
        // only then may the clock move, or the poll would be armed past the advance and never fire.
        await ExpectPollAsync(StorePollOutcome.Changed);

        // The server is tried again at the poll interval and followed once it answers.
        Serve(Defs.Response(Defs.Window("alpha")));
        Clock.Advance(Poll);
        await FishPollAsync(StorePollOutcome.Changed);
        await Events.ExpectMsgAsync<AppRemoved>(e => e.App.Name == "beta");
    }

    [Fact]
    public async Task Cache_StartRetriesUsedUpWithoutACacheFile_FailsNamingTheServerAndTheMissingCache()
    {
        Serve("{}", 503);
        Start(Only(Rest(s => s with { StartRetries = 0 })));
        var failed = await Lifecycle.FishForMessageAsync<StoreFailed>(f => f.StoreId == "rest-0");
        failed.Cause.Should().Contain("503").And.Contain("the start retries (0) are used up and there is no cache file");
        await Lifecycle.FishForMessageAsync<RequiredStoresFailed>(_ => true);
    }

    [Fact]
    public async Task Poll_ServerFlapsBetween200And500AndTimeouts_NeverLosesAnAppNorPublishesAFalseEvent()
    {
        var apps = new[] { Defs.Window("alpha"), Defs.Window("beta"), Defs.Window("gamma") };
        Serve(Defs.Response(apps));
        Start(Only(Rest()));
        await LoadInitialAsync("alpha", "beta", "gamma");
        var expected = (await AppsAsync()).Select(a => (a.Name, a.ContentHash)).ToList();

        var failures = 0;
        for (var cycle = 0; cycle < 36; cycle++)
        {
            var mode = cycle % 6;
            var timeout = false;
            switch (mode)
            {
                case 0:
                    Serve(Defs.Response(apps));
                    break;
                case 1:
                    Serve("{\"error\": \"boom\"}", 500);
                    break;
                case 2:
                    _server.Handler = _server.HangAsync;
                    timeout = true;
                    break;
                case 3:
                    // Same content, other order and whitespace.
                    Serve(Defs.Response(apps.Reverse()).Replace(": ", ":", StringComparison.Ordinal));
                    break;
                case 4:
                    Serve("{\"applications\": [", 200);
                    break;
                default:
                    Serve("<html>bad gateway</html>", 502);
                    break;
            }

            Clock.Advance(Poll);
            await _server.NextRequestAsync();
            if (timeout)
            {
                Clock.Advance(RequestTimeout);
            }

            var failed = mode is 1 or 2 or 4 or 5;
            var polled = await ExpectPollAsync(failed ? StorePollOutcome.Failed : StorePollOutcome.Unchanged);
            polled.AppCount.Should().Be(3, $"cycle {cycle} (mode {mode}) must keep every app");
            if (failed)
            {
                failures++;
                await Errors.ExpectMsgAsync<StoreError>(TimeSpan.FromSeconds(5));
            }
        }

        await ExpectNoAppEventsAsync();
        (await AppsAsync()).Select(a => (a.Name, a.ContentHash)).Should().Equal(expected);
        failures.Should().Be(24);
    }
}
