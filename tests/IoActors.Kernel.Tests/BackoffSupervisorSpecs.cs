using FluentAssertions;
using IoActors.Kernel.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests;

public sealed class BackoffSupervisorSpecs(ITestOutputHelper output) : KernelSpec(output)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void OnStop_ChildStops_RestartedAfterMinBackoff()
    {
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(
            Backoff.OnStop(Props.Create(() => new LifecycleActor(TestActor)), "worker", Second, Second * 30, 0).WithManualReset()), "backoff");
        ExpectMsg(new LifecycleEvent("worker", "prestart"));
        var child = CurrentChild(supervisor);
        child.Path.ToString().Should().Be("/user/backoff/worker");

        child.Tell(PoisonPill.Instance, TestActor);
        ExpectMsg(new LifecycleEvent("worker", "poststop"));
        WaitUntilChildIs(supervisor, null);
        Clock.Advance(TimeSpan.FromMilliseconds(999));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Clock.Advance(TimeSpan.FromMilliseconds(1));

        ExpectMsg(new LifecycleEvent("worker", "prestart"));
        supervisor.Tell(GetRestartCount.Instance, TestActor);
        ExpectMsg(new RestartCount(1));
    }

    [Fact]
    public void OnStop_RepeatedStops_DelayDoublesUpToMax()
    {
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(
            Backoff.OnStop(Props.Create(() => new LifecycleActor(TestActor)), "worker", Second, Second * 3, 0).WithManualReset()));
        ExpectMsg(new LifecycleEvent("worker", "prestart"));

        foreach (var expectedDelay in new[] { 1, 2, 3, 3 })
        {
            CurrentChild(supervisor).Tell(PoisonPill.Instance, TestActor);
            ExpectMsg(new LifecycleEvent("worker", "poststop"));
            WaitUntilChildIs(supervisor, null);
            Clock.Advance(Second * expectedDelay - TimeSpan.FromMilliseconds(1));
            ExpectNoMsg(TimeSpan.FromMilliseconds(30));
            Clock.Advance(TimeSpan.FromMilliseconds(1));
            ExpectMsg(new LifecycleEvent("worker", "prestart"));
        }
    }

    [Fact]
    public void OnFailure_ChildFails_RestartedWithBackoffNotImmediately()
    {
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(
            Backoff.OnFailure(Props.Create(() => new LifecycleActor(TestActor)), "worker", Second, Second * 10, 0)));
        ExpectMsg(new LifecycleEvent("worker", "prestart"));

        supervisor.Tell("fail", TestActor);

        ExpectMsg(new LifecycleEvent("worker", "poststop"));
        WaitUntilChildIs(supervisor, null);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Clock.Advance(Second);
        ExpectMsg(new LifecycleEvent("worker", "prestart"));
    }

    [Fact]
    public void OnFailure_ChildStopsVoluntarily_SupervisorStops()
    {
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(
            Backoff.OnFailure(Props.Create(() => new LifecycleActor(TestActor)), "worker", Second, Second * 10, 0)));
        ExpectMsg(new LifecycleEvent("worker", "prestart"));
        Watch(supervisor);

        CurrentChild(supervisor).Tell(PoisonPill.Instance, TestActor);

        ExpectMsg(new LifecycleEvent("worker", "poststop"));
        ExpectTerminated(supervisor);
    }

    [Fact]
    public void MaxNrOfRetries_Exceeded_SupervisorStops()
    {
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(
            Backoff.OnStop(Props.Create(() => new LifecycleActor(TestActor)), "worker", Second, Second, 0).WithMaxNrOfRetries(1)));
        ExpectMsg(new LifecycleEvent("worker", "prestart"));
        Watch(supervisor);

        CurrentChild(supervisor).Tell(PoisonPill.Instance, TestActor);
        ExpectMsg(new LifecycleEvent("worker", "poststop"));
        WaitUntilChildIs(supervisor, null);
        Clock.Advance(Second);
        ExpectMsg(new LifecycleEvent("worker", "prestart"));
        CurrentChild(supervisor).Tell(PoisonPill.Instance, TestActor);

        ExpectMsg(new LifecycleEvent("worker", "poststop"));
        ExpectTerminated(supervisor);
    }

    [Fact]
    public void AutoReset_ChildRunsLongEnough_RestartCountGoesBackToZero()
    {
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(
            Backoff.OnStop(Props.Create(() => new LifecycleActor(TestActor)), "worker", Second, Second * 10, 0).WithAutoReset(Second * 5)));
        ExpectMsg(new LifecycleEvent("worker", "prestart"));
        CurrentChild(supervisor).Tell(PoisonPill.Instance, TestActor);
        ExpectMsg(new LifecycleEvent("worker", "poststop"));
        WaitUntilChildIs(supervisor, null);
        Clock.Advance(Second);
        ExpectMsg(new LifecycleEvent("worker", "prestart"));
        supervisor.Tell(GetRestartCount.Instance, TestActor);
        ExpectMsg(new RestartCount(1));

        Clock.Advance(Second * 5);

        AwaitAssert(() =>
        {
            supervisor.Tell(GetRestartCount.Instance, TestActor);
            ExpectMsg<RestartCount>().Count.Should().Be(0);
        });
    }

    [Fact]
    public void Messages_ToSupervisor_AreForwardedToChildKeepingSender()
    {
        var supervisor = Sys.ActorOf(BackoffSupervisor.Props(
            Backoff.OnStop(Props.Create<EchoActor>(), "echo", Second, Second, 0)));

        supervisor.Tell("hello", TestActor);

        ExpectMsg("hello");
        LastSender.Path.ToString().Should().EndWith("/echo");
    }

    [Fact]
    public void Options_Invalid_ReportEveryProblem()
    {
        var options = Backoff.OnStop(Props.Create<EchoActor>(), "", TimeSpan.Zero, TimeSpan.FromSeconds(-1), 2);

        var act = () => BackoffSupervisor.Props(options);

        act.Should().Throw<ArgumentException>().WithMessage("*ChildName*MinBackoff*MaxBackoff*RandomFactor: 2*");
    }

    [Fact]
    public void CalculateDelay_RandomFactor_StaysWithinBounds()
    {
        for (var n = 0; n < 10; n++)
        {
            var delay = BackoffSupervisor.CalculateDelay(n, Second, Second * 20, 0.5);
            var baseDelay = TimeSpan.FromTicks(Math.Min((Second * 20).Ticks, Second.Ticks << n));
            delay.Should().BeGreaterThanOrEqualTo(baseDelay).And.BeLessThanOrEqualTo(baseDelay * 1.5);
        }
    }

    private IActorRef CurrentChild(IActorRef supervisor)
    {
        supervisor.Tell(GetCurrentChild.Instance, TestActor);
        return ExpectMsg<CurrentChild>().Ref ?? throw new InvalidOperationException("no child");
    }

    private void WaitUntilChildIs(IActorRef supervisor, IActorRef? expected) =>
        AwaitAssert(() =>
        {
            supervisor.Tell(GetCurrentChild.Instance, TestActor);
            ExpectMsg<CurrentChild>().Ref.Should().Be(expected);
        });
}
