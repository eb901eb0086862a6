using System.Text;
using IoActors.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PuppeteerSharp;

namespace IoActors.Benchmarks.Windows;

/// <summary>
/// The window benchmark's web site (Kestrel on 127.0.0.1, a free port): <c>/page.html</c> loads the io.Connect browser
/// library (<c>/desktop.browser.js</c>, from samples/web or tests/compat node_modules) and, with <c>?connect=1</c>,
/// connects with <c>await IODesktop()</c>; and the platform host configured with one window app on that page.
/// </summary>
internal sealed class WindowBenchSite : IAsyncDisposable
{
    /// <summary>The window app's name.</summary>
    public const string AppName = "bench-window";

    private readonly WebApplication _app;
    private readonly string _baseUrl;

    private WindowBenchSite(WebApplication app, string baseUrl)
    {
        _app = app;
        _baseUrl = baseUrl;
    }

    /// <summary>The page's URL; <paramref name="connect"/> makes it connect to the platform.</summary>
    public string PageUrl(bool connect) => _baseUrl + "/page.html" + (connect ? "?connect=1" : string.Empty);

    public static async Task<WindowBenchSite> StartAsync()
    {
        var bundle = FindBundle();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var page = Encoding.UTF8.GetBytes("""
            <!doctype html><html><head><meta charset="utf-8"><title>bench window</title>
            <script src="/desktop.browser.js"></script></head><body><p>bench window</p>
            <script>if (location.search.includes("connect=1")) { IODesktop().then(function (io) { window.__io = io; }); }</script>
            </body></html>
            """);
        var script = await File.ReadAllBytesAsync(bundle);
        app.MapGet("/page.html", (HttpContext c) => Results.Bytes(page, "text/html; charset=utf-8"));
        app.MapGet("/desktop.browser.js", (HttpContext c) => Results.Bytes(script, "text/javascript"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WindowBenchSite(app, address.TrimEnd('/'));
    }

    /// <summary>Starts the platform host (its API and gateway on free ports) with the window app, in <paramref name="folder"/>.</summary>
    public async Task<PlatformHost> StartHostAsync(string folder)
    {
        var root = RepositoryRoot();
        Directory.CreateDirectory(Path.Combine(folder, "apps"));
        File.Copy(Path.Combine(root, "hocon", "reference.conf"), Path.Combine(folder, "reference.conf"));
        await File.WriteAllTextAsync(Path.Combine(folder, "apps", AppName + ".json"), $$"""
            { "name": "{{AppName}}", "title": "Bench window", "type": "window", "allowMultiple": true,
              "details": { "url": "{{PageUrl(connect: true)}}", "width": 400, "height": 300 } }
            """);
        await File.WriteAllTextAsync(Path.Combine(folder, "bench.conf"), """
            include required("reference.conf")
            appStores = [ { type = path, details { path = "apps" } } ]
            ioactors {
              dataFolder = "data"
              api.port = 0
              logging.level = WARNING
              logging.file = null
              windows { host = chromium, headless = on }
            }
            """);
        var host = await PlatformHost.StartAsync(HostConfiguration.Load(Path.Combine(folder, "bench.conf")), logging: l => l.ClearProviders());
        await host.Platform.WhenBooted;
        return host;
    }

    /// <summary>The baseline browser: the same executable and flags as the platform's window host, its own profile.</summary>
    public static LaunchOptions BareLaunchOptions(string profile) => new()
    {
        ExecutablePath = IoActors.Platform.Instances.Windows.ChromiumLocator.Find(null)
            ?? throw new InvalidOperationException("no Chromium found: install it (apt-get install chromium) or set IOACTORS_CHROMIUM"),
        Headless = true,
        UserDataDir = profile,
        Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string FindBundle()
    {
        var root = RepositoryRoot();
        foreach (var candidate in new[] { Path.Combine(root, "samples", "web"), Path.Combine(root, "tests", "compat") })
        {
            var bundle = Path.Combine(candidate, "node_modules", "@interopio", "desktop", "dist", "desktop.browser.js");
            if (File.Exists(bundle))
            {
                return bundle;
            }
        }

        throw new InvalidOperationException("the io.Connect browser library is not installed: run `npm ci` in samples/web");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IoActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (IoActors.sln) was not found above " + AppContext.BaseDirectory);
    }
}
