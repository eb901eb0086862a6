using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Apps.Registry;
using Akka.Actor;
using IoActors.Platform.Instances;
using IoActors.Platform.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Tests.Instances;

/// <summary>Seed semantics of the instance manager with a fake launcher.</summary>
public sealed class InstanceManagerTests : InstanceTestKit
{
    private static readonly TimeSpan T = TimeSpan.FromSeconds(10);
    private readonly FakeLauncher _launcher = new();

    public InstanceManagerTests(ITestOutputHelper output)
        : base(output, virtualTime: true)
    {
    }

    private IActorRef Manager(string titleFormat = "{title}", bool closeOnRemoved = false) => StartManager(new InstanceManagerSettings
    {
        Launchers = new Dictionary<AppType, IInstanceLauncher> { [AppType.Node] = _launcher },
        TitleFormat = titleFormat,
        CloseRunningInstancesOnAppRemoved = closeOnRemoved,
    });

    [Fact]
    public async Task AllowMultipleFalse_SecondStart_ReturnsTheRunningInstance()
    {
        var manager = Manager();
        var app = TestApps.Node("single", "/x.js", allowMultiple: false);
        var first = await StartAsync(manager, new StartInstance(app));
        var second = await StartAsync(manager, new StartInstance(app));
        second.AlreadyRunning.Should().BeTrue();
        second.Instance.Id.Should().Be(first.Instance.Id);
        first.AlreadyRunning.Should().BeFalse();
        _launcher.LaunchCount.Should().Be(1);
    }

    [Fact]
    public async Task AllowMultipleFalse_TwoStartsAtOnce_BothGetTheSameInstance()
    {
        var manager = Manager();
        var app = TestApps.Node("single", "/x.js", allowMultiple: false);
        var a = manager.Ask<InstanceStartResult>(new StartInstance(app), T);
        var b = manager.Ask<InstanceStartResult>(new StartInstance(app), T);
        var results = await Task.WhenAll(a, b).WaitAsync(T);
        results.Select(r => r.Instance.Id).Distinct().Should().ContainSingle();
        results.Count(r => r.AlreadyRunning).Should().Be(1);
        _launcher.LaunchCount.Should().Be(1);
    }

    [Fact]
    public async Task AllowMultipleTrue_EachStart_NewInstanceWithNextIndexAndFormattedTitle()
    {
        var manager = Manager("{title} ({instanceIndex})");
        var app = TestApps.Node("multi", "/x.js", title: "My App");
        var one = await StartAsync(manager, new StartInstance(app));
        var two = await StartAsync(manager, new StartInstance(app));
        one.Instance.InstanceIndex.Should().Be(1);
        two.Instance.InstanceIndex.Should().Be(2);
        one.Instance.Title.Should().Be("My App (1)");
        two.Instance.Title.Should().Be("My App (2)");
        (await _launcher.NextLaunchAsync()).Request.Title.Should().Be("My App (1)");
    }

    [Fact]
    public async Task InstanceIndex_SomeClosed_KeepsCounting_AllClosed_ResetsToOne()
    {
        var manager = Manager();
        var app = TestApps.Node("counted", "/x.js");
        var one = await StartAsync(manager, new StartInstance(app));
        var two = await StartAsync(manager, new StartInstance(app));
        await manager.Ask<InstanceStopped>(new StopInstance(one.Instance.Id), T);
        var three = await StartAsync(manager, new StartInstance(app));
        three.Instance.InstanceIndex.Should().Be(3, "instance 2 still runs");

        await manager.Ask<InstanceStopped>(new StopInstance(two.Instance.Id), T);
        await manager.Ask<InstanceStopped>(new StopInstance(three.Instance.Id), T);
        var again = await StartAsync(manager, new StartInstance(app));
        again.Instance.InstanceIndex.Should().Be(1, "all instances were closed");
    }

    [Fact]
    public async Task Start_WithContextAndStartedBy_ReportedOnTheInstanceAndEvents()
    {
        var manager = Manager();
        var context = TestApps.Json("""{"selectedUser": 2}""");
        var by = new StartedBy("launcher", "abc", StartedByKind.Application);
        var result = await StartAsync(manager, new StartInstance(TestApps.Node("ctx", "/x.js"), context, StartedBy: by));
        result.Instance.StartedBy.Should().Be(by);
        result.Instance.StartedBy.KindName.Should().Be("application");
        result.Instance.Context!.Value.GetProperty("selectedUser").GetInt32().Should().Be(2);
        var started = await ExpectEventAsync<InstanceStarted>();
        started.Instance.Should().Be(result.Instance);
        StartedBy.AutoStart.KindName.Should().Be("autoStart");
    }

    [Fact]
    public async Task Readiness_AppSignalReadyThenInteropReady_OneReadyUpdate()
    {
        var manager = Manager();
        var result = await StartAsync(manager, new StartInstance(TestApps.Node("ready", "/x.js")));
        await ExpectEventAsync<InstanceStarted>();
        manager.Tell(new AppSignalReady(result.Instance.Id));
        manager.Tell(new InteropReady(result.Instance.Id));
        var ready = await ExpectEventAsync<InstanceUpdated>();
        ready.Changes.Should().Be(InstanceChanges.Ready);
        ready.Instance.Ready.Should().BeTrue();
        manager.Tell(new SetInstanceTitle(result.Instance.Id, "Renamed"));
        var renamed = await ExpectEventAsync<InstanceUpdated>();
        renamed.Changes.Should().Be(InstanceChanges.Title, "the second readiness signal published nothing");
        renamed.Instance.Title.Should().Be("Renamed");

        manager.Tell(new SetInstanceContext(result.Instance.Id, TestApps.Json("""{"x": 1}""")));
        (await ExpectEventAsync<InstanceUpdated>()).Instance.Context!.Value.GetProperty("x").GetInt32().Should().Be(1);
        var lookup = await manager.Ask<InstanceLookup>(new GetInstance(result.Instance.Id), T);
        lookup.Instance!.Ready.Should().BeTrue();
        lookup.Instance.Title.Should().Be("Renamed");
    }

    [Fact]
    public async Task GetInstances_ByApp_ListsOnlyThatAppInStartOrder()
    {
        var manager = Manager();
        var a1 = await StartAsync(manager, new StartInstance(TestApps.Node("a", "/x.js")));
        await StartAsync(manager, new StartInstance(TestApps.Node("b", "/x.js")));
        var a2 = await StartAsync(manager, new StartInstance(TestApps.Node("a", "/x.js")));
        var list = await manager.Ask<InstanceList>(new GetInstances("a"), T);
        list.Instances.Select(i => i.Id).Should().Equal(a1.Instance.Id, a2.Instance.Id);
        (await manager.Ask<InstanceList>(new GetInstances(), T)).Instances.Should().HaveCount(3);
        list.Instances.Should().OnlyContain(i => i.State == InstanceState.Running);
    }

    [Fact]
    public async Task StopInstance_UnknownId_FailsWithInstanceNotFound()
    {
        var manager = Manager();
        var error = await Assert.ThrowsAsync<InstanceNotFoundException>(() => manager.Ask<InstanceStopped>(new StopInstance("nope"), T));
        error.InstanceId.Should().Be("nope");
    }

    [Fact]
    public async Task AppRemoved_CloseRunningInstancesOnAppRemoved_StopsItsInstances()
    {
        var manager = Manager(closeOnRemoved: true);
        var app = TestApps.Node("removable", "/x.js");
        var one = await StartAsync(manager, new StartInstance(app));
        var other = await StartAsync(manager, new StartInstance(TestApps.Node("kept", "/x.js")));
        Sys.EventStream.Publish(new AppRemoved(7, new RegisteredApp(app, "in-memory", StoreKind.InMemory)));
        var stopped = await ExpectEventAsync<InstanceStopped>();
        stopped.InstanceId.Should().Be(one.Instance.Id);
        stopped.Reason.Should().Be("the app was removed");
        stopped.Requested.Should().BeTrue();
        (await manager.Ask<InstanceList>(new GetInstances(), T)).Instances.Select(i => i.Id).Should().Equal(other.Instance.Id);
    }

    [Fact]
    public async Task AppRemoved_SettingOff_InstancesKeepRunning()
    {
        var manager = Manager(closeOnRemoved: false);
        var app = TestApps.Node("removable", "/x.js");
        await StartAsync(manager, new StartInstance(app));
        Sys.EventStream.Publish(new AppRemoved(7, new RegisteredApp(app, "in-memory", StoreKind.InMemory)));
        (await manager.Ask<InstanceList>(new GetInstances(), T)).Instances.Should().ContainSingle();
    }

    [Fact]
    public async Task StopInstance_AfterTheReplyOrTheEvent_TheListNoLongerHasIt()
    {
        var manager = Manager();
        var app = TestApps.Node("listed", "/x.js");
        var stoppedEvents = CreateTestProbe();
        Sys.EventStream.Subscribe(stoppedEvents.Ref, typeof(InstanceStopped));
        var first = await StartAsync(manager, new StartInstance(app));
        var second = await StartAsync(manager, new StartInstance(app));

        // The manager forgets an instance before its stop is answered or published: a list asked after either lacks it.
        await manager.Ask<InstanceStopped>(new StopInstance(first.Instance.Id), T);
        (await manager.Ask<InstanceList>(new GetInstances(), T)).Instances.Select(i => i.Id).Should().Equal(second.Instance.Id);
        await stoppedEvents.ExpectMsgAsync<InstanceStopped>(e => e.Instance.Id == first.Instance.Id, T);

        manager.Tell(new StopInstance(second.Instance.Id));
        await stoppedEvents.ExpectMsgAsync<InstanceStopped>(e => e.Instance.Id == second.Instance.Id, T);
        (await manager.Ask<InstanceList>(new GetInstances(), T)).Instances.Should().BeEmpty();
    }

    [Fact]
    public async Task StopAppInstances_StopsEveryInstanceOfTheApp()
    {
        var manager = Manager();
        var app = TestApps.Node("many", "/x.js");
        await StartAsync(manager, new StartInstance(app));
        await StartAsync(manager, new StartInstance(app));
        var result = await manager.Ask<StopAppInstancesResult>(new StopAppInstances("many"), T);
        result.InstanceIds.Should().HaveCount(2);
        await ExpectEventAsync<InstanceStopped>();
        await ExpectEventAsync<InstanceStopped>();
    }

    [Fact]
    public async Task SystemShutdown_RunningInstance_KilledAndStoppedPublished()
    {
        var manager = Manager();
        await StartAsync(manager, new StartInstance(TestApps.Node("orphan-candidate", "/x.js")));
        var run = await _launcher.NextLaunchAsync();
        Sys.Stop(manager);
        await run.Exited.WaitAsync(T);
        run.Killed.Should().BeTrue();
    }

    [Fact]
    public void Settings_Invalid_ReportsEveryProblem()
    {
        var settings = new InstanceManagerSettings { NodePath = " ", StopGracePeriod = TimeSpan.FromSeconds(-1), DefaultRestartPolicy = RestartPolicy.Default with { MaxRestarts = -2 } };
        var error = Assert.Throws<ArgumentException>(() => InstanceManager.Props(settings));
        error.Message.Should().Contain("NodePath").And.Contain("StopGracePeriod").And.Contain("MaxRestarts: -2");
    }
}
