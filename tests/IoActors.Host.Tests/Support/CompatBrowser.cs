using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;
using Microsoft.Playwright;

namespace IoActors.Host.Tests.Support;

/// <summary>
/// The web compat pages (tests/compat/web, with the real bundles of tests/compat/node_modules) served over HTTP, and a
/// headless system Chromium (Playwright) that opens them as platform instances: each page gets the instance's
/// starting context through <see cref="TestWindowPreload"/> before any of its scripts. Stands in for the platform's
/// own window host until that opens <c>window</c> apps in Chromium. Without a browser the tests skip (they fail with
/// <c>IOACTORS_REQUIRE_BROWSER=1</c>); disposing closes every page and the browser process.
/// </summary>
public sealed class CompatBrowser : IAsyncDisposable
{
    private readonly TestHttpServer _server;
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<CompatPage> _pages = [];

    private CompatBrowser(TestHttpServer server, IPlaywright playwright, IBrowser browser)
    {
        _server = server;
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>Serves tests/compat and starts the browser; skips the test when there is no browser.</summary>
    public static async Task<CompatBrowser> StartAsync()
    {
        var chromium = BrowserLocator.Find();
        if (chromium is null)
        {
            if (BrowserLocator.Required)
            {
                throw new InvalidOperationException("IOACTORS_REQUIRE_BROWSER=1 but " + BrowserLocator.Missing);
            }

            throw new SkipTestException(BrowserLocator.Missing);
        }

        if (!File.Exists(Path.Combine(CompatHost.Scripts, "node_modules", "@interopio", "fdc3", "dist", "fdc3.umd.js")))
        {
            throw new InvalidOperationException("tests/compat/node_modules lacks @interopio/fdc3: run `npm ci` in tests/compat");
        }

        var files = new PhysicalFileProvider(CompatHost.Scripts);
        var server = await TestHttpServer.StartAsync(app => app.UseStaticFiles(new StaticFileOptions { FileProvider = files }));
        IPlaywright? playwright = null;
        try
        {
            playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
            return new CompatBrowser(server, playwright, browser);
        }
        catch
        {
            playwright?.Dispose();
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The URL of a page of tests/compat/web (e.g. <c>fdc3-chart.html</c>), for app definitions' <c>details.url</c>.</summary>
    public Uri PageUrl(string page) => _server.Url("web/" + page);

    /// <summary>
    /// Opens the app's <c>details.url</c> page as the running instance <paramref name="instanceId"/> of
    /// <paramref name="appName"/>: a fresh browser context whose preload is the starting context the host's gateway
    /// issues for that instance (a token tied to it).
    /// </summary>
    public async Task<CompatPage> OpenAsync(CompatHost host, string instanceId, string appName, string page)
    {
        if (host.Host.Platform.Options.WindowHost is Platform.Instances.Windows.IPlatformWindows)
        {
            // A second page connected as the same instance would make every result ambiguous.
            throw new InvalidOperationException(
                "the platform opens window apps in its own window host now: its pages already run as the instances; drive them "
                + "through the interop method Compat.Call (or the DevTools protocol) instead of CompatBrowser.OpenAsync");
        }

        var startingContext = host.Gateway.CreateStartingContext(host.GatewayUrl, instanceId, appName);
        var context = await _browser.NewContextAsync();
        var opened = new CompatPage(context, appName, instanceId);
        lock (_pages)
        {
            _pages.Add(opened);
        }

        await context.AddInitScriptAsync(TestWindowPreload.Script(startingContext.ToJsonString()));
        await context.ExposeFunctionAsync<string>("__report", opened.Receive);
        var tab = await context.NewPageAsync();
        opened.Attach(tab);
        await tab.GotoAsync(PageUrl(page).ToString());
        return opened;
    }

    public async ValueTask DisposeAsync()
    {
        List<CompatPage> pages;
        lock (_pages)
        {
            pages = [.. _pages];
        }

        foreach (var page in pages)
        {
            await page.DisposeAsync();
        }

        await _browser.CloseAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
    }
}

/// <summary>
/// One open page: what it reported (its <c>window.__results</c>, as they arrive), what it logged, and calls into its
/// <c>window.compat</c> actions.
/// </summary>
public sealed class CompatPage : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private readonly IBrowserContext _context;
    private readonly Channel<JsonObject> _reports = Channel.CreateUnbounded<JsonObject>();
    private readonly List<string> _log = [];
    private IPage? _page;

    internal CompatPage(IBrowserContext context, string appName, string instanceId)
    {
        _context = context;
        AppName = appName;
        InstanceId = instanceId;
    }

    public string AppName { get; }

    public string InstanceId { get; }

    /// <summary>The page's console messages and uncaught errors so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    /// <summary>
    /// Waits for the page's next report named <paramref name="eventName"/> (skipping others); fails at once on an
    /// <c>error</c> report, and after the timeout with the page's log.
    /// </summary>
    public Task<JsonObject> NextAsync(string eventName, TimeSpan? timeout = null) => NextAsync(eventName, null, timeout);

    /// <summary>Waits for the page's next report named <paramref name="eventName"/> that <paramref name="wanted"/> takes (skipping others).</summary>
    public async Task<JsonObject> NextAsync(string eventName, Func<JsonObject, bool>? wanted, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        using var cts = new CancellationTokenSource(limit);
        try
        {
            while (true)
            {
                var report = await _reports.Reader.ReadAsync(cts.Token);
                var name = report["event"]?.ToString();
                if (name == eventName && (wanted is null || wanted(report)))
                {
                    return report;
                }

                if (name == "error")
                {
                    throw new InvalidOperationException($"{AppName} ({InstanceId}) reported an error while the test waited for '{eventName}': {report.ToJsonString()}\n{Log}");
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{AppName} ({InstanceId}) reported no '{eventName}' within {limit}; its log:\n{Log}");
        }
    }

    /// <summary>Calls <c>window.compat.&lt;action&gt;(...args)</c>; returns its <c>value</c>, or throws with the page's <c>error</c>.</summary>
    public async Task<JsonNode?> CallAsync(string action, params object?[] args)
    {
        var outcome = await TryCallAsync(action, args);
        return outcome["ok"]!.GetValue<bool>()
            ? outcome["value"]
            : throw new InvalidOperationException($"{AppName}: compat.{action} failed: {outcome["error"]}\n{Log}");
    }

    /// <summary>Calls <c>window.compat.&lt;action&gt;(...args)</c>; returns <c>{ok, value}</c> or <c>{ok:false, error}</c>.</summary>
    public async Task<JsonObject> TryCallAsync(string action, params object?[] args)
    {
        var page = _page ?? throw new InvalidOperationException("the page is not open");
        // The arguments travel as JSON text (parsed in the page): JSON nodes, strings and numbers alike.
        var arguments = new JsonArray([.. args.Select(a => a is JsonNode n ? n.DeepClone() : System.Text.Json.JsonSerializer.SerializeToNode(a))]);
        var json = await page.EvaluateAsync<string>(
            "async ([action, args]) => JSON.stringify(await window.compat[action](...JSON.parse(args)))",
            new[] { action, arguments.ToJsonString() });
        return JsonNode.Parse(json)!.AsObject();
    }

    /// <summary>The page's <c>document.title</c>.</summary>
    public Task<string> TitleAsync() => (_page ?? throw new InvalidOperationException("the page is not open")).TitleAsync();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _context.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // Already closed with the browser.
        }
    }

    internal void Receive(string json)
    {
        if (JsonNode.Parse(json) is JsonObject report)
        {
            _reports.Writer.TryWrite(report);
            Append("report " + json);
        }
    }

    internal void Attach(IPage page)
    {
        _page = page;
        page.Console += (_, message) => Append($"console.{message.Type}: {message.Text}");
        page.PageError += (_, error) => Append("uncaught: " + error);
    }

    private void Append(string line)
    {
        lock (_log)
        {
            _log.Add(line);
        }
    }
}
