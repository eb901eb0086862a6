using System.Text.Json;
using Akka.Actor;
using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using IoActors.Platform.AppManagement;
using IoActors.Platform.Hosting;
using IoActors.Platform.Instances;
using IoActors.Platform.Layouts;
using IoActors.Platform.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Tests.ClientState;

/// <summary>
/// Layouts over a real registry, instance manager (fake launcher) and the journaled layouts actor: save records the
/// running instances, restore starts them with their contexts, the store's refusals name the layout and change nothing,
/// and a new incarnation of the store recovers what was saved.
/// </summary>
public sealed class LayoutsTests : InstanceTestKit
{
    private readonly FakeLauncher _launcher = new();
    private readonly IActorRef _registry;
    private readonly AppManager _apps;
    private IActorRef _store;
    private LayoutsManager _layouts;

    public LayoutsTests(ITestOutputHelper output)
        : base(output, virtualTime: false)
    {
        _registry = Sys.ActorOf(AppStores.RegistryProps(), AppStores.RegistryActorName);
        var instances = StartManager(new InstanceManagerSettings { Launchers = new Dictionary<AppType, IInstanceLauncher> { [AppType.Node] = _launcher } });
        _apps = new AppManager(Sys, _registry, instances, Sys.DeadLetters);
        (_store, _layouts) = StartStore();
        _registry.Tell(new StoreSnapshot("store-0", StoreKind.Regular, 0, 1,
        [
            App("alpha", """ "details": { "path": "/x/alpha.js", "width": 640, "height": 480, "left": 10 } """),
            App("beta", """ "details": { "path": "/x/beta.js" } """),
            App("svc", """ "service": true, "details": { "path": "/x/svc.js" } """),
        ]));
    }

    private static AppDefinition App(string name, string rest) =>
        AppDefinition.Parse($$"""{ "name": "{{name}}", "title": "{{name}} title", "type": "node", {{rest}} }""");

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private (IActorRef, LayoutsManager) StartStore(int maxCount = 100, long maxBytes = 64 * 1024)
    {
        var store = Sys.ActorOf(LayoutsActor.Props(PlatformJournal.InMemory, maxCount, maxBytes, TimeProvider.System));
        return (store, new LayoutsManager(Sys, store, _apps, TimeSpan.FromSeconds(10), TimeProvider.System));
    }

    private async Task<InstanceInfo> RunAsync(string app, string context)
    {
        await AwaitAssertAsync(async () => (await _apps.ApplicationAsync(app)).Should().NotBeNull(), TimeSpan.FromSeconds(10));
        return await _apps.StartAsync(app, Json(context));
    }

    private static JsonElement State(PlatformLayout layout, string app) => layout.Components.Should().ContainSingle(c => c.Application == app).Subject.State;

    [Fact]
    public async Task Save_RecordsTheRunningInstances_AndRestoreStopsThemAndStartsTheComponentsWithTheirContexts()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events, typeof(LayoutEvent));
        var alpha = await RunAsync("alpha", """{"a":1}""");
        var beta = await RunAsync("beta", """{"b":2}""");
        var svc = await RunAsync("svc", "{}");

        var saved = await _layouts.SaveAsync(new LayoutSaveRequest("morning")
        {
            Context = Json("""{"desk":"fx"}"""),
            Reported = new Dictionary<string, LayoutInstanceReport> { [beta.Id] = new(Json("""{"b":3}"""), null) },
            Token = "t1",
        });

        saved.Type.Should().Be("Global");
        saved.Components.Should().HaveCount(3).And.OnlyContain(c => c.Type == "window");
        var alphaState = State(saved, "alpha");
        alphaState.GetProperty("instanceId").GetString().Should().Be(alpha.Id);
        alphaState.GetProperty("context").GetRawText().Should().Be("""{"a":1}""");
        alphaState.GetProperty("title").GetString().Should().Be(alpha.Title);
        alphaState.GetProperty("bounds").GetRawText().Should().Be("""{"left":10,"width":640,"height":480}""", "the definition's bounds when the client reports none");
        State(saved, "beta").GetProperty("context").GetRawText().Should().Be("""{"b":3}""", "what the instance's client reported for the save wins");
        saved.Context.GetRawText().Should().Be("""{"desk":"fx"}""");
        var added = await events.ExpectMsgAsync<LayoutAdded>();
        added.Layout.Name.Should().Be("morning");
        added.Token.Should().Be("t1");

        var restored = await _layouts.RestoreAsync(new LayoutRestoreRequest("morning") { Context = Json("""{"r":9}"""), Token = "t2" });

        restored.Status.Should().Be("Success");
        restored.Stopped.Should().BeEquivalentTo([alpha.Id, beta.Id], "a service app is never stopped by a restore");
        restored.Started.Should().HaveCount(3);
        restored.Started.Should().ContainSingle(i => i.AppName == "svc").Which.Id.Should().Be(svc.Id, "the running service serves its component");
        var alpha2 = restored.Started.Single(i => i.AppName == "alpha");
        alpha2.Id.Should().NotBe(alpha.Id);
        alpha2.Context!.Value.GetRawText().Should().Be("""{"a":1,"r":9}""");
        restored.Started.Single(i => i.AppName == "beta").Context!.Value.GetRawText().Should().Be("""{"b":3,"r":9}""");
        var running = await _apps.InstancesAsync();
        running.Select(i => i.Id).Should().NotContain([alpha.Id, beta.Id]);
        (await events.ExpectMsgAsync<LayoutRestored>()).Token.Should().Be("t2");
        (await _layouts.GetCurrentAsync())!.Name.Should().Be("morning");
    }

    [Fact]
    public async Task Save_WithIgnoreAndOnlyInstancesAndIgnoreContexts_LeavesOutWhatWasAskedFor()
    {
        var alpha = await RunAsync("alpha", """{"a":1}""");
        var beta = await RunAsync("beta", """{"b":2}""");

        var onlyAlpha = await _layouts.SaveAsync(new LayoutSaveRequest("one") { IgnoreInstances = [beta.Id], IgnoreContexts = true });
        var onlyBeta = await _layouts.SaveAsync(new LayoutSaveRequest("two") { Instances = [beta.Id] });

        onlyAlpha.Components.Should().ContainSingle().Which.Application.Should().Be("alpha");
        State(onlyAlpha, "alpha").GetProperty("context").GetRawText().Should().Be("{}");
        onlyBeta.Components.Should().ContainSingle().Which.State.GetProperty("instanceId").GetString().Should().Be(beta.Id);
        alpha.Should().NotBeNull();
    }

    [Fact]
    public async Task Restore_AComponentWhoseAppIsGone_IsReportedAsFailed_TheOthersStart()
    {
        await _layouts.ImportAsync(Json("""
            [{ "name": "mixed", "type": "Global", "components": [
                { "type": "window", "application": "alpha", "state": { "context": { "x": 1 } } },
                { "type": "window", "application": "no-such-app", "state": {} } ] }]
            """));

        var restored = await _layouts.RestoreAsync(new LayoutRestoreRequest("mixed") { CloseRunningInstances = false });

        restored.Status.Should().Be("PartialSuccess");
        restored.Started.Should().ContainSingle().Which.AppName.Should().Be("alpha");
        restored.Failed.Should().ContainSingle().Which.Should().Be(new LayoutComponentFailure("no-such-app", "no app named 'no-such-app' is registered"));
    }

    [Fact]
    public async Task Restore_AnUnknownLayout_FailsAtOnceNamingIt()
    {
        var restore = () => _layouts.RestoreAsync(new LayoutRestoreRequest("nope"));

        (await restore.Should().ThrowAsync<LayoutException>()).Where(e => e.IsUnknownLayout).WithMessage("No Global layout named 'nope' is saved.");
    }

    [Fact]
    public async Task Import_WithAnInvalidLayout_NamesEachProblem_AndImportsNothing()
    {
        await _layouts.ImportAsync(Json("""[{ "name": "kept", "components": [] }]"""));

        var import = () => _layouts.ImportAsync(Json("""
            [{ "name": "fine" }, { "type": "Global" }, { "name": "bad-type", "type": "Desk" }, { "name": "bad-component", "components": [{ "state": {} }] }]
            """), replace: true);

        var error = (await import.Should().ThrowAsync<LayoutException>()).Which;
        error.IsUnknownLayout.Should().BeFalse();
        error.Message.Should().Contain("layouts[1].name: is required")
            .And.Contain("layouts[2] ('bad-type').type: \"Desk\" is not a layout type")
            .And.Contain("layouts[3] ('bad-component').components[0].application: is required")
            .And.Contain("nothing was imported");
        (await _layouts.ListAsync()).Select(l => l.Name).Should().Equal("kept");
    }

    [Fact]
    public async Task Import_Replace_DropsTheOthers_Merge_KeepsThem_AndPascalCaseIsRead()
    {
        var events = CreateTestProbe();
        await _layouts.ImportAsync(Json("""[{ "name": "a" }, { "name": "b" }]"""));
        Sys.EventStream.Subscribe(events, typeof(LayoutEvent));

        await _layouts.ImportAsync(Json("""[{ "Name": "b", "Type": "Global", "Components": [{ "Type": "window", "Application": "beta", "State": {} }] }]"""), replace: true);

        var all = await _layouts.ListAsync();
        all.Should().ContainSingle().Which.Components.Should().ContainSingle().Which.Application.Should().Be("beta");
        (await events.ExpectMsgAsync<LayoutRemoved>()).Layout.Name.Should().Be("a");
        (await events.ExpectMsgAsync<LayoutChanged>()).Layout.Name.Should().Be("b");
        await _layouts.ImportAsync(Json("""[{ "name": "c", "type": "Workspace" }]"""));
        (await _layouts.ListAsync()).Select(l => $"{l.Type}/{l.Name}").Should().Equal("Global/b", "Workspace/c");
        (await _layouts.ListAsync("Workspace")).Should().ContainSingle();
    }

    [Fact]
    public async Task Rename_Remove_Metadata_AndTheDefault_FollowTheLayout()
    {
        await _layouts.ImportAsync(Json("""[{ "name": "a" }, { "name": "b" }]"""));
        await _layouts.SetDefaultAsync("a");

        var taken = () => _layouts.RenameAsync("Global", "a", "b");
        (await taken.Should().ThrowAsync<LayoutException>()).WithMessage("Layout Global 'a' cannot be renamed to 'b': a Global layout of that name exists.");
        (await _layouts.RenameAsync("Global", "a", "c")).Name.Should().Be("c");
        (await _layouts.GetDefaultAsync())!.Name.Should().Be("c", "the default follows a rename");
        (await _layouts.UpdateMetadataAsync("Global", "c", Json("""{"owner":"me"}"""))).Metadata.GetRawText().Should().Be("""{"owner":"me"}""");
        var unknown = () => _layouts.SetDefaultAsync("zzz");
        (await unknown.Should().ThrowAsync<LayoutException>()).Where(e => e.IsUnknownLayout);

        await _layouts.RemoveAsync("Global", "c");

        (await _layouts.GetDefaultAsync()).Should().BeNull("a removed layout is no longer the default");
        (await _layouts.GetAsync("Global", "c")).Should().BeNull();
        var again = () => _layouts.RemoveAsync("Global", "c");
        (await again.Should().ThrowAsync<LayoutException>()).WithMessage("No Global layout named 'c' is saved.");
    }

    [Fact]
    public async Task Bounds_ACountOrASizePastTheLimit_IsRefusedNamingTheSetting_AndNothingChanges()
    {
        Watch(_store);
        Sys.Stop(_store);
        await ExpectTerminatedAsync(_store);
        (_store, _layouts) = StartStore(maxCount: 2, maxBytes: 300);
        await _layouts.ImportAsync(Json("""[{ "name": "a" }, { "name": "b" }]"""));

        var third = () => _layouts.ImportAsync(Json("""[{ "name": "c" }]"""));
        (await third.Should().ThrowAsync<LayoutException>()).WithMessage("3 layouts would be stored; the limit is 2 (ioactors.layouts.maxCount)*");
        var big = () => _layouts.UpdateMetadataAsync("Global", "a", Json($$"""{"blob":"{{new string('x', 400)}}"}"""));
        (await big.Should().ThrowAsync<LayoutException>()).WithMessage("Layout Global 'a' would take * bytes; the limit is 300 bytes (ioactors.layouts.maxBytes). Nothing was changed.");

        (await _layouts.ListAsync()).Select(l => l.Name).Should().Equal("a", "b");
        (await _layouts.GetAsync("Global", "a"))!.Metadata.GetRawText().Should().Be("{}");
    }

    [Fact]
    public async Task Store_ANewIncarnation_RecoversTheLayoutsAndTheDefault()
    {
        await RunAsync("alpha", """{"a":1}""");
        await _layouts.SaveAsync(new LayoutSaveRequest("kept"));
        await _layouts.SetDefaultAsync("kept");
        await _layouts.ImportAsync(Json("""[{ "name": "w", "type": "Workspace" }]"""));
        await _layouts.RenameAsync("Workspace", "w", "w2");
        Watch(_store);
        Sys.Stop(_store);
        await ExpectTerminatedAsync(_store);

        (_store, _layouts) = StartStore();

        var all = await _layouts.ListAsync();
        all.Select(l => $"{l.Type}/{l.Name}").Should().Equal("Global/kept", "Workspace/w2");
        State(all[0], "alpha").GetProperty("context").GetRawText().Should().Be("""{"a":1}""");
        (await _layouts.GetDefaultAsync())!.Name.Should().Be("kept");
    }
}
