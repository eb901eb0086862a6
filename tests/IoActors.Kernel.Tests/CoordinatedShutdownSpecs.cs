using FluentAssertions;
using IoActors.Kernel.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests;

public sealed class CoordinatedShutdownSpecs(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact]
    public async Task Terminate_TasksInSeveralPhases_RunInPhaseOrderBeforeActorsStop()
    {
        var order = new List<string>();
        var actor = Sys.ActorOf(Props.Create(() => new StopRecorder(order)), "last");
        actor.Tell("ready?", TestActor);
        ExpectMsg("ready?");
        var cs = Sys.CoordinatedShutdown;
        cs.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "c", () => Record(order, "c"));
        cs.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "b", () => Record(order, "b"));
        cs.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "a", () => Record(order, "a"));

        await Sys.Terminate();

        order.Should().Equal("a", "b", "c", "actor stopped");
        Sys.IsTerminated.Should().BeTrue();
        cs.Reason.Should().Be(CoordinatedShutdownReason.ActorSystemTerminate);
    }

    [Fact]
    public async Task Run_CalledTwice_ReturnsTheSameTask()
    {
        var runs = 0;
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "count", () =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        });

        var first = Sys.CoordinatedShutdown.Run(CoordinatedShutdownReason.Unknown);
        var second = Sys.CoordinatedShutdown.Run(CoordinatedShutdownReason.ProcessTerminate);
        await first;

        second.Should().BeSameAs(first);
        runs.Should().Be(1);
        Sys.CoordinatedShutdown.Reason.Should().Be(CoordinatedShutdownReason.Unknown);
        await Sys.WhenTerminated;
    }

    [Fact]
    public async Task Phase_TaskOverrunsTimeout_NextPhaseStillRuns()
    {
        var hung = new TaskCompletionSource();
        var laterRan = new TaskCompletionSource();
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "hangs", () => hung.Task);
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "later", () =>
        {
            laterRan.TrySetResult();
            return Task.CompletedTask;
        });

        var armed = Clock.PendingTimers;
        var run = Sys.CoordinatedShutdown.Run(CoordinatedShutdownReason.Unknown);
        await Clock.WaitForTimersAsync(armed + 1, Dilated(TimeSpan.FromSeconds(5)));
        laterRan.Task.IsCompleted.Should().BeFalse();
        Clock.Advance(Sys.CoordinatedShutdown.PhaseTimeout(CoordinatedShutdown.PhaseServiceUnbind));

        await laterRan.Task.WaitAsync(Dilated(TimeSpan.FromSeconds(5)));
        await run.WaitAsync(Dilated(TimeSpan.FromSeconds(5)));
        Sys.IsTerminated.Should().BeTrue();
    }

    [Fact]
    public async Task Phase_TaskThrows_ShutdownContinues()
    {
        Sys.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "throws", () => throw new InvalidOperationException("bad task"));

        await Sys.Terminate().WaitAsync(Dilated(TimeSpan.FromSeconds(5)));

        Sys.IsTerminated.Should().BeTrue();
    }

    [Fact]
    public void AddTask_UnknownPhase_ThrowsNamingThePhase()
    {
        var act = () => Sys.CoordinatedShutdown.AddTask("no-such-phase", "t", () => Task.CompletedTask);

        act.Should().Throw<ArgumentException>().WithMessage("*'no-such-phase'*");
    }

    [Fact]
    public void PhaseNames_AreAkkasInOrder()
    {
        CoordinatedShutdown.PhaseNames.Should().StartWith("before-service-unbind").And.EndWith("actor-system-terminate");
        CoordinatedShutdown.PhaseNames.Should().HaveCount(12);
    }

    private sealed class StopRecorder(List<string> order) : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(message, Self);

        protected override void PostStop() => Record(order, "actor stopped");
    }

    private static Task Record(List<string> order, string name)
    {
        lock (order)
        {
            order.Add(name);
        }

        return Task.CompletedTask;
    }
}
