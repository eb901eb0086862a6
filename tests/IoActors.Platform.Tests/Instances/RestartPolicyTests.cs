using FluentAssertions;
using IoActors.Apps.Definitions;
using Akka.Actor;
using IoActors.Platform.Instances;
using IoActors.Platform.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Tests.Instances;

/// <summary>The restart policy on virtual time with a fake launcher.</summary>
public sealed class RestartPolicyTests : InstanceTestKit
{
    private readonly FakeLauncher _launcher = new();

    public RestartPolicyTests(ITestOutputHelper output)
        : base(output, virtualTime: true)
    {
    }

    private InstanceManagerSettings Settings(RestartPolicy? defaults = null) => new()
    {
        Launchers = new Dictionary<AppType, IInstanceLauncher> { [AppType.Node] = _launcher },
        DefaultRestartPolicy = defaults ?? RestartPolicy.Default,
        StopGracePeriod = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task OnFailure_RepeatedFailures_RestartsWithExponentialBackoffThenGivesUp()
    {
        var manager = StartManager(Settings());
        var app = TestApps.Node("crashy", "/x.js", restartPolicy: new { mode = "on-failure", maxRestarts = 2, withinMs = 60_000, backoffMs = 100, maxBackoffMs = 1_000 });
        var started = await StartAsync(manager, new StartInstance(app));
        var run = await _launcher.NextLaunchAsync();

        run.Exit(1);
        var first = await ExpectEventAsync<InstanceRestarting>();
        first.Attempt.Should().Be(1);
        first.Delay.Should().Be(TimeSpan.FromMilliseconds(100));
        first.Exit.ExitCode.Should().Be(1);

        Clock.Advance(TimeSpan.FromMilliseconds(99));
        _launcher.Launches.TryRead(out _).Should().BeFalse("the backoff has not elapsed");
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        run = await _launcher.NextLaunchAsync();
        var restarted = await ExpectEventAsync<InstanceUpdated>(u => u.Changes.HasFlag(InstanceChanges.Restarted));
        restarted.Instance.RestartCount.Should().Be(1);
        restarted.Instance.Id.Should().Be(started.Instance.Id);

        run.Exit(1);
        var second = await ExpectEventAsync<InstanceRestarting>();
        second.Attempt.Should().Be(2);
        second.Delay.Should().Be(TimeSpan.FromMilliseconds(200));
        Clock.Advance(TimeSpan.FromMilliseconds(200));
        run = await _launcher.NextLaunchAsync();
        await ExpectEventAsync<InstanceUpdated>(u => u.Changes.HasFlag(InstanceChanges.Restarted));

        run.Exit(3);
        var stopped = await ExpectEventAsync<InstanceStopped>();
        stopped.Reason.Should().Contain("restart limit reached").And.Contain("more than 2 restarts within 60000 ms").And.Contain("exit code 3");
        stopped.Exit!.ExitCode.Should().Be(3);
        stopped.Requested.Should().BeFalse();
        _launcher.LaunchCount.Should().Be(3);
    }

    [Fact]
    public async Task OnFailure_RestartsOutsideTheWindow_DoNotCountTowardsTheLimit()
    {
        var manager = StartManager(Settings());
        var app = TestApps.Node("flaky", "/x.js", restartPolicy: new { mode = "on-failure", maxRestarts = 1, withinMs = 1_000, backoffMs = 10, maxBackoffMs = 10 });
        await StartAsync(manager, new StartInstance(app));
        for (var i = 0; i < 3; i++)
        {
            var run = await _launcher.NextLaunchAsync();
            run.Exit(1);
            var restarting = await ExpectEventAsync<InstanceRestarting>();
            restarting.Attempt.Should().Be(1, "each earlier restart left the 1 s window");
            Clock.Advance(TimeSpan.FromSeconds(2));
        }

        (await _launcher.NextLaunchAsync()).Should().NotBeNull();
    }

    [Fact]
    public async Task OnFailure_CleanExit_StopsWithoutRestart()
    {
        var manager = StartManager(Settings());
        await StartAsync(manager, new StartInstance(TestApps.Node("ok", "/x.js", restartPolicy: new { mode = "on-failure" })));
        (await _launcher.NextLaunchAsync()).Exit(0);
        var stopped = await ExpectEventAsync<InstanceStopped>();
        stopped.Reason.Should().Be("exited: exit code 0");
        _launcher.LaunchCount.Should().Be(1);
    }

    [Fact]
    public async Task Always_CleanExit_Restarts()
    {
        var manager = StartManager(Settings());
        await StartAsync(manager, new StartInstance(TestApps.Node("daemon", "/x.js", restartPolicy: new { mode = "always", backoffMs = 50 })));
        (await _launcher.NextLaunchAsync()).Exit(0);
        (await ExpectEventAsync<InstanceRestarting>()).Delay.Should().Be(TimeSpan.FromMilliseconds(50));
        Clock.Advance(TimeSpan.FromMilliseconds(50));
        (await _launcher.NextLaunchAsync()).Should().NotBeNull();
    }

    [Fact]
    public async Task PlatformDefault_NoRestartPolicyInDefinition_AppliesDefaultMode()
    {
        var manager = StartManager(Settings(RestartPolicy.Default with { Mode = RestartMode.OnFailure, Backoff = TimeSpan.FromMilliseconds(5) }));
        await StartAsync(manager, new StartInstance(TestApps.Node("plain", "/x.js")));
        (await _launcher.NextLaunchAsync()).Exit(2);
        (await ExpectEventAsync<InstanceRestarting>()).Delay.Should().Be(TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public async Task Never_FailureExit_StopsWithExitCode()
    {
        var manager = StartManager(Settings());
        await StartAsync(manager, new StartInstance(TestApps.Node("once", "/x.js")));
        (await _launcher.NextLaunchAsync()).Exit(5);
        var stopped = await ExpectEventAsync<InstanceStopped>();
        stopped.Exit!.ExitCode.Should().Be(5);
        stopped.Reason.Should().Be("exited: exit code 5");
    }

    [Fact]
    public async Task Stop_WhileRestartIsPending_StopsForGoodWithoutRestart()
    {
        var manager = StartManager(Settings());
        var started = await StartAsync(manager, new StartInstance(TestApps.Node("crashy", "/x.js", restartPolicy: new { mode = "always", backoffMs = 1_000 })));
        (await _launcher.NextLaunchAsync()).Exit(1);
        await ExpectEventAsync<InstanceRestarting>();

        var stopped = await manager.Ask<InstanceStopped>(new StopInstance(started.Instance.Id), TimeSpan.FromSeconds(10)).WaitAsync(TimeSpan.FromSeconds(10));
        stopped.Requested.Should().BeTrue();
        stopped.Reason.Should().Be("stopped on request");
        Clock.Advance(TimeSpan.FromSeconds(10));
        _launcher.LaunchCount.Should().Be(1);
        (await manager.Ask<InstanceList>(new GetInstances(), TimeSpan.FromSeconds(5))).Instances.Should().BeEmpty();
    }

    [Fact]
    public async Task Stop_ProcessIgnoresStop_KilledAfterGracePeriodAndNotRestarted()
    {
        _launcher.ExitOnStop = false;
        var manager = StartManager(Settings());
        var started = await StartAsync(manager, new StartInstance(TestApps.Node("stubborn", "/x.js", restartPolicy: new { mode = "always" })));
        var run = await _launcher.NextLaunchAsync();
        var stop = manager.Ask<InstanceStopped>(new StopInstance(started.Instance.Id), TimeSpan.FromSeconds(30));
        await run.StopRequested.Task.WaitAsync(TimeSpan.FromSeconds(10));
        run.Killed.Should().BeFalse();
        // The grace timer is armed before the stop is requested.
        Clock.Advance(TimeSpan.FromSeconds(5));
        var stopped = await stop.WaitAsync(TimeSpan.FromSeconds(10));
        run.Killed.Should().BeTrue();
        stopped.Exit!.Signal.Should().Be(9);
        stopped.Requested.Should().BeTrue();
        _launcher.LaunchCount.Should().Be(1);
    }

    [Fact]
    public async Task RestartLaunchFailure_CountsTowardsTheLimit()
    {
        var manager = StartManager(Settings());
        await StartAsync(manager, new StartInstance(TestApps.Node("breaks", "/x.js", restartPolicy: new { mode = "on-failure", maxRestarts = 1, backoffMs = 10 })));
        _launcher.Fail = _ => "the script vanished";
        (await _launcher.NextLaunchAsync()).Exit(1);
        await ExpectEventAsync<InstanceRestarting>();
        Clock.Advance(TimeSpan.FromMilliseconds(10));
        var stopped = await ExpectEventAsync<InstanceStopped>();
        stopped.Reason.Should().Contain("restart limit reached").And.Contain("restart failed: the script vanished");
    }

    [Fact]
    public async Task InvalidRestartPolicy_StartFailsNamingEveryProblem()
    {
        var manager = StartManager(Settings());
        var app = TestApps.Node("bad", "/x.js", restartPolicy: new { mode = "sometimes", maxRestarts = -1, backoffMs = "x" });
        Func<Task> act = () => manager.Ask<InstanceStartResult>(new StartInstance(app), TimeSpan.FromSeconds(10));
        var error = (await act.Should().ThrowAsync<InstanceStartException>()).Which;
        error.Reason.Should().Contain("restartPolicy.mode: \"sometimes\"").And.Contain("restartPolicy.maxRestarts: -1 must be at least 0").And.Contain("restartPolicy.backoffMs: \"x\" is not a number");
        await ExpectEventAsync<InstanceStartFailed>();
    }

    [Fact]
    public async Task RestartPolicyWhoseWindowCannotHoldItsRestarts_StartFailsInsteadOfRestartingForever()
    {
        var manager = StartManager(Settings());
        var app = TestApps.Node("forever", "/x.js", restartPolicy: new { mode = "always", maxRestarts = 3, withinMs = 100, backoffMs = 100 });
        Func<Task> act = () => manager.Ask<InstanceStartResult>(new StartInstance(app), TimeSpan.FromSeconds(10));
        var error = (await act.Should().ThrowAsync<InstanceStartException>()).Which;
        error.Reason.Should().Contain("restartPolicy.withinMs: 100 ms cannot hold 3 restarts: their backoff alone takes 700 ms");
        await ExpectEventAsync<InstanceStartFailed>();
    }
}
