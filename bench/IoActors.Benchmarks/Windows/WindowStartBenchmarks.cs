using System.Collections.Concurrent;
using Akka.Actor;
using BenchmarkDotNet.Attributes;
using IoActors.Benchmarks.Running;
using IoActors.Host.Hosting;
using IoActors.Platform.Instances;
using PuppeteerSharp;

namespace IoActors.Benchmarks.Windows;

/// <summary>
/// Window start → page connected: <see cref="Windows"/> instances of a <c>window</c> app started together through the
/// platform (the Chromium window host opens a page per instance, the page loads the unmodified io.Connect browser
/// library and connects to the gateway as that instance), each awaited until the platform marks it ready
/// (<c>interopReady</c>), then all stopped (their pages closed). The baseline, in the same run, opens as many pages of
/// the same page (same bundle, same server) in a browser launched the same way over bare CDP (PuppeteerSharp) and waits
/// for each load event, then closes them: what the platform adds is the preload, the gateway login, the instance
/// bookkeeping and the readiness signal. The baseline page does not connect (no platform to connect to), so it leaves out
/// the client library's connection — that is the part being measured.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class WindowStartBenchmarks
{
    /// <summary>Windows per invocation.</summary>
    public const int Windows = 20;

    private WindowBenchSite _site = null!;
    private PlatformHost _host = null!;
    private ReadyWaiter _ready = null!;
    private IBrowser _bareBrowser = null!;
    private string _folder = null!;

    /// <summary>Serves the page, starts the host with the window app, launches the baseline's browser.</summary>
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    /// <summary>Stops the host and the browsers.</summary>
    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    /// <summary>Bare CDP: open 20 pages, wait for each load event, close them.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Windows)]
    public async Task BareCdpOpenAndLoad()
    {
        var pages = await Task.WhenAll(Enumerable.Range(0, Windows).Select(async _ =>
        {
            var page = await _bareBrowser.NewPageAsync();
            var response = await page.GoToAsync(_site.PageUrl(connect: false), WaitUntilNavigation.Load);
            if (response is null || !response.Ok)
            {
                throw new InvalidOperationException($"the baseline page answered {(int?)response?.Status}");
            }

            return page;
        }));
        await Task.WhenAll(pages.Select(p => p.CloseAsync()));
    }

    /// <summary>The platform: start 20 window instances, wait until each is connected (ready), stop them.</summary>
    [Benchmark(OperationsPerInvoke = Windows)]
    public async Task PlatformWindowStartToInteropReady()
    {
        var apps = _host.Platform.AppManager;
        var started = await Task.WhenAll(Enumerable.Range(0, Windows).Select(async _ =>
        {
            var instance = await apps.StartAsync(WindowBenchSite.AppName);
            await _ready.WaitAsync(instance.Id);
            return instance;
        }));
        var stopped = await Task.WhenAll(started.Select(i => apps.StopAsync(i.Id)));
        if (stopped.Select(s => s.InstanceId).Distinct().Count() != Windows)
        {
            throw new InvalidOperationException($"{stopped.Select(s => s.InstanceId).Distinct().Count()} of {Windows} windows stopped");
        }
    }

    private async Task SetupAsync()
    {
        _site = await WindowBenchSite.StartAsync();
        _folder = Path.Combine(Path.GetTempPath(), "ioactors-window-bench-" + Guid.NewGuid().ToString("N")[..8]);
        _host = await _site.StartHostAsync(_folder);
        _ready = new ReadyWaiter(_host.Platform.System);
        _bareBrowser = await Puppeteer.LaunchAsync(WindowBenchSite.BareLaunchOptions(Path.Combine(_folder, "bare-profile")));
    }

    private async Task CleanupAsync()
    {
        await _bareBrowser.CloseAsync();
        await _host.DisposeAsync();
        await _site.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Completes a task per instance ID once an <see cref="InstanceUpdated"/> says it became ready.</summary>
    private sealed class ReadyWaiter
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _waits = new();

        public ReadyWaiter(ActorSystem system)
        {
            var listener = system.ActorOf(Props.Create(() => new Listener(this)));
            system.EventStream.Subscribe(listener, typeof(InstanceUpdated));
        }

        public async Task WaitAsync(string instanceId)
        {
            // The event may come before the wait starts: both sides share one entry, removed after the wait.
            try
            {
                await _waits.GetOrAdd(instanceId, _ => new TaskCompletionSource()).Task.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new InvalidOperationException($"window {instanceId}: not connected (interopReady) within 60 s");
            }

            _waits.TryRemove(instanceId, out _);
        }

        private sealed class Listener : ReceiveActor
        {
            public Listener(ReadyWaiter waiter) => Receive<InstanceUpdated>(m =>
            {
                if (m.Changes.HasFlag(InstanceChanges.Ready) && m.Instance.Ready)
                {
                    waiter._waits.GetOrAdd(m.Instance.Id, _ => new TaskCompletionSource()).TrySetResult();
                }
            });
        }
    }
}
