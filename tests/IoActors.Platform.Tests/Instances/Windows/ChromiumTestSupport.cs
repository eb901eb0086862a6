using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using IoActors.Apps.Definitions;
using IoActors.Platform.Instances;
using IoActors.Platform.Instances.Windows;
using IoActors.Platform.Tests.Support;
using IoActors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IoActors.Platform.Tests.Instances.Windows;

/// <summary>
/// The system Chromium for the window host tests: skip without one, unless <c>IOACTORS_REQUIRE_BROWSER=1</c> (CI), where
/// that is a failure.
/// </summary>
internal static class TestBrowser
{
    public static string Path()
    {
        try
        {
            return ChromiumLocator.Find(null);
        }
        catch (LaunchException e)
        {
            if (Environment.GetEnvironmentVariable("IOACTORS_REQUIRE_BROWSER") == "1")
            {
                throw new InvalidOperationException("IOACTORS_REQUIRE_BROWSER=1 but " + e.Message, e);
            }

            throw new SkipTestException(e.Message);
        }
    }
}

/// <summary>Pages on a real Kestrel on 127.0.0.1: /page?title=…, /flaky/{key}?fails=N (N times 500, then 200), /fail (500), /download.</summary>
internal sealed class TestPages : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits = new();

    private TestPages(WebApplication app) => _app = app;

    public string Base { get; private set; } = string.Empty;

    public int Hits(string key) => _hits.TryGetValue(key, out var n) ? n : 0;

    public static async Task<TestPages> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var pages = new TestPages(app);
        app.MapGet("/page", (HttpContext c) =>
        {
            var title = c.Request.Query["title"].ToString();
            return Results.Content($"<!doctype html><html><head><title>{System.Net.WebUtility.HtmlEncode(title)}</title></head><body>hello {System.Net.WebUtility.HtmlEncode(title)}</body></html>", "text/html");
        });
        app.MapGet("/flaky/{key}", (string key, int fails) =>
        {
            var n = pages._hits.AddOrUpdate(key, 1, (_, v) => v + 1);
            return n <= fails ? Results.StatusCode(500) : Results.Content("<!doctype html><title>ok</title><body>ok</body>", "text/html");
        });
        app.MapGet("/fail", () => Results.StatusCode(500));
        app.MapGet("/download", () => Results.File("downloaded content"u8.ToArray(), "application/octet-stream", "file.bin"));
        await app.StartAsync();
        pages.Base = app.Urls.First().TrimEnd('/');
        return pages;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A Chromium window host on a headless browser; dispose checks the browser and its process tree are gone.</summary>
internal sealed class HostUnderTest : IAsyncDisposable
{
    private readonly HashSet<ProcessTree.ProcessKey> _pids = [];

    public HostUnderTest()
    {
        Host = new ChromiumWindowHost(new ChromiumHostOptions(TestBrowser.Path(), HeadlessMode.On));
    }

    public ChromiumWindowHost Host { get; }

    public static AppDefinition Window(string name, string url, Action<JsonObject>? details = null, string? title = null)
    {
        var d = new JsonObject { ["url"] = url };
        details?.Invoke(d);
        return TestApps.Of(name, "window", d, title: title);
    }

    public async Task<ChromiumWindow> OpenAsync(AppDefinition definition, string? id = null, string? startingContext = null)
    {
        id ??= definition.Name + "-" + Guid.NewGuid().ToString("N")[..6];
        var env = new Dictionary<string, string> { [InstanceLaunchPlan.StartingContextVariable] = startingContext ?? $$"""{"instanceId":"{{id}}","applicationName":"{{definition.Name}}"}""" };
        var running = await Host.OpenAsync(new LaunchRequest(id, definition, env, definition.Title ?? definition.Name), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        TrackBrowser();
        return (ChromiumWindow)running;
    }

    /// <summary>Remembers the browser process and its descendants for the leak check.</summary>
    public void TrackBrowser()
    {
        if (Host.BrowserProcessId is { } pid)
        {
            lock (_pids)
            {
                if (ProcessTree.TryRead(pid, out var browser, out _))
                {
                    _pids.Add(browser);
                }

                foreach (var child in ProcessTree.Descendants(pid))
                {
                    _pids.Add(child);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        TrackBrowser();
        await Host.DisposeAsync();
        ProcessTree.ProcessKey[] pids;
        lock (_pids)
        {
            pids = [.. _pids];
        }

        // The host's dispose has closed the browser, killed what was left of its tree and waited for it: nothing may run now.
        var left = pids.Where(ProcessTree.IsAlive).Select(p => p.Pid).ToList();
        if (left.Count > 0)
        {
            throw new InvalidOperationException("browser processes left behind: " + string.Join(", ", left));
        }
    }
}
