using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Host.Tests.Support;
using IoActors.Platform.Intents;

namespace IoActors.Host.Tests.Compat;

/// <summary>
/// Intents through the real host and the real @interopio/desktop 6.18.0 client: the listeners running instances add
/// are the platform's handlers, a raise reaches a running listener and returns its result, a raise for a handler app
/// that is not running starts it (the first app by name when several declare the intent), and a raise that cannot
/// succeed fails at once naming why — including a started handler that never listens, after
/// <c>ioactors.intents.listenerTimeout</c>.
/// </summary>
public sealed class IntentsCompatTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private const string ShowThing = """ "intents": [ { "name": "ShowThing", "displayName": "Show a thing", "contexts": ["test.thing"], "resultType": "test.result" } ] """;

    [Fact]
    public async Task Raise_ToRunningListeners_ReachesThemWithTheResult_AndThePlatformKnowsTheListeners()
    {
        using var reports = new CompatReports();
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["intent-handler"] = CompatHost.NodeApp("intent-handler", "intent-handler.js", "ShowThing " + reports.Argument("handler"), properties: ShowThing),
            ["registered-handler"] = CompatHost.NodeApp("registered-handler", "intent-handler.js", "ShowThing register " + reports.Argument("registered")),
            ["raiser"] = CompatHost.NodeApp("raiser", "intents-raise.js", "ShowThing:reuse ShowThing:app=registered-handler " + reports.Argument("raiser")),
        });
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        var listening = await host.StartInstanceAsync("intent-handler");
        await reports["handler"].NextAsync("listening");
        var registered = await host.StartInstanceAsync("registered-handler");
        await reports["registered"].NextAsync("listening");

        var handlers = (await host.Host.Platform.Intents.FindAsync(new IntentFilter { Name = "ShowThing" })).Should().ContainSingle().Subject.Handlers;
        handlers.Select(h => (h.ApplicationName, h.InstanceId)).Should().Equal(
            ("intent-handler", null), ("intent-handler", listening), ("registered-handler", registered));
        handlers[1].ResultType.Should().Be("test.result", "a listener without its own information takes the app's declaration");
        handlers[2].ContextTypes.Should().Equal("test.registered");
        handlers[2].ResultType.Should().Be("test.registered-result", "register() carries the listener's own information");

        await host.StartInstanceAsync("raiser");

        var reuse = await reports["raiser"].NextAsync("raise");
        reuse["ok"]!.GetValue<bool>().Should().BeTrue(reuse.ToJsonString());
        reuse["handler"]!["instance"]!.ToString().Should().Be(listening, "a running listener comes before starting an app");
        reuse["result"]!["handledBy"]!.ToString().Should().Be(listening);
        reuse["result"]!["context"]!["id"]!.GetValue<int>().Should().Be(0);
        var targeted = await reports["raiser"].NextAsync("raise");
        targeted["ok"]!.GetValue<bool>().Should().BeTrue(targeted.ToJsonString());
        targeted["result"]!["handledBy"]!.ToString().Should().Be(registered);
        targeted["result"]!["context"]!["id"]!.GetValue<int>().Should().Be(1);
        (await host.Host.Platform.AppManager.InstancesAsync()).Where(i => i.AppName is "intent-handler" or "registered-handler")
            .Select(i => i.Id).Should().BeEquivalentTo([listening, registered], "no raise started another instance");
    }

    [Fact]
    public async Task Raise_WithSeveralHandlerAppsNotRunning_StartsTheFirstByNameAndReturnsItsResult()
    {
        using var reports = new CompatReports();
        const string pick = """ "intents": [ { "name": "Pick", "contexts": ["test.thing"] } ] """;
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["b-picker"] = CompatHost.NodeApp("b-picker", "intent-handler.js", "Pick " + reports.Argument("b"), properties: pick),
            ["a-picker"] = CompatHost.NodeApp("a-picker", "intent-handler.js", "Pick " + reports.Argument("a"), properties: pick),
            ["raiser"] = CompatHost.NodeApp("raiser", "intents-raise.js", "Pick:reuse " + reports.Argument("raiser")),
        });
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        var raiser = await host.StartInstanceAsync("raiser");

        var raised = await reports["raiser"].NextAsync("raise");
        raised["ok"]!.GetValue<bool>().Should().BeTrue(raised.ToJsonString());
        raised["handler"]!["app"]!.ToString().Should().Be("a-picker");
        var started = raised["result"]!["handledBy"]!.ToString();
        (await reports["a"].NextAsync("listening"))["instance"]!.ToString().Should().Be(started);
        var instance = JsonNode.Parse(await host.Client.GetStringAsync("/api/instances/" + started))!;
        instance["appName"]!.ToString().Should().Be("a-picker");
        instance["startedBy"]!["kind"]!.ToString().Should().Be("intent");
        instance["startedBy"]!["instanceId"]!.ToString().Should().Be(raiser);
        (await host.Host.Platform.AppManager.InstancesAsync()).Should().NotContain(i => i.AppName == "b-picker");
    }

    [Fact]
    public async Task Raise_WithoutAPossibleHandler_FailsAtOnceNamingWhy()
    {
        using var reports = new CompatReports();
        const string broken = """ "intents": [ { "name": "Broken" } ] """;
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["intent-handler"] = CompatHost.NodeApp("intent-handler", "intent-handler.js", "ShowThing " + reports.Argument("handler"), properties: ShowThing),
            ["broken-handler"] = CompatHost.NodeApp("broken-handler", "no-such-script.js", reports.Argument("broken"), properties: broken),
            ["raiser"] = CompatHost.NodeApp("raiser", "intents-raise.js", "Nope:reuse ShowThing:app=ghost Broken:app=broken-handler " + reports.Argument("raiser")),
        });
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        await host.StartInstanceAsync("raiser");

        var noHandler = await reports["raiser"].NextAsync("raise");
        noHandler["ok"]!.GetValue<bool>().Should().BeFalse();
        noHandler["message"]!.ToString().Should().Contain("Cannot find Intent").And.Contain("Nope");
        var unknownTarget = await reports["raiser"].NextAsync("raise");
        unknownTarget["ok"]!.GetValue<bool>().Should().BeFalse();
        unknownTarget["message"]!.ToString().Should().Contain("can not find intent handler").And.Contain("ghost");
        var failedStart = await reports["raiser"].NextAsync("raise");
        failedStart["ok"]!.GetValue<bool>().Should().BeFalse();
        failedStart["message"]!.ToString().Should().Contain("Cannot start Target Instance").And.Contain("The handler app 'broken-handler'");
        foreach (var failure in new[] { noHandler, unknownTarget, failedStart })
        {
            // At once: the client's own bound for a raise is 90 s.
            failure["ms"]!.GetValue<int>().Should().BeLessThan(10_000, failure.ToJsonString());
        }
    }

    [Fact]
    public async Task Raise_ToAStartedHandlerThatNeverListens_FailsAfterTheListenerTimeoutNamingIt()
    {
        using var reports = new CompatReports();
        const string silent = """ "intents": [ { "name": "Silent" } ] """;
        await using var host = await CompatHost.StartAsync(
            new Dictionary<string, string>
            {
                ["silent-handler"] = CompatHost.NodeApp("silent-handler", "connect.js", reports.Argument("silent"), properties: silent),
                ["raiser"] = CompatHost.NodeApp("raiser", "intents-raise.js", "Silent:app=silent-handler " + reports.Argument("raiser")),
            },
            "ioactors.intents.listenerTimeout = 3s");
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        await host.StartInstanceAsync("raiser");

        var raised = await reports["raiser"].NextAsync("raise");
        raised["ok"]!.GetValue<bool>().Should().BeFalse();
        raised["message"]!.ToString().Should().Contain("The handler app 'silent-handler'").And.Contain("added no listener")
            .And.Contain("ioactors.intents.listenerTimeout");
        (await reports["silent"].NextAsync("connected")).Should().NotBeNull("the handler app was started and connected");
        raised["ms"]!.GetValue<int>().Should().BeInRange(3_000, 20_000, "the platform's bound (3 s here), not the client's 90 s");
    }
}
