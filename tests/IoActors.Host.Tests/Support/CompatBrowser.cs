using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using IoActors.Platform.Instances.Windows;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;
using PuppeteerSharp;

namespace IoActors.Host.Tests.Support;

/// <summary>
/// The web compat pages (tests/compat/web, with the real bundles of tests/compat/node_modules) served over HTTP on
/// 127.0.0.1, and a view of the pages the platform's own window host (the system Chromium, headless) opens for them:
/// <see cref="Watch"/> attaches to every window page before its URL loads (its reports and console), so a test reads
/// what an instance's page reported and calls its <c>window.compat</c> actions over the DevTools protocol. The pages
/// get their starting context from the platform's own preload, not from the test. Without a browser the tests skip
/// (they fail with <c>IOACTORS_REQUIRE_BROWSER=1</c>).
/// </summary>
public sealed class CompatBrowser : IAsyncDisposable
{
    private readonly TestHttpServer _server;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CompatPage>> _pages = new(StringComparer.Ordinal);

    private CompatBrowser(TestHttpServer server) => _server = server;

    /// <summary>Serves tests/compat; skips the test when there is no browser for the platform's window host.</summary>
    public static async Task<CompatBrowser> StartAsync()
    {
        if (BrowserLocator.Find() is null)
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
        return new CompatBrowser(await TestHttpServer.StartAsync(app => app.UseStaticFiles(new StaticFileOptions { FileProvider = files })));
    }

    /// <summary>The URL of a page of tests/compat/web (e.g. <c>fdc3-chart.html</c>), for app definitions' <c>details.url</c>.</summary>
    public Uri PageUrl(string page) => _server.Url("web/" + page);

    /// <summary>
    /// Starts a host with <paramref name="apps"/> in its in-memory store and a headless window host, waits until it has
    /// booted and watches its pages (<see cref="Watch"/>). The host is disposed again when booting fails.
    /// </summary>
    public async Task<CompatHost> StartHostAsync(Dictionary<string, string> apps, TimeSpan bootTimeout)
    {
        var host = await CompatHost.StartAsync(apps, "ioactors.windows.headless = on");
        try
        {
            await host.Host.Platform.WhenBooted.WaitAsync(bootTimeout);
            Watch(host);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Attaches to every page the host's window host opens from now on, before its URL loads. Call it before the
    /// first window instance starts (<see cref="StartInstanceAsync"/> does).
    /// </summary>
    public void Watch(CompatHost host)
    {
        var windows = WindowHostOf(host);
        windows.BeforeLoad = async window =>
        {
            var page = new CompatPage(window.Page, window.AppName, window.Id);
            await page.AttachAsync();
            _pages.GetOrAdd(window.Id, NewSlot).TrySetResult(page);
        };
    }

    /// <summary>Starts an instance of the window app through the HTTP API and returns its page (the platform opened it).</summary>
    public async Task<CompatPage> StartInstanceAsync(CompatHost host, string app)
    {
        Watch(host);
        var id = await host.StartInstanceAsync(app);
        return await PageOfAsync(id);
    }

    /// <summary>The page of window instance <paramref name="instanceId"/>, once the window host opened it (after <see cref="Watch"/>).</summary>
    public async Task<CompatPage> PageOfAsync(string instanceId, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        try
        {
            return await _pages.GetOrAdd(instanceId, NewSlot).Task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the window host opened no page for instance {instanceId} within {limit}");
        }
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static TaskCompletionSource<CompatPage> NewSlot(string _) => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static ChromiumWindowHost WindowHostOf(CompatHost host) =>
        host.Host.Platform.Options.WindowHost as ChromiumWindowHost
        ?? throw new InvalidOperationException("the host's window host is not the Chromium window host (ioactors.windows.host = chromium)");
}

/// <summary>
/// One window page: what it reported (its <c>window.__report</c> calls, as they arrive), what it logged, and calls into
/// its <c>window.compat</c> actions over the DevTools protocol.
/// </summary>
public sealed class CompatPage
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private readonly IPage _page;
    private readonly Channel<JsonObject> _reports = Channel.CreateUnbounded<JsonObject>();
    private readonly List<string> _log = [];

    internal CompatPage(IPage page, string appName, string instanceId)
    {
        _page = page;
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
        // The arguments travel as JSON text (parsed in the page): JSON nodes, strings and numbers alike.
        var arguments = new JsonArray([.. args.Select(a => a is JsonNode n ? n.DeepClone() : System.Text.Json.JsonSerializer.SerializeToNode(a))]);
        var json = await _page.EvaluateFunctionAsync<string>(
            "async (action, args) => JSON.stringify(await window.compat[action](...JSON.parse(args)))",
            action,
            arguments.ToJsonString());
        return JsonNode.Parse(json)!.AsObject();
    }

    /// <summary>The page's <c>document.title</c>.</summary>
    public Task<string> TitleAsync() => _page.GetTitleAsync();

    /// <summary>Evaluates a script expression in the page (e.g. to change <c>document.title</c> as its own script would).</summary>
    public Task EvaluateAsync(string expression) => _page.EvaluateExpressionAsync(expression);

    /// <summary>Crashes the page's renderer over the DevTools protocol (<c>Page.crash</c>), as a faulty page would.</summary>
    public void Crash() => _ = _page.Client.SendAsync("Page.crash").ContinueWith(_ => { }, TaskScheduler.Default);

    internal async Task AttachAsync()
    {
        _page.Console += (_, e) => Append($"console.{e.Message.Type}: {e.Message.Text}");
        _page.PageError += (_, e) => Append("uncaught: " + e.Message);
        await _page.ExposeFunctionAsync<string, bool>("__report", json =>
        {
            Receive(json);
            return true;
        });
    }

    private void Receive(string json)
    {
        if (JsonNode.Parse(json) is JsonObject report)
        {
            _reports.Writer.TryWrite(report);
            Append("report " + json);
        }
    }

    private void Append(string line)
    {
        lock (_log)
        {
            _log.Add(line);
        }
    }
}
