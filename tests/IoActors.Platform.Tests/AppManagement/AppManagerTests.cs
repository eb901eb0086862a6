using System.Text.Json;
using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Apps.Stores;
using Akka.Actor;
using IoActors.Platform.AppManagement;
using IoActors.Platform.Instances;
using IoActors.Platform.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Tests.AppManagement;

/// <summary>The App Management facade over a real registry, the in-memory store and the instance manager (fake launcher).</summary>
public sealed class AppManagerTests : InstanceTestKit
{
    private readonly FakeLauncher _launcher = new();
    private readonly AppManager _apps;
    private readonly IActorRef _instancesRef;

    public AppManagerTests(ITestOutputHelper output)
        : base(output, virtualTime: false)
    {
        var registry = Sys.ActorOf(AppStores.RegistryProps(), AppStores.RegistryActorName);
        var stores = Sys.ActorOf(AppStores.StoresProps(new AppStoresSettings { EnableInMemoryStore = true }, registry), AppStores.StoresActorName);
        var instances = StartManager(new InstanceManagerSettings
        {
            Launchers = new Dictionary<AppType, IInstanceLauncher> { [AppType.Node] = _launcher, [AppType.Exe] = _launcher },
            CloseRunningInstancesOnAppRemoved = true,
            TitleFormat = "{title} #{instanceIndex}",
        });
        _instancesRef = instances;
        _apps = new AppManager(Sys, registry, instances, stores, new AppManagerOptions { AskTimeout = TimeSpan.FromSeconds(10), StartTimeout = TimeSpan.FromSeconds(10) });
    }

    private static System.Text.Json.JsonElement Def(string name, string type = "node", string title = "T") =>
        TestApps.Json(new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = name,
            ["type"] = type,
            ["title"] = title,
            ["details"] = new System.Text.Json.Nodes.JsonObject { ["path"] = $"/x/{name}.js" },
            ["customProperties"] = new System.Text.Json.Nodes.JsonObject { ["folder"] = "f" },
        }.ToJsonString());

    [Fact]
    public async Task InMemory_ImportExportRemoveClear_VisibleThroughApplications()
    {
        var result = await _apps.InMemory.ImportAsync([Def("a"), Def("b")]);
        result.Imported.Should().BeEquivalentTo("a", "b");
        (await _apps.ApplicationsAsync()).Select(a => a.Name).Should().Equal("a", "b");
        (await _apps.InMemory.ExportAsync()).Select(d => d.Name).Should().BeEquivalentTo("a", "b");
        (await _apps.GetConfigurationsAsync(["b", "missing"])).Select(d => d.Name).Should().Equal("b");
        (await _apps.GetConfigurationsAsync()).Should().HaveCount(2);

        (await _apps.InMemory.RemoveAsync("a")).Should().BeTrue();
        (await _apps.ApplicationAsync("a")).Should().BeNull();
        (await _apps.InMemory.ClearAsync()).Should().Equal("b");
        (await _apps.ApplicationsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Application_StartInstancesStop_AndAppLevelEvents()
    {
        await _apps.InMemory.ImportAsync([Def("calc", title: "Calculator"), Def("other")]);
        var app = (await _apps.ApplicationAsync("calc"))!;
        app.Title.Should().Be("Calculator");
        app.UserProperties.GetProperty("folder").GetString().Should().Be("f");

        var started = new TaskCompletionSource<InstanceInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = new TaskCompletionSource<InstanceInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        var otherStarted = 0;
        using var s1 = app.OnInstanceStarted(i => started.TrySetResult(i));
        using var s2 = app.OnInstanceStopped(i => stopped.TrySetResult(i));
        using var s3 = (await _apps.ApplicationAsync("other"))!.OnInstanceStarted(_ => Interlocked.Increment(ref otherStarted));

        var context = TestApps.Json("""{"x": 1}""");
        var instance = await app.StartAsync(context, startedBy: new StartedBy("launcher", "L1", StartedByKind.Application));
        instance.Title.Should().Be("Calculator #1");
        (await started.Task.WaitAsync(TimeSpan.FromSeconds(10))).Id.Should().Be(instance.Id);
        (await app.InstancesAsync()).Select(i => i.Id).Should().Equal(instance.Id);
        (await _apps.InstancesAsync()).Should().ContainSingle();
        (await _apps.StartedByAsync(instance.Id)).Should().Be(new StartedBy("launcher", "L1", StartedByKind.Application));

        var final = await _apps.StopAsync(instance);
        final.Requested.Should().BeTrue();
        (await stopped.Task.WaitAsync(TimeSpan.FromSeconds(10))).Id.Should().Be(instance.Id);
        otherStarted.Should().Be(0);
    }

    [Fact]
    public async Task Start_ByName_UnknownApp_ThrowsAppNotFound()
    {
        var error = await Assert.ThrowsAsync<AppNotFoundException>(() => _apps.StartAsync("nope"));
        error.AppName.Should().Be("nope");
    }

    [Fact]
    public async Task Start_LaunchFails_ThrowsInstanceStartExceptionWithReason()
    {
        await _apps.InMemory.ImportAsync([Def("broken")]);
        _launcher.Fail = _ => "script missing";
        var failed = new TaskCompletionSource<InstanceStartFailed>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sub = _apps.OnInstanceStartFailed(f => failed.TrySetResult(f));
        var error = await Assert.ThrowsAsync<InstanceStartException>(() => _apps.StartAsync("broken"));
        error.Reason.Should().Be("script missing");
        (await failed.Task.WaitAsync(TimeSpan.FromSeconds(10))).Reason.Should().Be("script missing");
    }

    [Fact]
    public async Task AppEvents_AddedChangedRemoved_AndDisposeUnsubscribes()
    {
        var added = new TaskCompletionSource<AppDefinition>(TaskCreationOptions.RunContinuationsAsynchronously);
        var changed = new TaskCompletionSource<AppDefinition>(TaskCreationOptions.RunContinuationsAsynchronously);
        var removed = new TaskCompletionSource<AppDefinition>(TaskCreationOptions.RunContinuationsAsynchronously);
        var addedCount = 0;
        var s1 = _apps.OnAppAdded(d =>
        {
            Interlocked.Increment(ref addedCount);
            added.TrySetResult(d);
        });
        using var s2 = _apps.OnAppChanged(d => changed.TrySetResult(d));
        using var s3 = _apps.OnAppRemoved(d => removed.TrySetResult(d));

        await _apps.InMemory.ImportAsync([Def("ev", title: "One")]);
        (await added.Task.WaitAsync(TimeSpan.FromSeconds(10))).Name.Should().Be("ev");
        await _apps.InMemory.ImportAsync([Def("ev", title: "Two")], ImportMode.Merge);
        (await changed.Task.WaitAsync(TimeSpan.FromSeconds(10))).Title.Should().Be("Two");

        s1.Dispose();
        s1.Dispose();
        var lastAdded = new TaskCompletionSource<AppDefinition>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var s4 = _apps.OnAppAdded(d => lastAdded.TrySetResult(d));
        await _apps.InMemory.ImportAsync([Def("ev2")], ImportMode.Merge);
        await lastAdded.Task.WaitAsync(TimeSpan.FromSeconds(10));
        addedCount.Should().Be(1, "the disposed subscription got nothing more");

        await _apps.InMemory.RemoveAsync("ev");
        (await removed.Task.WaitAsync(TimeSpan.FromSeconds(10))).Name.Should().Be("ev");
    }

    [Fact]
    public async Task AppRemoved_WithRunningInstances_ClosesThem()
    {
        await _apps.InMemory.ImportAsync([Def("temp")]);
        var stopped = new TaskCompletionSource<InstanceInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sub = _apps.OnInstanceStopped(i => stopped.TrySetResult(i));
        var instance = await _apps.StartAsync("temp");
        await _apps.InMemory.RemoveAsync("temp");
        (await stopped.Task.WaitAsync(TimeSpan.FromSeconds(10))).Id.Should().Be(instance.Id);
    }

    [Fact]
    public async Task OnInstanceUpdated_ReadySignal_Notified()
    {
        await _apps.InMemory.ImportAsync([Def("r")]);
        var updated = new TaskCompletionSource<InstanceInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sub = _apps.OnInstanceUpdated(i => updated.TrySetResult(i));
        var instance = await _apps.StartAsync("r");
        _instancesRef.Tell(new AppSignalReady(instance.Id));
        (await updated.Task.WaitAsync(TimeSpan.FromSeconds(10))).Ready.Should().BeTrue();
    }
    [Fact]
    public async Task SetContext_TheInstanceListHasTheNewContextAtOnce_EvenWhileTheInstanceIsBusy()
    {
        await _apps.InMemory.ImportAsync([Def("ctx")]);
        var instance = await _apps.StartAsync("ctx");

        // Armed first: the actor's report of the last change, which comes after all of its earlier ones.
        var updates = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sub = _apps.OnInstanceUpdated(i =>
        {
            if (i.Id == instance.Id && i.Context is { } c && c.GetProperty("n").ValueKind == JsonValueKind.String)
            {
                updates.TrySetResult();
            }
        });

        // A long queue at the instance actor: its own reports of these changes come long after the last one was set.
        for (var i = 0; i < 20_000; i++)
        {
            using var each = JsonDocument.Parse($"{{\"n\": {i}}}");
            _apps.SetContext(instance.Id, each.RootElement);
        }

        using var last = JsonDocument.Parse("{\"n\": \"last\"}");
        _apps.SetContext(instance.Id, last.RootElement);
        var listed = (await _apps.InstancesAsync()).Single(i => i.Id == instance.Id);
        listed.Context!.Value.GetProperty("n").GetString().Should().Be("last", "a query after SetContext sees it (a window's getContext after its updateContext)");

        // The actor's own reports of the earlier changes, still on their way, do not take it back.
        (await _apps.InstancesAsync()).Single(i => i.Id == instance.Id).Context!.Value.GetProperty("n").GetString().Should().Be("last");
        await updates.Task.WaitAsync(TimeSpan.FromSeconds(30));
        (await _apps.InstancesAsync()).Single(i => i.Id == instance.Id).Context!.Value.GetProperty("n").GetString().Should().Be("last");
    }
}
