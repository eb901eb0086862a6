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

/// <summary>
/// Hostile payloads where they enter a store, from a real HTTP server on 127.0.0.1 (REST and io.Manager) or files (path
/// store, cache): bytes that are not UTF-8, strings .NET cannot read, payloads over the size limit, unusable session
/// tokens. Each is a store error naming the place; the store keeps its last good set and keeps running.
/// </summary>
public sealed class HostilePayloadTests(ITestOutputHelper output) : StoreTestKit(output), IAsyncLifetime
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(60);
    private readonly TempFolder _cache = new();
    private readonly TempFolder _folder = new();
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
        _folder.Dispose();
    }

    private RestStoreSettings Rest() => new() { Id = "rest-0", Url = _server.Url("apps"), CacheFolder = _cache.Path, PollInterval = Poll };

    private void Serve(string body, bool announceLength = false) => Serve(Encoding.UTF8.GetBytes(body), announceLength);

    private void Serve(byte[] body, bool announceLength = false) => _server.Handler = async ctx =>
    {
        ctx.Response.ContentType = "application/json";
        if (announceLength)
        {
            ctx.Response.ContentLength = body.Length;
        }

        await ctx.Response.Body.WriteAsync(body);
    };

    // The UTF-8 of the text with every '~' replaced by the byte 0xFF, which no UTF-8 text holds.
    private static byte[] WithInvalidByte(string text) => [.. Encoding.UTF8.GetBytes(text).Select(b => b == (byte)'~' ? (byte)0xFF : b)];

    private async Task LoadAsync(params string[] names)
    {
        foreach (var name in names)
        {
            await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == name);
        }

        await ExpectPollAsync(StorePollOutcome.Changed);
        (await NamesAsync()).Should().Equal(names);
    }

    [Fact]
    public async Task RestPoll_BytesThatAreNotUtf8_KeepTheLastGoodSetAndNameTheLine()
    {
        Serve(Defs.Response(Defs.Window("alpha"), Defs.Window("beta")));
        Start(Only(Rest()));
        await LoadAsync("alpha", "beta");

        Serve(WithInvalidByte(Defs.Response(Defs.Window("alpha", "https://alpha.v2/"), Defs.Window("be~ta"))));
        Clock.Advance(Poll);
        await ExpectPollAsync(StorePollOutcome.Failed);
        var error = await Errors.ExpectMsgAsync<StoreError>();
        error.Message.Should().StartWith("invalid UTF-8").And.Contain("0xFF");
        (error.Line, error.Column).Should().Be((2, 13), error.ToString());
        await ExpectNoAppEventsAsync();
        (await AppsAsync()).Single(a => a.Name == "alpha").Definition.Details.GetProperty("url").GetString().Should().Be("https://example.com/");
    }

    [Fact]
    public async Task RestPoll_EnvelopeStringThatIsNoText_RejectsTheResponseNamingTheProperty()
    {
        Serve(Defs.Response(Defs.Window("alpha")));
        Start(Only(Rest()));
        await LoadAsync("alpha");

        Serve("""{"message": "\udc00", "applications": [""" + Defs.Window("alpha", "https://alpha.v2/") + "]}");
        Clock.Advance(Poll);
        await ExpectPollAsync(StorePollOutcome.Failed);
        var error = await Errors.ExpectMsgAsync<StoreError>();
        error.Message.Should().Contain("\"message\"").And.Contain("lone surrogate");
        (error.Line, error.Column).Should().Be((1, 13), error.ToString());
        await ExpectNoAppEventsAsync();
    }

    [Fact]
    public async Task RestPoll_RecordWhoseNameIsNoText_IsRejectedAloneAndTheOthersUpdate()
    {
        Serve(Defs.Response(Defs.Window("alpha"), Defs.Window("beta")));
        Start(Only(Rest()));
        await LoadAsync("alpha", "beta");

        Serve(Defs.Response(Defs.Window("alpha", "https://alpha.v2/"), Defs.Window("beta"), Defs.Window("\\udc00")));
        Clock.Advance(Poll);
        await ExpectPollAsync(StorePollOutcome.Changed);
        await Events.ExpectMsgAsync<AppChanged>(e => e.Current.Name == "alpha");
        var error = await Errors.ExpectMsgAsync<StoreError>();
        error.Line.Should().Be(3, error.ToString());
        await ExpectNoAppEventsAsync();
        (await NamesAsync()).Should().Equal("alpha", "beta");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RestPoll_ResponseOverMaxPayloadSize_IsNotReadAndTheLastGoodSetStays(bool announceLength)
    {
        Serve(Defs.Response(Defs.Window("alpha")), announceLength);
        Start(Only(Rest() with { MaxPayloadSize = 4096 }));
        await LoadAsync("alpha");

        Serve(Defs.Response(Enumerable.Range(0, 100).Select(i => Defs.Window($"app-{i}"))), announceLength);
        Clock.Advance(Poll);
        await ExpectPollAsync(StorePollOutcome.Failed);
        (await Errors.ExpectMsgAsync<StoreError>()).Message.Should().Contain("more than maxPayloadSize (4096 bytes)");
        await ExpectNoAppEventsAsync();
        (await NamesAsync()).Should().Equal("alpha");
    }

    [Fact]
    public async Task RestCache_CacheFileThatIsNotUtf8_IsAStoreErrorNamingItAndTheStoreRecovers()
    {
        var file = StoreCacheFile.FileName(_cache.Path, "rest-0", _server.Url("apps").ToString());
        await File.WriteAllBytesAsync(file, WithInvalidByte(Defs.Response(Defs.Window("al~pha"))));
        _server.Handler = ctx => TestHttpServer.WriteJsonAsync(ctx, "{}", 503);
        Start(Only(Rest() with { StartRetries = 10, StartRetryInterval = TimeSpan.FromSeconds(60), ReadCacheAfter = TimeSpan.FromSeconds(30) }));
        await ExpectPollAsync(StorePollOutcome.Failed);

        Clock.Advance(TimeSpan.FromSeconds(30));
        await Errors.FishForMessageAsync<StoreError>(e => e.Source == file && e.Message.StartsWith("invalid UTF-8", StringComparison.Ordinal) && e.Line == 1);

        // The store still runs: the service comes back at the next retry.
        Serve(Defs.Response(Defs.Window("alpha")));
        Clock.Advance(TimeSpan.FromSeconds(30));
        await Events.ExpectMsgAsync<AppAdded>(e => e.App.Name == "alpha");
        await Lifecycle.FishForMessageAsync<StoreLoaded>(l => l.StoreId == "rest-0" && !l.FromCache);
    }

    [Fact]
    public async Task ServerTokenRefresh_TokenThatIsNoText_KeepsTheSessionAndEveryApp()
    {
        var sessions = 0;
        var hostileNext = false;
        var apps = Defs.Response(Defs.Window("managed"), Defs.Window("second"));
        _server.Handler = async ctx =>
        {
            if (ctx.Request.Path.Value is "/api/user/hello" or "/api/user/refresh")
            {
                var hostile = Volatile.Read(ref hostileNext);
                Volatile.Write(ref hostileNext, false);
                await TestHttpServer.WriteJsonAsync(ctx, hostile ? """{"token": "\udc00"}""" : $$"""{"token": "session-{{Interlocked.Increment(ref sessions)}}"}""");
                return;
            }

            await TestHttpServer.WriteJsonAsync(ctx, Volatile.Read(ref apps));
        };
        var settings = new ServerStoreSettings { Url = _server.Url("api"), CacheFolder = _cache.Path, PollInterval = TimeSpan.FromHours(2), TokenRefreshInterval = TimeSpan.FromMinutes(30) };
        Start(new AppStoresSettings { Server = settings, EnableInMemoryStore = false });
        await LoadAsync("managed", "second");

        // io.Manager now answers the refresh with a token .NET cannot read, and "second" with a record that is invalid:
        // the last good "second" must stay, whatever happens to the session.
        Volatile.Write(ref hostileNext, true);
        Volatile.Write(ref apps, Defs.Response(Defs.Window("managed"), """{"name": "second", "type": "window", "details": {"url": 1}}"""));
        Clock.Advance(TimeSpan.FromMinutes(30));
        await Errors.FishForMessageAsync<StoreError>(e => e.Message.StartsWith("token refresh failed", StringComparison.Ordinal) && e.Message.Contains("cannot be read as text", StringComparison.Ordinal));

        Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromMinutes(30));
        await FishPollAsync(StorePollOutcome.Unchanged);
        await ExpectNoAppEventsAsync();
        (await NamesAsync()).Should().Equal("managed", "second");
    }

    [Theory]
    [InlineData("""{"token": "a\r\nb"}""", "cannot be sent in an HTTP header")]
    [InlineData("""{"token": "\ud800"}""", "cannot be read as text")]
    [InlineData("""{"token": ""}""", "of 0 characters")]
    [InlineData("""{"session": "x"}""", "without a \"token\" string")]
    public async Task ServerHello_UnusableToken_IsRefusedSayingWhy(string answer, string expected)
    {
        _server.Handler = ctx => TestHttpServer.WriteJsonAsync(ctx, answer);
        Start(new AppStoresSettings { Server = new ServerStoreSettings { Url = _server.Url("api"), CacheFolder = _cache.Path, StartRetries = 0 }, EnableInMemoryStore = false });
        var error = await Errors.ExpectMsgAsync<StoreError>();
        error.Message.Should().Contain("/api/user/hello answered").And.Contain(expected);
        await Lifecycle.FishForMessageAsync<StoreFailed>(f => f.StoreId == "server");
    }

    [Fact]
    public async Task PathRescan_FileThatIsNotUtf8_KeepsItsLastGoodAppsAndTheOtherFilesUpdate()
    {
        _folder.Write("a.json", Defs.Window("one"));
        _folder.Write("b.json", Defs.Window("two"));
        Start(Only(new PathStoreSettings { Id = "local", Path = _folder.Path, Watch = false }));
        await LoadAsync("one", "two");

        _folder.Write("a.json", Defs.Window("one", "https://one.v2/"));
        await File.WriteAllBytesAsync(_folder.File("b.json"), WithInvalidByte(Defs.Window("t~wo", "https://two.v2/")));
        Clock.Advance(TimeSpan.FromSeconds(30));
        await ExpectPollAsync(StorePollOutcome.Changed);
        await Events.ExpectMsgAsync<AppChanged>(e => e.Current.Name == "one");
        var error = await Errors.ExpectMsgAsync<StoreError>();
        error.Source.Should().Be(_folder.File("b.json"));
        error.Message.Should().StartWith("invalid UTF-8");
        (error.Line, error.Column).Should().Be((1, 12), error.ToString());
        await ExpectNoAppEventsAsync();
        (await AppsAsync()).Single(a => a.Name == "two").Definition.Details.GetProperty("url").GetString().Should().Be("https://example.com/");
    }

    [Fact]
    public async Task PathRescan_FileOverMaxPayloadSize_IsNotReadAndKeepsItsLastGoodApps()
    {
        _folder.Write("a.json", Defs.Window("one"));
        Start(Only(new PathStoreSettings { Id = "local", Path = _folder.Path, Watch = false, MaxPayloadSize = 4096 }));
        await LoadAsync("one");

        _folder.Write("a.json", "[" + string.Join(",", Enumerable.Range(0, 100).Select(i => Defs.Window($"app-{i}"))) + "]");
        Clock.Advance(TimeSpan.FromSeconds(30));
        await FishPollAsync(StorePollOutcome.Unchanged);
        (await Errors.ExpectMsgAsync<StoreError>()).Message.Should().Contain("more than maxPayloadSize (4096 bytes)").And.Contain("last good definitions are kept");
        await ExpectNoAppEventsAsync();
        (await NamesAsync()).Should().Equal("one");
    }
}
