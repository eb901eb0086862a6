using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Tests.Support;
using IoActors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using Xunit;

namespace IoActors.Gateway.Tests;

/// <summary>
/// The real io.windows library (<c>@interopio/desktop</c>'s browser build) in the system Chromium, in a page set up as the
/// platform's window host sets up its windows (<c>window.glue42gd</c> with the window's instance id and a gateway token,
/// <c>window.glueDesktop</c> with the version that selects the "GD" windows environment), over a fake windows platform.
/// </summary>
public sealed class BrowserWindowsTests : IAsyncLifetime
{
    private const string Page = "<!doctype html><html><head><title>page</title><script src=\"desktop.browser.js\"></script></head><body></body></html>";
    private readonly FakeWindowsPlatform _platform = new();
    private GatewayHost _host = null!;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _console = new();
    private string? _skip;

    public async Task InitializeAsync()
    {
        _platform.AddApp("wapp", "window");
        _platform.AddInstance("wapp", "w-my");
        _platform.Open(FakeWindowsPlatform.Window("w-my", "wapp", "Mine"));
        _platform.Open(FakeWindowsPlatform.Window("w-other", "other", "Other"));
        var bundle = Path.Combine(await CompatDirectory.EnsureInstalledAsync(), "node_modules", "@interopio", "desktop", "dist", "desktop.browser.js");
        // The window's page and the library from the gateway's own loopback origin, as the platform serves app pages.
        _host = await GatewayHost.StartAsync(platform: _platform, map: app =>
        {
            app.MapGet("/window/", () => Results.Content(Page, "text/html"));
            app.MapGet("/window/desktop.browser.js", () => Results.File(bundle, "application/javascript"));
        });
        var chromium = BrowserLocator.Find();
        if (chromium is null)
        {
            _skip = BrowserLocator.Missing;
            if (BrowserLocator.Required)
            {
                throw new InvalidOperationException("IOACTORS_REQUIRE_BROWSER=1 but " + _skip);
            }

            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _host.DisposeAsync();
    }

    [SkippableFact]
    public async Task The_windows_library_lists_finds_and_drives_the_platform_windows()
    {
        var page = await OpenWindowPageAsync("w-my", "wapp");

        var start = await EvalAsync(page, """
            async () => {
              // appManager "full": the instances are tracked (the default only starts apps).
              window.io = await IODesktop({ appManager: "full" });
              const my = io.windows.my();
              const instance = io.appManager.instances().find(i => i.id === "w-my");
              return {
                id: my?.id, title: my?.title, found: io.windows.find("w-other")?.id ?? null, list: io.windows.list().map(w => w.id).sort(),
                instanceWindow: instance?.window?.id ?? null, windowApp: my?.application?.name ?? null,
              };
            }
            """);
        start["id"]!.ToString().Should().Be("w-my", start.ToJsonString());
        start["title"]!.ToString().Should().Be("Mine");
        start["found"]!.ToString().Should().Be("w-other");
        start["instanceWindow"]!.ToString().Should().Be("w-my", "io.appManager ties an instance to the window with its id");
        start["windowApp"]!.ToString().Should().Be("wapp", "a window's applicationName names its app");
        start["list"]!.AsArray().Select(n => n!.ToString()).Should().Equal("w-my", "w-other");

        var titled = await EvalAsync(page, """
            async () => {
              const my = io.windows.my();
              // The callback is called at once with the current title, then on each change.
              const seen = [];
              const changed = new Promise(r => my.onTitleChanged(t => { seen.push(t); if (t === "Renamed") r(t); }));
              await my.setTitle("Renamed");
              return { title: my.title, event: await changed, seen };
            }
            """);
        titled["title"]!.ToString().Should().Be("Renamed");
        titled["event"]!.ToString().Should().Be("Renamed");
        titled["seen"]!.AsArray().Select(n => n!.ToString()).Should().Equal(["Mine", "Renamed"], "the title changed once");
        _platform.FindWindow("w-my")!.Title.Should().Be("Renamed");

        var moved = await EvalAsync(page, """
            async () => {
              const my = io.windows.my();
              const changed = new Promise(r => my.onBoundsChanged(w => r(w.bounds)));
              await my.moveResize({ left: 50, top: 60, width: 640, height: 480 });
              return { bounds: await my.getBounds(), event: await changed };
            }
            """);
        var expected = new JsonObject { ["left"] = 50, ["top"] = 60, ["width"] = 640, ["height"] = 480 };
        JsonNode.DeepEquals(moved["bounds"], expected).Should().BeTrue(moved.ToJsonString());
        JsonNode.DeepEquals(moved["event"], expected).Should().BeTrue(moved.ToJsonString());
        _platform.FindWindow("w-my")!.Bounds.Should().Be(new GatewayWindowBounds(50, 60, 640, 480));

        var closed = await EvalAsync(page, """
            async () => {
              const other = io.windows.findById("w-other");
              const onClose = new Promise(r => other.onClose(() => r(true)));
              const removed = new Promise(r => io.windows.onWindowRemoved(w => r(w.id)));
              await other.close();
              return { closed: await onClose, removed: await removed, list: io.windows.list().map(w => w.id) };
            }
            """);
        closed["closed"]!.GetValue<bool>().Should().BeTrue();
        closed["removed"]!.ToString().Should().Be("w-other");
        closed["list"]!.AsArray().Select(n => n!.ToString()).Should().Equal("w-my");
        _platform.FindWindow("w-other").Should().BeNull();

        await EvalAsync(page, """
            async () => {
              window.added = new Promise(r => io.windows.onWindowAdded(w => { if (w.id === "w-new") r({ id: w.id, title: w.title, url: w.url }); }));
              return {};
            }
            """);
        _platform.Open(FakeWindowsPlatform.Window("w-new", "newapp", "New"));
        var added = await EvalAsync(page, "async () => await window.added");
        added["title"]!.ToString().Should().Be("New");
        added["url"]!.ToString().Should().Be("http://127.0.0.1/newapp");

        _platform.Headless = true;
        var refused = await EvalAsync(page, """
            async () => {
              try { await io.windows.my().focus(); return { error: null }; }
              catch (e) { return { error: String(e?.message ?? e) }; }
            }
            """);
        refused["error"]!.ToString().Should().Contain("the browser runs headless: a window cannot focus");
    }

    [SkippableFact]
    public async Task A_window_reads_its_instance_context_and_updates_and_replaces_it()
    {
        _platform.Contexts["w-my"] = new JsonObject { ["symbol"] = "AAPL", ["qty"] = 10 };
        var page = await OpenWindowPageAsync("w-my", "wapp");

        var result = await EvalAsync(page, """
            async () => {
              window.io = await IODesktop();
              const my = io.windows.my();
              const started = await my.getContext();
              const seen = [];
              my.onContextUpdated(c => seen.push(c));
              await my.updateContext({ qty: 20, side: "buy" });
              const updated = await my.getContext();
              await my.updateContext({ side: undefined });
              const removed = await my.getContext();
              await my.setContext({ only: true });
              const replaced = await my.getContext();
              let refused = null;
              try { await my.setContext(null); } catch (e) { refused = String(e?.message ?? e); }
              return { started, updated, removed, replaced, seen, refused };
            }
            """);
        JsonNode.DeepEquals(result["started"], new JsonObject { ["symbol"] = "AAPL", ["qty"] = 10 }).Should().BeTrue("getContext gives the instance's start context: " + result.ToJsonString());
        JsonNode.DeepEquals(result["updated"], new JsonObject { ["symbol"] = "AAPL", ["qty"] = 20, ["side"] = "buy" }).Should().BeTrue("updateContext merges: " + result.ToJsonString());
        JsonNode.DeepEquals(result["removed"], new JsonObject { ["symbol"] = "AAPL", ["qty"] = 20 }).Should().BeTrue("a key set to undefined is removed: " + result.ToJsonString());
        JsonNode.DeepEquals(result["replaced"], new JsonObject { ["only"] = true }).Should().BeTrue("setContext replaces: " + result.ToJsonString());
        result["seen"]!.AsArray().Should().HaveCount(3, "each change reached onContextUpdated once: " + result.ToJsonString());
        JsonNode.DeepEquals(result["seen"]![2], new JsonObject { ["only"] = true }).Should().BeTrue(result.ToJsonString());
        result["refused"]!.ToString().Should().Contain("must not be null");
        JsonNode.DeepEquals(_platform.Contexts["w-my"], new JsonObject { ["only"] = true }).Should().BeTrue("the platform holds the window's context");
    }

    private async Task<IPage> OpenWindowPageAsync(string windowId, string app)
    {
        if (_skip is not null)
        {
            throw new SkipTestException(_skip);
        }

        var page = await _browser!.NewPageAsync();
        page.Console += (_, message) => _console.Enqueue($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => _console.Enqueue("page error: " + error);
        var gd = new JsonObject
        {
            ["gwURL"] = _host.Url.ToString(),
            ["windowId"] = windowId,
            ["appInstanceId"] = windowId,
            ["application"] = app,
            ["applicationName"] = app,
        };
        var token = _host.Gateway.IssueToken(windowId, app);
        await page.AddInitScriptAsync($$"""
            window.glueDesktop = { version: "9.0.0", versionNum: 90000 };
            window.glue42gd = Object.assign({{gd.ToJsonString()}}, { getGWToken: () => Promise.resolve({{JsonSerializer.Serialize(token)}}) });
            window.iodesktop = window.glue42gd;
            """);
        await page.GotoAsync(new Uri(new Uri(_host.Url.ToString().Replace("ws://", "http://", StringComparison.Ordinal)), "/window/").ToString());
        return page;
    }

    private async Task<JsonObject> EvalAsync(IPage page, string script)
    {
        // A rejection with something other than an Error (the library's interop errors are plain objects) is reported as text.
        var json = await page.EvaluateAsync<string>($$"""
            (async () => {
              try { return JSON.stringify(await ({{script}})()); }
              catch (e) { return JSON.stringify({ thrown: e instanceof Error ? String(e.stack ?? e) : (e?.message ?? JSON.stringify(Object.keys(e ?? {}))) }); }
            })()
            """);
        var result = JsonNode.Parse(json)!.AsObject();
        if (result["thrown"] is { } thrown)
        {
            throw new InvalidOperationException($"the page threw: {thrown}\nconsole:\n{string.Join("\n", _console.TakeLast(40))}");
        }

        return result;
    }
}
