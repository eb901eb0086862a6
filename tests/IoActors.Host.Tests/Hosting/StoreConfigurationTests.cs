using IoActors.Testing;
using FluentAssertions;
using IoActors.Apps.Registry;

using IoActors.Host.Commands;
using IoActors.Host.Hosting;
using IoActors.Host.Tests.Support;
using IoActors.Platform.Boot;

namespace IoActors.Host.Tests.Hosting;

/// <summary>
/// The app store settings as the host reads them from its HOCON file, against real HTTP servers on 127.0.0.1 playing a REST
/// store or io.Manager: the cache when start retries run out, a <c>server</c> entry of <c>appStores</c>, the io.Manager
/// store's own REST settings and <c>isRequired</c>, configured store ids, and configuration errors naming the entry.
/// </summary>
public sealed class StoreConfigurationTests : IAsyncLifetime
{
    private static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(20);
    private readonly string _folder = Directory.CreateTempSubdirectory("ioactors-stores-").FullName;
    private readonly List<PlatformHost> _hosts = [];
    private TestHttpServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await TestHttpServer.StartAsync();
        File.Copy(Path.Combine(HostFixture.RepositoryRoot, "hocon", "reference.conf"), Path.Combine(_folder, "reference.conf"));
        Directory.CreateDirectory(Path.Combine(_folder, "apps"));
        Write("apps/local.json", Definition("local"));

        // A definition file beside the configuration: no store reads the configuration folder.
        Write("stray.json", Definition("stray"));
        Write("system.json", """{ "appStores": [] }""");
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Api => _server.Url("api").ToString();

    private static string Definition(string name, string? title = null) =>
        $$"""{ "name": "{{name}}", "title": "{{title ?? name}}", "type": "window", "details": { "url": "https://example.com/{{name}}" } }""";

    private void Write(string file, string text) => File.WriteAllText(Path.Combine(_folder, file), text);

    private string Config(string stores)
    {
        var path = Path.Combine(_folder, "test.conf");
        File.WriteAllText(path, $$"""
            include required("reference.conf")
            {{stores}}
            gw.enabled = false
            ioactors {
              dataFolder = "data"
              api.port = 0
              api.token = "store-test-token"
              shutdown.budget = 10s
              logging.file = null
            }
            """);
        return path;
    }

    // Loads, validates and starts the host on the configuration, as `ioactors run` does.
    private async Task<PlatformHost> StartAsync(string stores)
    {
        var options = HostConfiguration.Load(Config(stores));
        options.Validate();
        var host = await PlatformHost.StartAsync(options);
        _hosts.Add(host);
        return host;
    }

    private async Task StopAsync(PlatformHost host)
    {
        _hosts.Remove(host);
        await host.DisposeAsync();
    }

    private static async Task<Dictionary<string, RegisteredApp>> AppsAsync(PlatformHost host) =>
        (await host.Platform.AppManager.SnapshotAsync()).Apps.ToDictionary(a => a.Name);

    // io.Manager: sessions from /api/user/hello, the apps at /api/user/apps; `down` answers 503 to everything.
    private void PlayIoManager(string apps, bool down = false) => _server.Handler = async ctx =>
    {
        if (down)
        {
            ctx.Response.StatusCode = 503;
            return;
        }

        if (ctx.Request.Path == "/api/user/hello")
        {
            await TestHttpServer.WriteJsonAsync(ctx, """{ "token": "session-1" }""");
            return;
        }

        await TestHttpServer.WriteJsonAsync(ctx, apps);
    };

    [Fact]
    public async Task RequiredRestStore_StartRetriesRunOutBeforeReadCacheAfter_BootsFromItsCacheAtOnce()
    {
        _server.Handler = ctx => TestHttpServer.WriteJsonAsync(ctx, $$"""{ "applications": [ {{Definition("remote-notes")}} ] }""");
        var stores = $$"""appStores = [ { type = rest, details { url = "{{_server.Url("apps")}}", startRetries = 0, cacheFolder = "cache" } } ]""";
        var first = await StartAsync(stores);
        await first.Platform.WhenBooted.WaitAsync(BootTimeout);
        await StopAsync(first);
        Directory.GetFiles(Path.Combine(_folder, "cache")).Should().ContainSingle("the first boot wrote the cache");

        // The service is down at the next start; readCacheAfter keeps its default of 30 s.
        _server.Handler = ctx => TestHttpServer.WriteJsonAsync(ctx, "{}", 503);
        _server.DrainArrivals();
        var second = await StartAsync(stores);
        var report = await second.Platform.WhenBooted.WaitAsync(BootTimeout);
        report.Succeeded.Should().BeTrue();
        (await AppsAsync(second))["remote-notes"].StoreId.Should().Be("store-0");
        _server.DrainArrivals().Should().Be(1, "startRetries = 0: one attempt, then the cache");
    }

    [Fact]
    public async Task ServerEntryInAppStores_IsTheIoManagerStoreAtItsPlaceWithItsOverrides()
    {
        PlayIoManager($$"""[ {{Definition("managed")}}, {{Definition("shared", "from io.Manager")}} ]""");
        Write("apps/shared.json", Definition("shared", "from the folder"));
        var host = await StartAsync($$"""
            server { enabled = true, url = "{{Api}}", headers { X-Tenant = blue } }
            appStores = [
              { type = server, appDefinitionOverrides { allowMultiple = false } }
              { type = path, details.path = "apps" }
            ]
            """);
        await host.Platform.WhenBooted.WaitAsync(BootTimeout);

        var apps = await AppsAsync(host);
        apps.Keys.Should().BeEquivalentTo(["local", "managed", "shared"], "the configuration folder (stray.json, system.json) is no store");
        apps["managed"].StoreId.Should().Be("server");
        apps["managed"].Definition.Json.GetProperty("allowMultiple").GetBoolean().Should().BeFalse("the entry's appDefinitionOverrides apply");
        apps["shared"].StoreId.Should().Be("server", "io.Manager is listed first, so it wins the name");
        apps["shared"].Definition.Title.Should().Be("from io.Manager");
        apps["local"].Definition.Json.TryGetProperty("allowMultiple", out _).Should().BeFalse();
        _server.Requests.First().Header("X-Tenant").Should().Be("blue");
    }

    [Fact]
    public async Task ServerEntryNotRequired_IoManagerDown_BootsWithoutItsApps()
    {
        PlayIoManager("[]", down: true);
        var host = await StartAsync($$"""
            server { enabled = true, url = "{{Api}}", startRetries = 0 }
            appStores = [ { type = path, details.path = "apps" }, { type = server, isRequired = false } ]
            """);
        var report = await host.Platform.WhenBooted.WaitAsync(BootTimeout);
        report.Succeeded.Should().BeTrue();
        (await _server.NextRequestAsync()).Path.Should().Be("/api/user/hello");
        (await AppsAsync(host)).Keys.Should().Equal("local");
    }

    [Fact]
    public async Task IoManagerIsRequiredFalse_IoManagerDown_BootsWithoutItsApps()
    {
        PlayIoManager("[]", down: true);
        var host = await StartAsync($$"""
            server { enabled = true, url = "{{Api}}", isRequired = false }
            appStores = [ { type = path, details.path = "apps" } ]
            """);
        var report = await host.Platform.WhenBooted.WaitAsync(BootTimeout);
        report.Succeeded.Should().BeTrue();
        (await AppsAsync(host)).Keys.Should().Equal("local");
    }

    [Fact]
    public async Task IoManagerRestSettings_RequestTimeoutAndStartRetries_AreTheConfiguredOnes()
    {
        _server.Handler = _server.HangAsync;
        var host = await StartAsync($$"""
            server { enabled = true, url = "{{Api}}", requestTimeout = 300ms, startRetries = 1, startRetryInterval = 200ms, enablePersistentCache = false, events.enabled = false }
            """);

        // The event reporter is off: it shares the store's session and would say hello on its own once its first batch
        // is due (1 s after the boot started), which a loaded machine reaches before the count below.
        var boot = () => host.Platform.WhenBooted.WaitAsync(BootTimeout);
        var failure = await boot.Should().ThrowAsync<BootFailedException>();
        failure.Which.Message.Should().Contain("store 'server'").And.Contain("timed out after 300 ms (requestTimeout)");
        _server.Requests.Count(r => r.Path == "/api/user/hello").Should().Be(2, "one attempt and one start retry");
    }

    [Fact]
    public async Task ConfiguredStoreIds_NameTheStoresAndTheirCacheFiles()
    {
        _server.Handler = ctx => TestHttpServer.WriteJsonAsync(ctx, $$"""{ "applications": [ {{Definition("remote-notes")}} ] }""");
        var host = await StartAsync($$"""
            appStores = [
              { type = rest, id = "corp-apps", details { url = "{{_server.Url("apps")}}", cacheFolder = "cache" } }
              { type = path, id = "local.folder", details.path = "apps" }
            ]
            """);
        await host.Platform.WhenBooted.WaitAsync(BootTimeout);
        var apps = await AppsAsync(host);
        apps["remote-notes"].StoreId.Should().Be("corp-apps");
        apps["local"].StoreId.Should().Be("local.folder");
        Directory.GetFiles(Path.Combine(_folder, "cache")).Select(Path.GetFileName).Should().ContainSingle().Which.Should().StartWith("corp-apps-");
    }

    [Theory]
    [InlineData("appStores = [ { type = server } ]", "appStores[0].type: \"server\" selects the io.Manager store, which needs server.enabled = true")]
    [InlineData("server { enabled = true, url = \"http://127.0.0.1:9/api\" }\nappStores = [ { type = server }, { type = server } ]", "appStores[1].type: \"server\" is already listed at appStores[0]")]
    [InlineData("server { enabled = true, url = \"http://127.0.0.1:9/api\" }\nappStores = [ { type = server, details { url = \"http://127.0.0.1:9/other\" } } ]", "appStores[0].details: a \"server\" store takes no details")]
    [InlineData("server { enabled = true, url = \"http://127.0.0.1:9/api\", isRequired = false }\nappStores = [ { type = server } ]", "server.isRequired: false contradicts appStores[0].isRequired (true)")]
    [InlineData("systemAppStores = [ { type = server } ]", "systemAppStores[0].type: \"server\" must be one of path, rest")]
    [InlineData("appStores = [ { type = pth, details.path = apps } ]", "appStores[0].type: \"pth\" must be one of path, rest, server")]
    [InlineData("appStores = [ { details.path = apps } ]", "appStores[0].type: null must be one of path, rest, server")]
    [InlineData("appStores = [ { type = rest } ]", "appStores[0].details.url: null must be an absolute http:// or https:// URL")]
    [InlineData("appStores = [ { type = path, id = \"a/b\", details.path = apps } ]", "appStores[0].id: \"a/b\" must have 1 to 64 ASCII letters")]
    [InlineData("appStores = [ { type = path, id = \"..\", details.path = apps } ]", "appStores[0].id: \"..\" must have")]
    [InlineData("appStores = [ { type = path, id = x, details.path = apps }, { type = path, id = x, details.path = apps } ]", "appStores[1].id: \"x\" is already the id of appStores[0]")]
    [InlineData("appStores = [ { type = path, id = store-1, details.path = apps }, { type = path, details.path = apps } ]", "appStores[1].id: \"store-1\" is already the id of appStores[0]")]
    [InlineData("appStores = [ { type = path, id = in-memory, details.path = apps } ]", "appStores[0].id: \"in-memory\" is already the id of the in-memory store")]
    [InlineData("server { enabled = true, url = \"http://127.0.0.1:9/api\", requestTimeout = 0, startRetries = -1 }", "server.requestTimeout: 0 must be > 0")]
    [InlineData("server { enabled = true, url = \"http://127.0.0.1:9/api\", requestTimeout = 0, startRetries = -1 }", "server.startRetries: -1 must be >= 0")]
    [InlineData("appStores = [ { type = rest, details { url = \"http://127.0.0.1:9/\", headers { X-Bad = \"a\\nb\" } } } ]", "appStores[0].details.headers.X-Bad: the value must be one line of text")]
    public async Task Run_InvalidStoreEntry_FailsNamingTheEntryAndTheField(string stores, string expected)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // A configuration that were taken as valid would run the host until a signal: the wait is bounded.
        var code = await RunCommand.RunAsync(Config(stores), [], output, error).WaitAsync(TimeSpan.FromSeconds(30));
        code.Should().Be(1, error.ToString());
        error.ToString().Should().Contain("invalid configuration").And.Contain(expected);
    }
}
