using System.Text.Json.Nodes;
using Akka.Actor;
using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using IoActors.Platform.Instances;
using IoActors.Platform.Intents;
using IoActors.Platform.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Tests.Intents;

/// <summary>
/// The intents actor over a real registry and instance manager (fake launcher, virtual time): handlers from the
/// definitions (FDC3 too) in step with the registry, instance listeners, find and filterHandlers, the raise rule, the
/// start of a handler app and the bounded wait for its listener, and raises that fail at once.
/// </summary>
public sealed class IntentsActorTests : InstanceTestKit
{
    private static readonly TimeSpan ListenerTimeout = TimeSpan.FromSeconds(30);
    private readonly FakeLauncher _launcher = new();
    private readonly IActorRef _registry;
    private readonly PlatformIntents _intents;

    public IntentsActorTests(ITestOutputHelper output)
        : base(output, virtualTime: true)
    {
        _registry = Sys.ActorOf(AppStores.RegistryProps(), AppStores.RegistryActorName);
        var instances = StartManager(new InstanceManagerSettings { Launchers = new Dictionary<AppType, IInstanceLauncher> { [AppType.Node] = _launcher } });
        var actor = Sys.ActorOf(IntentsActor.Props(_registry, instances, new IntentsSettings { ListenerTimeout = ListenerTimeout }), "intents");
        _intents = new PlatformIntents(actor, TimeSpan.FromSeconds(10), ListenerTimeout);
    }

    private static AppDefinition App(string name, string intents) =>
        AppDefinition.Parse($$"""{ "name": "{{name}}", "title": "{{name}} title", "type": "node", "details": { "path": "/x/{{name}}.js" }, "intents": {{intents}} }""");

    private static AppDefinition Fdc3(string appId) =>
        AppDefinitionReader.ReadJson(
            $$"""
            { "appId": "{{appId}}", "title": "FDC3", "type": "web", "details": { "url": "https://fdc3.example.com" },
              "interop": { "intents": { "listensFor": { "ViewChart": { "displayName": "View chart", "contexts": ["fdc3.instrument"], "resultType": "fdc3.chart" } } } } }
            """,
            "fdc3.json",
            StoreKind.Regular,
            null).Definitions.Single();

    private void Load(params AppDefinition[] apps) => _registry.Tell(new StoreSnapshot("store-0", StoreKind.Regular, 0, ++_version, apps));

    private long _version;

    private async Task<IReadOnlyList<Intent>> WhenAsync(Func<IReadOnlyList<Intent>, bool> condition)
    {
        IReadOnlyList<Intent> intents = [];
        await AwaitAssertAsync(async () =>
        {
            intents = await _intents.AllAsync();
            condition(intents).Should().BeTrue("the intents actor follows the registry: " + string.Join(", ", intents.Select(i => $"{i.Name}[{string.Join(" ", i.Handlers.Select(h => h.ApplicationName + "/" + h.InstanceId))}]")));
        }, TimeSpan.FromSeconds(10));
        return intents;
    }

    private static IntentHandler Listener(string intent, string app, string instance) => new(intent, app, instance);

    [Fact]
    public async Task Handlers_DeclaredInDefinitionsAndFdc3ListensFor_FollowTheRegistry()
    {
        Load(App("b-app", """[{ "name": "Show", "displayName": "Show it", "contexts": ["t.a"], "resultType": "t.r" }]"""), Fdc3("charts"), App("a-app", """[{ "name": "Show" }, { "name": "" }, 5]"""));

        var intents = await WhenAsync(i => i.Count == 2);
        intents.Select(i => i.Name).Should().Equal("Show", "ViewChart");
        intents[0].Handlers.Select(h => h.ApplicationName).Should().Equal(["a-app", "b-app"], "app handlers come by app name; malformed entries are skipped");
        intents[0].Handlers[1].Should().Match<IntentHandler>(h => h.DisplayName == "Show it" && h.ResultType == "t.r" && !h.IsInstance);
        intents[0].Handlers[1].ContextTypes.Should().Equal("t.a");
        var chart = intents[1].Handlers.Should().ContainSingle().Subject;
        chart.ApplicationName.Should().Be("charts");
        chart.DisplayName.Should().Be("View chart");
        chart.ContextTypes.Should().Equal("fdc3.instrument");
        chart.ResultType.Should().Be("fdc3.chart");

        Load(App("b-app", """[{ "name": "Other" }]"""), Fdc3("charts"));   // b-app changed, a-app removed

        intents = await WhenAsync(i => i.Any(x => x.Name == "Other") && i.All(x => x.Name != "Show"));
        intents.Select(i => i.Name).Should().Equal(["Other", "ViewChart"], "intents come in the order of their first handler: b-app before charts");
    }

    [Fact]
    public async Task FindAndFilterHandlers_ByNameContextTypeResultTypeAndApp()
    {
        Load(App("a-app", """[{ "name": "Show", "contexts": ["T.A"], "resultType": "t.r" }, { "name": "Edit", "contexts": ["t.a", "t.b"] }]"""), App("b-app", """[{ "name": "Show", "contexts": ["t.b"] }]"""));
        await WhenAsync(i => i.Count == 2);

        (await _intents.FindAsync(new IntentFilter { Name = "Edit" })).Select(i => i.Name).Should().Equal("Edit");
        (await _intents.FindAsync(new IntentFilter { ContextType = "t.a" })).Select(i => i.Name).Should().Equal(["Show", "Edit"], "context types match ignoring case, as the client's find does");
        (await _intents.FindAsync(new IntentFilter { ResultType = "T.R" })).Select(i => i.Name).Should().Equal("Show");
        (await _intents.FindAsync(new IntentFilter { Name = "Edit", ResultType = "t.r" })).Should().BeEmpty();

        (await _intents.FilterHandlersAsync(new IntentHandlerFilter { Intent = "Show" })).Select(h => h.ApplicationName).Should().Equal("a-app", "b-app");
        (await _intents.FilterHandlersAsync(new IntentHandlerFilter { ContextTypes = ["t.a", "t.b"] })).Select(h => h.Intent).Should().Equal("Edit");
        (await _intents.FilterHandlersAsync(new IntentHandlerFilter { Intent = "Show", ApplicationNames = ["b-app"] })).Select(h => h.ApplicationName).Should().Equal("b-app");
        (await _intents.FilterHandlersAsync(new IntentHandlerFilter { ResultType = "t.r" })).Select(h => (h.Intent, h.ApplicationName)).Should().Equal(("Show", "a-app"));
    }

    [Fact]
    public async Task Listeners_AddedRemovedAndEndedWithTheConnection_CompletedFromTheDeclaration()
    {
        Load(App("a-app", """[{ "name": "Show", "contexts": ["t.a"], "resultType": "t.r" }]"""));
        await WhenAsync(i => i.Count == 1);

        _intents.AddListener(Listener("Show", "a-app", "i-1"));
        _intents.AddListener(Listener("Dynamic", "a-app", "i-1") with { ContextTypes = ["t.d"] });
        _intents.AddListener(Listener("Show", "z-app", "i-2"));
        _intents.AddListener(new IntentHandler("Show", "a-app", null));   // not an instance: ignored
        _intents.AddListener(new IntentHandler("", "a-app", "i-3"));       // no intent name: ignored
        _intents.AddListener(new IntentHandler("Show", "a-app", "i-4") { ContextTypes = null! });   // no crash: no context types
        _intents.RemoveListeners("i-4");

        var intents = await WhenAsync(i => i.Count == 2);
        intents[0].Handlers.Select(h => (h.ApplicationName, h.InstanceId)).Should().Equal(("a-app", null), ("a-app", "i-1"), ("z-app", "i-2"));
        intents[0].Handlers[1].ResultType.Should().Be("t.r", "a listener without its own information takes the app's declaration");
        intents[0].Handlers[1].ContextTypes.Should().Equal("t.a");
        intents[1].Handlers.Should().ContainSingle().Which.ContextTypes.Should().Equal("t.d");

        _intents.RemoveListener("i-1", "Show");
        intents = await WhenAsync(i => i[0].Handlers.Count == 2);
        intents[0].Handlers.Select(h => h.InstanceId).Should().Equal(null, "i-2");

        _intents.RemoveListeners("i-1");
        intents = await WhenAsync(i => i.Count == 1);
        intents[0].Name.Should().Be("Show");
    }

    [Fact]
    public async Task Resolve_WithoutTarget_StartsTheFirstAppByName_ThenGoesToTheRunningListener()
    {
        Load(App("b-app", """[{ "name": "Show" }]"""), App("a-app", """[{ "name": "Show" }]"""));
        await WhenAsync(i => i.Count == 1);

        var resolving = _intents.ResolveAsync(new IntentRequest("Show") { Context = new JsonObject { ["type"] = "t.a" }, RaisedBy = "raiser-1" });
        var run = await _launcher.NextLaunchAsync();
        run.Request.Definition.Name.Should().Be("a-app");
        var started = await ExpectEventAsync<InstanceStarted>();
        started.Instance.StartedBy.Should().Be(new StartedBy(null, "raiser-1", StartedByKind.Intent));
        started.Instance.Context!.Value.GetProperty("type").GetString().Should().Be("t.a", "the raise's context is the start context");
        resolving.IsCompleted.Should().BeFalse("the raise waits for the started instance's listener");

        _intents.AddListener(Listener("Show", "a-app", started.Instance.Id));

        var resolution = await resolving.WaitAsync(TimeSpan.FromSeconds(10));
        resolution.Started.Should().BeTrue();
        resolution.Handler.InstanceId.Should().Be(started.Instance.Id);

        var again = await _intents.ResolveAsync(new IntentRequest("Show"));
        again.Should().Be(new IntentResolution(resolution.Handler, false), "a running listener comes first");
        (await _intents.ResolveAsync(new IntentRequest("Show") { TargetInstance = started.Instance.Id })).Handler.InstanceId.Should().Be(started.Instance.Id);
        (await _intents.ResolveAsync(new IntentRequest("Show") { TargetApplication = "a-app" })).Started.Should().BeFalse("the target app's listening instance is reused");
        _launcher.LaunchCount.Should().Be(1);
    }

    [Fact]
    public async Task Resolve_Impossible_FailsAtOnceNamingWhy()
    {
        Load(App("a-app", """[{ "name": "Show" }]"""), App("other", "[]"));
        await WhenAsync(i => i.Count == 1);
        _launcher.Fail = r => $"no node for {r.Definition.Name}";

        var cases = new (IntentRequest Request, IntentRaiseFailure Failure, string Text)[]
        {
            (new IntentRequest("Nope"), IntentRaiseFailure.NoHandler, "No app declares the intent 'Nope' and no running instance listens for it."),
            (new IntentRequest("Show") { TargetApplication = "ghost" }, IntentRaiseFailure.UnknownTarget, "The target app 'ghost' of the intent 'Show' is not registered."),
            (new IntentRequest("Show") { TargetApplication = "other" }, IntentRaiseFailure.UnknownTarget, "The target app 'other' does not handle the intent 'Show'"),
            (new IntentRequest("Show") { TargetInstance = "i-9" }, IntentRaiseFailure.UnknownTarget, "The instance 'i-9' has no listener for the intent 'Show'."),
            (new IntentRequest("Show"), IntentRaiseFailure.StartFailed, "The handler app 'a-app' of the intent 'Show' failed to start: no node for a-app"),
        };
        foreach (var (request, failure, text) in cases)
        {
            var raise = () => _intents.ResolveAsync(request).WaitAsync(TimeSpan.FromSeconds(10));
            (await raise.Should().ThrowAsync<IntentRaiseException>()).Which.Should().Match<IntentRaiseException>(e => e.Failure == failure && e.Message.StartsWith(text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task StartHandler_InstanceStopsBeforeItListens_FailsNamingTheInstance()
    {
        Load(App("a-app", """[{ "name": "Show" }]"""));
        await WhenAsync(i => i.Count == 1);

        var starting = _intents.StartHandlerAsync("a-app", null, null, null, null);
        var run = await _launcher.NextLaunchAsync();
        var started = await ExpectEventAsync<InstanceStarted>();
        run.Exit(3);

        var failure = (await starting.Invoking(s => s.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<IntentRaiseException>()).Which;
        failure.Failure.Should().Be(IntentRaiseFailure.StartFailed);
        failure.Message.Should().Be($"The handler app 'a-app' (instance {started.Instance.Id}) of an intent stopped (exited: exit code 3) before it added a listener.");
    }

    [Fact]
    public async Task StartHandler_InstanceEndsBeforeTheStartIsAnswered_FailsAtOnceNamingIt()
    {
        // The instance's end comes through the event stream, the start's answer through the ask: the end may come first.
        var instances = CreateTestProbe();
        var actor = Sys.ActorOf(IntentsActor.Props(_registry, instances, new IntentsSettings { ListenerTimeout = ListenerTimeout }), "intents-early-end");
        var intents = new PlatformIntents(actor, TimeSpan.FromSeconds(10), ListenerTimeout);
        Load(App("b-app", """[{ "name": "Show" }]"""));
        await AwaitAssertAsync(async () => (await intents.AllAsync()).Should().ContainSingle(), TimeSpan.FromSeconds(10));
        var starting = intents.StartHandlerAsync("b-app", null, null, null, null);
        await instances.ExpectMsgAsync<StartInstance>();
        var info = new InstanceInfo("i-early", "b-app", AppType.Node, 1, "b-app title", InstanceState.Running, 4242, false, null, StartedBy.Host, DateTimeOffset.UnixEpoch, 0);

        Sys.EventStream.Publish(new InstanceStopped(info with { State = InstanceState.Stopped }, new InstanceExit(3, null, "exit code 3"), "exited: exit code 3", false));
        instances.Reply(new InstanceStartResult(info, false));

        var failure = (await starting.Invoking(s => s.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<IntentRaiseException>()).Which;
        failure.Failure.Should().Be(IntentRaiseFailure.StartFailed);
        failure.Message.Should().Be("The handler app 'b-app' (instance i-early) of an intent stopped (exited: exit code 3) before it added a listener.");
    }

    [Fact]
    public async Task StartHandler_NoListenerWithinTheTimeout_FailsNamingTheSetting()
    {
        Load(App("a-app", """[{ "name": "Show" }]"""));
        await WhenAsync(i => i.Count == 1);

        var starting = _intents.StartHandlerAsync("a-app", "Show", null, null, new StartedBy("raiser", "r-1", StartedByKind.Application));
        await _launcher.NextLaunchAsync();
        var started = await ExpectEventAsync<InstanceStarted>();   // the timer is armed before the start is asked for
        started.Instance.StartedBy.Should().Be(new StartedBy("raiser", "r-1", StartedByKind.Intent));
        _intents.AddListener(Listener("Other", "a-app", started.Instance.Id));   // not the intent it waits for
        (await _intents.FindAsync(new IntentFilter { Name = "Other" })).Should().ContainSingle();
        starting.IsCompleted.Should().BeFalse();

        Clock.Advance(ListenerTimeout);

        var failure = (await starting.Invoking(s => s.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<IntentRaiseException>()).Which;
        failure.Failure.Should().Be(IntentRaiseFailure.Timeout);
        // The instance is named once the start's answer reached the intents actor; the clock may move first (the answer
        // and the InstanceStarted event this test waits for travel separately).
        failure.Message.Should().BeOneOf(
            $"The handler app 'a-app' (instance {started.Instance.Id}) added no listener for the intent 'Show' within 30 s (ioactors.intents.listenerTimeout).",
            "The handler app 'a-app' added no listener for the intent 'Show' within 30 s (ioactors.intents.listenerTimeout).");
    }
}
