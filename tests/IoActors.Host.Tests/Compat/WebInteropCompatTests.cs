using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Host.Tests.Support;
using IoActors.Platform.Instances;
using IoActors.Platform.Instances.Windows;

namespace IoActors.Host.Tests.Compat;

/// <summary>
/// A plain io.Connect web page (tests/compat/web/interop-app.html, the real @interopio/desktop browser bundle, served
/// from 127.0.0.1) as a window instance of the real host, opened by the platform's own Chromium window host:
/// <c>await IODesktop()</c> connects as the instance the platform's preload names, a node app invokes the interop
/// method the page registers, the page's <c>document.title</c> becomes the instance title (<c>onInstanceUpdated</c>),
/// a renderer killed over the DevTools protocol comes back by <c>reloadOptions</c> and connects again, the platform
/// stops it, and no browser process is left after the host stops.
/// </summary>
public sealed class WebInteropCompatTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task APage_ConnectsAsItsInstance_ANodeAppInvokesItsMethod_AndTheInstanceTitleFollowsDocumentTitle()
    {
        using var reports = new CompatReports();
        await using var browser = await CompatBrowser.StartAsync();
        await using var host = await StartHostAsync(browser, new Dictionary<string, string>
        {
            ["caller"] = CompatHost.NodeApp("caller", "invoke-title.js", "Compat.SetTitle Hello-from-node " + reports.Argument("caller")),
        });
        var page = await browser.StartInstanceAsync(host, "interop-app");
        var id = page.InstanceId;

        var connected = await page.NextAsync("connected");
        connected["instance"]!.ToString().Should().Be(id, "the platform's preload names the instance");
        connected["application"]!.ToString().Should().Be("interop-app");
        (await page.NextAsync("registered"))["method"]!.ToString().Should().Be("Compat.SetTitle");
        var peer = (await host.Gateway.GetPeersAsync()).Should().ContainSingle(p => p.InstanceId == id, "the page's connection is tied to its instance").Subject;
        peer.Application.Should().Be("interop-app");
        (await Instance(host, id)).Title.Should().Be("interop-app", "the title of the loaded document");

        await using var updates = host.Host.Platform.Subscribe<InstanceUpdated>();
        await host.StartInstanceAsync("caller");
        var invoked = await reports["caller"].NextAsync("invoked");
        invoked["executedBy"]!.ToString().Should().Be(id);
        invoked["returned"]!["title"]!.ToString().Should().Be("Hello-from-node");
        (await page.TitleAsync()).Should().Be("Hello-from-node");
        var retitled = await NextAsync(updates, u => u.Instance.Id == id && u.Changes.HasFlag(InstanceChanges.Title));
        retitled.Instance.Title.Should().Be("Hello-from-node", "syncTitleWithDocumentTitle is on by default");
        (await Instance(host, id)).Title.Should().Be("Hello-from-node");

        var wrong = await host.Gateway.Server.InvokePeerAsync(peer.PeerId, "Compat.SetTitle", new JsonObject { ["title"] = 5 }, Timeout);
        wrong!.Succeeded.Should().BeFalse();
        wrong.Error.Should().Contain("\"title\" must be a string").And.Contain("5");
        (await page.TitleAsync()).Should().Be("Hello-from-node");
    }

    [SkippableFact]
    public async Task AKilledRenderer_IsReloadedByReloadOptions_ConnectsAgain_AndThePlatformStopsIt_LeavingNoBrowserProcess()
    {
        await using var browser = await CompatBrowser.StartAsync();
        var host = await StartHostAsync(browser, new Dictionary<string, string>());
        int browserPid;
        IReadOnlyList<ProcessTree.ProcessKey> browserProcesses;
        try
        {
            var page = await browser.StartInstanceAsync(host, "interop-app");
            var id = page.InstanceId;
            await page.NextAsync("registered");
            var windows = (ChromiumWindowHost)host.Host.Platform.Options.WindowHost!;
            browserPid = windows.BrowserProcessId!.Value;
            browserProcesses = ProcessTree.Descendants(browserPid);

            await using var stopped = host.Host.Platform.Subscribe<InstanceStopped>();
            page.Crash();
            var again = await page.NextAsync("connected");
            again["instance"]!.ToString().Should().Be(id, "the reloaded page connects as the same instance");
            await page.NextAsync("registered");
            (await Instance(host, id)).State.Should().Be(InstanceState.Running, "a reload is not a restart");
            (await host.Gateway.GetPeersAsync()).Should().ContainSingle(p => p.InstanceId == id);

            var stop = await host.Host.Platform.AppManager.StopAsync(id).WaitAsync(Timeout);
            stop.Requested.Should().BeTrue();
            (await NextAsync(stopped, s => s.Instance.Id == id)).Exit!.Description.Should().Be("window closed");
            windows.List().Should().BeEmpty();
            windows.PageOf(id).Should().BeNull();
        }
        finally
        {
            await host.DisposeAsync();
        }

        ProcessTree.IsAlive(browserPid).Should().BeFalse("the host closed its browser");
        browserProcesses.Where(ProcessTree.IsAlive).Should().BeEmpty("no browser process is left after the host stopped");
    }

    [SkippableFact]
    public async Task AnAutoStartWindowApp_WaitingForInteropReady_HoldsTheBootUntilItsPageConnects()
    {
        await using var browser = await CompatBrowser.StartAsync();
        await using var host = await CompatHost.StartAsync(
            new Dictionary<string, string>
            {
                ["interop-app"] = new JsonObject
                {
                    ["name"] = "interop-app",
                    ["type"] = "window",
                    ["autoStart"] = true,
                    ["runPriority"] = new JsonObject { ["stage"] = "user", ["priority"] = 1, ["timeout"] = 60000, ["waitForInitialization"] = "interopReady" },
                    ["details"] = new JsonObject { ["url"] = browser.PageUrl("interop-app.html").ToString() },
                }.ToJsonString(),
            },
            "ioactors.windows.headless = on");
        var report = await host.Host.Platform.WhenBooted.WaitAsync(Timeout);

        var record = report.Apps.Should().ContainSingle(a => a.Name == "interop-app").Subject;
        record.Outcome.Should().Be(Platform.Boot.AppBootOutcome.Ready, "the boot waited for the page's gateway login (interopReady): " + record);
        record.TimedOutAt.Should().BeNull();
        (await host.Gateway.GetPeersAsync()).Should().Contain(p => p.InstanceId == record.InstanceId, "the page connected as the instance the boot started");
    }

    private static async Task<CompatHost> StartHostAsync(CompatBrowser browser, Dictionary<string, string> apps)
    {
        apps["interop-app"] = new JsonObject
        {
            ["name"] = "interop-app",
            ["title"] = "Interop app",
            ["type"] = "window",
            ["details"] = new JsonObject
            {
                ["url"] = browser.PageUrl("interop-app.html").ToString(),
                ["reloadOptions"] = new JsonObject { ["maxAttempts"] = 1, ["timeout"] = 50 },
            },
        }.ToJsonString();
        return await browser.StartHostAsync(apps, Timeout);
    }

    private static async Task<InstanceInfo> Instance(CompatHost host, string id) =>
        (await host.Host.Platform.AppManager.InstancesAsync()).Single(i => i.Id == id);

    private static async Task<T> NextAsync<T>(Platform.Events.EventSubscription<T> events, Func<T, bool> wanted)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await foreach (var e in events.ReadAllAsync(cts.Token))
        {
            if (wanted(e))
            {
                return e;
            }
        }

        throw new InvalidOperationException("the platform stopped first");
    }
}
