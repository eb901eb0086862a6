using FluentAssertions;
using IoActors.Platform.Boot;
using IoActors.Platform.Instances;
using IoActors.Platform.Shutdown;
using IoActors.Platform.Tests.Support;
using Xunit;

namespace IoActors.Platform.Tests.Boot;

// Seed 05, "Restart & Shutdown" and the "Shutdown" event.
public sealed class ShutdownTests : IAsyncLifetime
{
    private static readonly object NoWait = new { priority = 0, waitForInitialization = "no" };
    private readonly BootHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Shutdown_HandlerPrevents_PlatformKeepsRunning()
    {
        _h.UserApp("app", "exe", NoWait);
        _h.Start();
        await _h.BootedAsync();
        ShuttingDownEventArgs? seen = null;
        var registration = _h.Platform.OnShuttingDown((args, _) =>
        {
            seen = args;
            return Task.FromResult(ShutdownDecision.Prevent);
        }, "keeper");

        var outcome = await _h.Platform.ShutdownAsync("user asked", "api");

        outcome.Prevented.Should().BeTrue();
        outcome.PreventedBy.Should().Equal("keeper");
        seen.Should().Be(new ShuttingDownEventArgs(false, "api", "user asked"));
        (await _h.NextAsync<ShutdownPrevented>()).PreventedBy.Should().Equal("keeper");
        _h.Platform.WhenTerminated.IsCompleted.Should().BeFalse();
        (await _h.Platform.AppManager.InstancesAsync()).Should().ContainSingle();
        _h.Launcher.StopOrder.Should().BeEmpty();

        registration.Dispose();
        (await _h.Platform.ShutdownAsync()).Prevented.Should().BeFalse();
        await _h.Platform.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(10));
        _h.Launcher.StopOrder.Should().Equal("app");
    }

    [Fact]
    public async Task Shutdown_HandlerThatThrowsOrOverrunsTheBudget_DoesNotPrevent()
    {
        _h.Start(o => o.IoActors.Shutdown.Budget = new Hocon.HoconDuration(TimeSpan.FromSeconds(60)));
        await _h.BootedAsync();
        _h.Platform.OnShuttingDown((_, _) => throw new InvalidOperationException("handler bug"), "thrower");
        var slowStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _h.Platform.OnShuttingDown(async (_, token) =>
        {
            // The budget's timers are armed before any handler runs.
            slowStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
            return ShutdownDecision.Prevent;
        }, "slow");

        var shutdown = _h.Platform.ShutdownAsync();
        await slowStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _h.Clock.Advance(TimeSpan.FromSeconds(60));

        (await shutdown.WaitAsync(TimeSpan.FromSeconds(10))).Prevented.Should().BeFalse();
        await _h.Platform.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Shutdown_DisposeCannotBePrevented()
    {
        _h.Start();
        await _h.BootedAsync();
        var asked = false;
        _h.Platform.OnShuttingDown((_, _) =>
        {
            asked = true;
            return Task.FromResult(ShutdownDecision.Prevent);
        });

        await _h.Platform.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        asked.Should().BeTrue("handlers still run");
        _h.Platform.WhenTerminated.IsCompleted.Should().BeTrue();
    }

    [Fact]
    public async Task Shutdown_StopsInstancesInReverseBootOrder()
    {
        _h.SystemApp("core-high", "exe", new { stage = "core", priority = 10 });
        _h.SystemApp("core-low", "node", new { stage = "core", priority = 1 });
        _h.SystemApp("pre", "window", new { stage = "pre-sso", priority = 0 });
        _h.SystemApp("post", "exe", new { stage = "post-sso", priority = 0 });
        _h.UserApp("user", "exe", NoWait);
        _h.UserApp("manual", "exe", NoWait, autoStart: false);
        _h.Start();
        await _h.BootedAsync();
        await _h.Platform.AppManager.StartAsync("manual");

        (await _h.Platform.ShutdownAsync()).Prevented.Should().BeFalse();
        await _h.Platform.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(10));

        _h.Launcher.StopOrder.Should().Equal("manual", "user", "post", "pre", "core-low", "core-high");
        (await _h.NextAsync<InstancesStoppedForShutdown>()).StoppedInstances.Should().Be(6);
    }

    [Fact]
    public async Task Restart_StopsEverythingAndBootsTheSameAppsAgain()
    {
        _h.SystemApp("core-app", "exe", new { stage = "core", priority = 0 });
        _h.UserApp("user-app", "exe", NoWait);
        _h.Start();
        var first = await _h.BootedAsync();
        ShuttingDownEventArgs? seen = null;
        _h.Platform.OnShuttingDown((args, _) =>
        {
            seen = args;
            return Task.FromResult(ShutdownDecision.Proceed);
        });

        (await _h.Platform.RestartAsync("new config")).Prevented.Should().BeFalse();
        var second = await _h.BootedAsync();

        seen!.Restarting.Should().BeTrue();
        first.Attempt.Should().Be(1);
        second.Attempt.Should().Be(2);
        second.Apps.Select(a => (a.Name, a.Outcome)).Should().Equal(first.Apps.Select(a => (a.Name, a.Outcome)));
        _h.Launcher.StopOrder.Should().Equal("user-app", "core-app");
        _h.Launcher.Launches.Select(l => l.Definition.Name).Should().BeEquivalentTo(["core-app", "user-app", "core-app", "user-app"]);
        _h.Seen<AppBootRequested>().Select(e => (e.Attempt, e.App.Name)).Should().Equal((1, "core-app"), (1, "user-app"), (2, "core-app"), (2, "user-app"));
        var instances = await _h.Platform.AppManager.InstancesAsync();
        instances.Select(i => i.AppName).Should().BeEquivalentTo(["core-app", "user-app"]);
        instances.Should().OnlyContain(i => i.StartedBy.Kind == StartedByKind.AutoStart);
        _h.Platform.WhenTerminated.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task Restart_HandlerPrevents_NothingStops()
    {
        _h.UserApp("user-app", "exe", NoWait);
        _h.Start();
        var first = await _h.BootedAsync();
        _h.Platform.OnShuttingDown((args, _) => Task.FromResult(args.Restarting ? ShutdownDecision.Prevent : ShutdownDecision.Proceed));

        (await _h.Platform.RestartAsync()).Prevented.Should().BeTrue();

        _h.Launcher.StopOrder.Should().BeEmpty();
        (await _h.BootedAsync()).Should().BeSameAs(first);
    }
}
