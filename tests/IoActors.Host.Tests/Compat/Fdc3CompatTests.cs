using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Host.Tests.Support;
using IoActors.Platform.Instances;

namespace IoActors.Host.Tests.Compat;

/// <summary>
/// Two unmodified FDC3 2.x web apps (tests/compat/web: fdc3-raiser.html, fdc3-chart.html) on the MIT
/// <c>@interopio/fdc3</c> 2.5.1 over <c>@interopio/desktop</c> 6.18.0, in a real Chromium, as instances of the real host:
/// <c>findIntent</c> lists the handler app its FDC3 record declares (<c>interop.intents.listensFor</c>),
/// <c>raiseIntent</c> reaches the handler and <c>getResult()</c> yields the context it returned, a raise with no handler
/// running starts the handler app, and a broadcast on a user channel or an app channel reaches the other app's
/// context listener. The platform's own Chromium window host opens every page (its preload tells the page which
/// gateway and instance); <see cref="CompatBrowser"/> reads what the pages report.
/// </summary>
public sealed class Fdc3CompatTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly JsonObject Apple = new() { ["type"] = "fdc3.instrument", ["id"] = new JsonObject { ["ticker"] = "AAPL" }, ["name"] = "Apple" };

    [SkippableFact]
    public async Task FindIntent_ListsTheHandlerApp_AndRaiseIntent_ReturnsTheRunningHandlersResult()
    {
        await using var browser = await CompatBrowser.StartAsync();
        await using var host = await StartHostAsync(browser);
        var chart = await browser.StartInstanceAsync(host, "fdc3-chart");
        await chart.NextAsync("listening");
        var raiser = await browser.StartInstanceAsync(host, "fdc3-raiser");
        var info = await raiser.NextAsync("fdc3Ready");
        info["provider"]!.ToString().Should().Be("io.Connect");
        info["appId"]!.ToString().Should().Be("fdc3-raiser", "getInfo names the app the page runs as");
        info["instanceId"]!.ToString().Should().Be(raiser.InstanceId);
        await raiser.NextAsync("ready");

        var found = (await raiser.CallAsync("findIntent", "ViewChart"))!;
        found["intent"]!["name"]!.ToString().Should().Be("ViewChart");
        found["intent"]!["displayName"]!.ToString().Should().Be("View chart");
        Apps(found).Should().Contain([("fdc3-chart", null), ("fdc3-chart", chart.InstanceId)], "the app its FDC3 record declares, and its running listener");
        var byContext = (await raiser.CallAsync("findIntentsByContext", Apple))!.AsArray();
        byContext.Select(i => i!["intent"]!["name"]!.ToString()).Should().BeEquivalentTo(["ViewChart", "StartChat"]);
        var none = await raiser.TryCallAsync("findIntent", "NoSuchIntent");
        none["ok"]!.GetValue<bool>().Should().BeFalse();
        none["error"]!.ToString().Should().Contain("NoAppsFound");

        var instances = (await raiser.CallAsync("findInstances", new JsonObject { ["appId"] = "fdc3-chart" }))!.AsArray();
        instances.Select(i => i!["instanceId"]!.ToString()).Should().Equal(chart.InstanceId);
        var metadata = (await raiser.CallAsync("getAppMetadata", new JsonObject { ["appId"] = "fdc3-chart", ["instanceId"] = chart.InstanceId }))!;
        metadata["appId"]!.ToString().Should().Be("fdc3-chart");
        metadata["title"]!.ToString().Should().Be("FDC3 chart");
        metadata["instanceId"]!.ToString().Should().Be(chart.InstanceId);
        var unknown = await raiser.TryCallAsync("getAppMetadata", new JsonObject { ["appId"] = "no-such-app" });
        unknown["error"]!.ToString().Should().Contain("AppNotFound").And.Contain("no-such-app");

        var raised = (await raiser.CallAsync("raiseIntent", "ViewChart", Apple))!;
        var handled = await chart.NextAsync("intent");
        handled["context"]!["id"]!["ticker"]!.ToString().Should().Be("AAPL");
        handled["source"]!["appId"]!.ToString().Should().Be("fdc3-raiser");
        raised["source"]!["appId"]!.ToString().Should().Be("fdc3-chart");
        raised["source"]!["instanceId"]!.ToString().Should().Be(chart.InstanceId, "the running handler, not a new instance");
        raised["result"]!["type"]!.ToString().Should().Be("fdc3.chart", "getResult() yields the context the handler returned");
        raised["result"]!["instruments"]![0]!["id"]!["ticker"]!.ToString().Should().Be("AAPL");
        raised["result"]!["meta"]!["renderedBy"]!.ToString().Should().Be(chart.InstanceId);
        (await host.Host.Platform.AppManager.InstancesAsync()).Count(i => i.AppName == "fdc3-chart").Should().Be(1);

        var forContext = (await raiser.CallAsync("raiseIntentForContext", Apple))!;
        forContext["intent"]!.ToString().Should().Be("ViewChart");
        forContext["result"]!["meta"]!["renderedBy"]!.ToString().Should().Be(chart.InstanceId);
        (await chart.NextAsync("intent"))["context"]!["type"]!.ToString().Should().Be("fdc3.instrument");
        var malformed = await raiser.TryCallAsync("raiseIntent", "ViewChart", new JsonObject { ["id"] = 1 });
        malformed["ok"]!.GetValue<bool>().Should().BeFalse();
        malformed["error"]!.ToString().Should().Contain("MalformedContext");
        var noHandler = await raiser.TryCallAsync("raiseIntent", "NoSuchIntent", Apple);
        noHandler["error"]!.ToString().Should().Contain("NoAppsFound").And.Contain("NoSuchIntent");
    }

    [SkippableFact]
    public async Task RaiseIntent_WhoseResultIsAPrivateChannel_CarriesTheHandlersContextsBack()
    {
        await using var browser = await CompatBrowser.StartAsync();
        await using var host = await StartHostAsync(browser);
        var chart = await browser.StartInstanceAsync(host, "fdc3-chart");
        await chart.NextAsync("ready");
        var raiser = await browser.StartInstanceAsync(host, "fdc3-raiser");
        await raiser.NextAsync("ready");

        var channel = (await raiser.CallAsync("raiseForChannel", "StartChat", Apple, "fdc3.chat.message"))!;
        channel["type"]!.ToString().Should().Be("private");
        (await chart.NextAsync("intent"))["channelId"]!.ToString().Should().Be(channel["id"]!.ToString());
        var message = await raiser.NextAsync("channelContext");
        message["context"]!["text"]!.ToString().Should().Be("hello", "the handler broadcast on the private channel once the raiser listened");
        message["context"]!["instrument"]!["id"]!["ticker"]!.ToString().Should().Be("AAPL");
    }

    [SkippableFact]
    public async Task Open_StartsTheApp_AndResolvesWithItsInstance()
    {
        await using var browser = await CompatBrowser.StartAsync();
        await using var host = await StartHostAsync(browser);
        var raiser = await browser.StartInstanceAsync(host, "fdc3-raiser");
        await raiser.NextAsync("ready");

        await using var started = host.Host.Platform.Subscribe<InstanceStarted>();
        var opened = PageOfStartedAsync(browser, started, "fdc3-chart");
        var open = raiser.CallAsync("open", "fdc3-chart");
        var chart = await opened.WaitAsync(Timeout);
        var identifier = (await open.WaitAsync(Timeout))!;

        identifier["appId"]!.ToString().Should().Be("fdc3-chart");
        identifier["instanceId"]!.ToString().Should().Be(chart.InstanceId, "open() resolves once the started instance connected");
        await chart.NextAsync("ready");
    }

    [SkippableFact]
    public async Task RaiseIntent_WithNoHandlerRunning_StartsTheHandlerApp_AndReturnsItsResult()
    {
        await using var browser = await CompatBrowser.StartAsync();
        await using var host = await StartHostAsync(browser);
        var raiser = await browser.StartInstanceAsync(host, "fdc3-raiser");
        await raiser.NextAsync("ready");

        // The platform starts the handler's window instance and opens its page (the wait is armed before the raise).
        await using var started = host.Host.Platform.Subscribe<InstanceStarted>();
        var opened = PageOfStartedAsync(browser, started, "fdc3-chart");
        // Through the page's interop method Compat.Call (as a test reaches a window host's own page), not the browser.
        var peer = (await host.Gateway.GetPeersAsync()).Single(p => p.InstanceId == raiser.InstanceId);
        var call = new JsonObject { ["action"] = "raiseIntent", ["args"] = new JsonArray("ViewChart", Apple.DeepClone()) };
        var raise = host.Gateway.Server.InvokePeerAsync(peer.PeerId, "Compat.Call", call, Timeout);
        var chart = await opened.WaitAsync(Timeout);
        var outcome = (await raise.WaitAsync(Timeout))!;
        outcome.Succeeded.Should().BeTrue(outcome.Error);
        outcome.Result!["ok"]!.GetValue<bool>().Should().BeTrue(outcome.Result.ToJsonString());
        var raised = outcome.Result["value"]!;

        (await chart.NextAsync("intent"))["context"]!["id"]!["ticker"]!.ToString().Should().Be("AAPL");
        raised["source"]!["appId"]!.ToString().Should().Be("fdc3-chart");
        raised["source"]!["instanceId"]!.ToString().Should().Be(chart.InstanceId);
        raised["result"]!["meta"]!["renderedBy"]!.ToString().Should().Be(chart.InstanceId);
        var instance = JsonNode.Parse(await host.Client.GetStringAsync("/api/instances/" + chart.InstanceId))!;
        instance["startedBy"]!["kind"]!.ToString().Should().Be("intent");
        instance["startedBy"]!["instanceId"]!.ToString().Should().Be(raiser.InstanceId);
    }

    [SkippableFact]
    public async Task RaiseIntent_ToAnAppThatDeclaresItInItsIoConnectDefinition_StartsThatApp()
    {
        await using var browser = await CompatBrowser.StartAsync();
        var ioChart = new JsonObject
        {
            ["name"] = "io-chart",
            ["title"] = "io.Connect chart",
            ["type"] = "window",
            ["details"] = new JsonObject { ["url"] = browser.PageUrl("fdc3-chart.html").ToString() },
            ["intents"] = new JsonArray(new JsonObject { ["name"] = "ViewChart", ["displayName"] = "View chart", ["contexts"] = new JsonArray("fdc3.instrument") }),
        };
        await using var host = await StartHostAsync(browser, ("io-chart", ioChart.ToJsonString()));
        var raiser = await browser.StartInstanceAsync(host, "fdc3-raiser");
        await raiser.NextAsync("ready");
        Apps((await raiser.CallAsync("findIntent", "ViewChart"))!).Should().BeEquivalentTo([("fdc3-chart", (string?)null), ("io-chart", null)]);

        await using var started = host.Host.Platform.Subscribe<InstanceStarted>();
        var opened = PageOfStartedAsync(browser, started, "io-chart");
        var raise = raiser.CallAsync("raiseIntent", "ViewChart", Apple, new JsonObject { ["appId"] = "io-chart" });
        var chart = await opened.WaitAsync(Timeout);
        var raised = (await raise.WaitAsync(Timeout))!;

        raised["source"]!["appId"]!.ToString().Should().Be("io-chart");
        raised["result"]!["meta"]!["renderedBy"]!.ToString().Should().Be(chart.InstanceId);
        (await chart.NextAsync("intent"))["context"]!["id"]!["ticker"]!.ToString().Should().Be("AAPL");
        (await host.Host.Platform.AppManager.InstancesAsync()).Should().NotContain(i => i.AppName == "fdc3-chart", "the raise named io-chart");
    }

    [SkippableFact]
    public async Task UserChannel_BroadcastByOneApp_ReachesTheOtherAppsContextListener()
    {
        await using var browser = await CompatBrowser.StartAsync();
        await using var host = await StartHostAsync(browser);
        var chart = await browser.StartInstanceAsync(host, "fdc3-chart");
        await chart.NextAsync("ready");
        var raiser = await browser.StartInstanceAsync(host, "fdc3-raiser");
        await raiser.NextAsync("ready");

        var channels = (await raiser.CallAsync("userChannels"))!.AsArray();
        channels.Select(c => c!["id"]!.ToString()).Should().Contain(["fdc3.channel.1", "fdc3.channel.2"]);
        channels.Single(c => c!["id"]!.ToString() == "fdc3.channel.1")!["name"]!.ToString().Should().Be("Red");
        (await chart.CallAsync("joinAndListen", "fdc3.channel.1", "fdc3.instrument"))!["current"]!.ToString().Should().Be("fdc3.channel.1");

        (await raiser.CallAsync("joinAndBroadcast", "fdc3.channel.1", Apple))!["current"]!.ToString().Should().Be("fdc3.channel.1");
        var received = await chart.NextAsync("context");
        received["via"]!.ToString().Should().Be("user");
        received["context"]!["type"]!.ToString().Should().Be("fdc3.instrument");
        received["context"]!["id"]!["ticker"]!.ToString().Should().Be("AAPL");
        received["source"]!["appId"]!.ToString().Should().Be("fdc3-raiser");
        received["source"]!["instanceId"]!.ToString().Should().Be(raiser.InstanceId);

        (await raiser.CallAsync("currentContext", "fdc3.instrument"))!["id"]!["ticker"]!.ToString().Should().Be("AAPL", "the channel keeps the last context of each type");

        // The usual FDC3 order: the listener first, then the user picks a channel.
        var microsoft = new JsonObject { ["type"] = "fdc3.instrument", ["id"] = new JsonObject { ["ticker"] = "MSFT" } };
        (await chart.CallAsync("listenThenJoin", "fdc3.channel.2", "fdc3.instrument"))!["current"]!.ToString().Should().Be("fdc3.channel.2");
        await raiser.CallAsync("joinAndBroadcast", "fdc3.channel.2", microsoft);
        var late = await chart.NextAsync("context", r => r["via"]!.ToString() == "user-late-join");
        late["context"]!["id"]!["ticker"]!.ToString().Should().Be("MSFT");
        (await raiser.CallAsync("leave"))!["current"].Should().BeNull();

        var wrong = await raiser.TryCallAsync("joinAndBroadcast", "no.such.channel", Apple);
        wrong["ok"]!.GetValue<bool>().Should().BeFalse();
        wrong["error"]!.ToString().Should().Contain("NoChannelFound");
    }

    [SkippableFact]
    public async Task AppChannel_BroadcastByOneApp_ReachesTheOtherAppsContextListener()
    {
        await using var browser = await CompatBrowser.StartAsync();
        await using var host = await StartHostAsync(browser);
        var chart = await browser.StartInstanceAsync(host, "fdc3-chart");
        await chart.NextAsync("ready");
        var raiser = await browser.StartInstanceAsync(host, "fdc3-raiser");
        await raiser.NextAsync("ready");

        var listening = (await chart.CallAsync("listenOnAppChannel", "chart-sync", "fdc3.instrument"))!;
        listening["id"]!.ToString().Should().Be("chart-sync");
        listening["type"]!.ToString().Should().Be("app");
        (await raiser.CallAsync("broadcastOnAppChannel", "chart-sync", Apple))!["type"]!.ToString().Should().Be("app");

        var received = await chart.NextAsync("context");
        received["via"]!.ToString().Should().Be("app");
        received["channelId"]!.ToString().Should().Be("chart-sync");
        received["context"]!["id"]!["ticker"]!.ToString().Should().Be("AAPL");
        received["source"]!["instanceId"]!.ToString().Should().Be(raiser.InstanceId);
    }

    /// <summary>The host with the two apps: the chart as an FDC3 2.0 record (web, listensFor), the raiser as an io.Connect definition.</summary>
    private static async Task<CompatHost> StartHostAsync(CompatBrowser browser, params (string Name, string Json)[] more)
    {
        var apps = new Dictionary<string, string>
        {
            ["fdc3-chart"] = new JsonObject
            {
                ["appId"] = "fdc3-chart",
                ["title"] = "FDC3 chart",
                ["type"] = "web",
                ["details"] = new JsonObject { ["url"] = browser.PageUrl("fdc3-chart.html").ToString() },
                ["interop"] = new JsonObject
                {
                    ["intents"] = new JsonObject
                    {
                        ["listensFor"] = new JsonObject
                        {
                            ["ViewChart"] = new JsonObject { ["displayName"] = "View chart", ["contexts"] = new JsonArray("fdc3.instrument"), ["resultType"] = "fdc3.chart" },
                            ["StartChat"] = new JsonObject { ["contexts"] = new JsonArray("fdc3.instrument"), ["resultType"] = "channel" },
                        },
                    },
                },
            }.ToJsonString(),
            ["fdc3-raiser"] = new JsonObject
            {
                ["name"] = "fdc3-raiser",
                ["title"] = "FDC3 raiser",
                ["type"] = "window",
                ["details"] = new JsonObject { ["url"] = browser.PageUrl("fdc3-raiser.html").ToString() },
            }.ToJsonString(),
        };
        foreach (var (name, json) in more)
        {
            apps[name] = json;
        }

        return await browser.StartHostAsync(apps, Timeout);
    }

    /// <summary>The page of the first instance of <paramref name="app"/> the platform starts (its window host opened it).</summary>
    private static async Task<CompatPage> PageOfStartedAsync(CompatBrowser browser, Platform.Events.EventSubscription<InstanceStarted> started, string app)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await foreach (var e in started.ReadAllAsync(cts.Token))
        {
            if (e.Instance.AppName == app)
            {
                return await browser.PageOfAsync(e.Instance.Id);
            }
        }

        throw new InvalidOperationException($"the platform stopped before it started {app}");
    }

    private static IEnumerable<(string App, string? Instance)> Apps(JsonNode appIntent) =>
        appIntent["apps"]!.AsArray().Select(a => (a!["appId"]!.ToString(), a["instanceId"]?.ToString()));
}
