using FluentAssertions;
using IoActors.Kernel.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests;

public sealed class TimerSpecs(ITestOutputHelper output) : KernelSpec(output)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void SingleTimer_ClockAdvancedPastDelay_DeliversOnce()
    {
        var (actor, probe) = Start();
        actor.Tell(new StartSingle("k", "tick", Second), TestActor);
        ExpectMsg("done");

        Clock.Advance(TimeSpan.FromMilliseconds(999));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        probe.ExpectMsg("tick");
        Clock.Advance(Second * 5);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        actor.Tell("active?", TestActor);
        ExpectMsg(false);
    }

    [Fact]
    public void PeriodicTimer_EachInterval_DeliversAgain()
    {
        var (actor, probe) = Start();
        actor.Tell(new StartPeriodic("k", "tick", Second), TestActor);
        ExpectMsg("done");

        for (var i = 0; i < 3; i++)
        {
            Clock.Advance(Second);
            probe.ExpectMsg("tick");
        }

        actor.Tell("active?", TestActor);
        ExpectMsg(true);
    }

    [Fact]
    public void SameKeyTimer_ReplacedBeforeFiring_OnlyNewMessageIsDelivered()
    {
        var (actor, probe) = Start();
        actor.Tell(new StartSingle("k", "old", Second), TestActor);
        ExpectMsg("done");
        actor.Tell(new StartSingle("k", "new", Second * 2), TestActor);
        ExpectMsg("done");

        Clock.Advance(Second);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Clock.Advance(Second);
        probe.ExpectMsg("new");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void SameKeyTimer_OldMessageAlreadyEnqueued_IsNeverDelivered()
    {
        var (actor, probe) = Start();
        actor.Tell(new StartSingle("k", "old", Second), TestActor);
        ExpectMsg("done");
        using var gate = new ManualResetEventSlim();
        actor.Tell(new BlockThen(gate, new StartSingle("k", "new", Second)), TestActor);
        ExpectMsg("blocked");

        Clock.Advance(Second); // "old" fires and waits in the mailbox behind the blocked handler
        gate.Set();
        ExpectMsg("done");

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Clock.Advance(Second);
        probe.ExpectMsg("new");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Cancel_MessageAlreadyEnqueued_IsNeverDelivered()
    {
        var (actor, probe) = Start();
        actor.Tell(new StartPeriodic("k", "tick", Second), TestActor);
        ExpectMsg("done");
        using var gate = new ManualResetEventSlim();
        actor.Tell(new BlockThen(gate, new CancelTimer("k")), TestActor);
        ExpectMsg("blocked");

        Clock.Advance(Second);
        gate.Set();
        ExpectMsg("done");

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        actor.Tell("active?", TestActor);
        ExpectMsg(false);
    }

    [Fact]
    public void CancelAll_SeveralTimers_NoneDelivers()
    {
        var (actor, probe) = Start();
        actor.Tell(new StartSingle("a", "a", Second), TestActor);
        actor.Tell(new StartPeriodic("b", "b", Second), TestActor);
        ExpectMsg("done");
        ExpectMsg("done");
        actor.Tell(new CancelAllTimers(), TestActor);
        ExpectMsg("done");

        Clock.Advance(Second * 3);

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Timers_ActorRestarted_AreCancelled()
    {
        var (actor, probe) = Start();
        actor.Tell(new StartPeriodic("k", "tick", Second), TestActor);
        ExpectMsg("done");

        actor.Tell("fail", TestActor);
        probe.ExpectMsg("started");
        Clock.Advance(Second * 3);

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        actor.Tell("active?", TestActor);
        ExpectMsg(false);
    }

    [Fact]
    public void Timers_ActorStopped_AreCancelled()
    {
        var (actor, probe) = Start();
        actor.Tell(new StartPeriodic("k", "tick", Second), TestActor);
        ExpectMsg("done");
        var pendingBefore = Clock.PendingTimers;
        Watch(actor);

        Sys.Stop(actor);
        ExpectTerminated(actor);

        Clock.PendingTimers.Should().Be(pendingBefore - 1);
        Clock.Advance(Second * 3);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    private (IActorRef Actor, global::IoActors.TestKit.TestProbe Probe) Start()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(probe.Ref)));
        probe.ExpectMsg("started");
        return (actor, probe);
    }
}
