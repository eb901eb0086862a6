using FluentAssertions;
using IoActors.Kernel.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests;

public sealed class SupervisionSpecs(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact]
    public void Resume_ChildFails_KeepsStateAndDropsFailingMessage()
    {
        var child = CreateChild(new OneForOneStrategy(_ => Directive.Resume), "c");
        child.Tell(5, TestActor);
        child.Tell("fail", TestActor);
        child.Tell("state", TestActor);

        ExpectMsg(5);
    }

    [Fact]
    public void RestartLimitExceeded_ChildFailsMoreThanMaxRetriesInWindow_ChildIsStopped()
    {
        var child = CreateChild(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart), "c");
        Watch(child);

        for (var i = 0; i < 2; i++)
        {
            child.Tell("fail", TestActor);
            FishForMessage<LifecycleEvent>(e => e.Event == "prestart");
        }

        child.Tell("fail", TestActor);

        FishForMessage<LifecycleEvent>(e => e.Event == "poststop");
        ExpectTerminated(child);
    }

    [Fact]
    public void RestartWindow_WindowElapsedBetweenFailures_CountStartsAgain()
    {
        var child = CreateChild(new OneForOneStrategy(1, TimeSpan.FromSeconds(10), _ => Directive.Restart), "c");
        Watch(child);

        child.Tell("fail", TestActor);
        FishForMessage<LifecycleEvent>(e => e.Event == "prestart");
        Clock.Advance(TimeSpan.FromSeconds(11));
        child.Tell("fail", TestActor);
        FishForMessage<LifecycleEvent>(e => e.Event == "prestart");

        child.Tell("fail", TestActor);
        FishForMessage<LifecycleEvent>(e => e.Event == "poststop");
        ExpectTerminated(child);
    }

    [Fact]
    public void MaxRetriesZero_ChildFails_ChildIsStoppedWithoutRestart()
    {
        var child = CreateChild(new OneForOneStrategy(0, Timeout.InfiniteTimeSpan, _ => Directive.Restart), "c");
        Watch(child);

        child.Tell("fail", TestActor);

        ExpectMsg(new LifecycleEvent("c", "poststop"));
        ExpectTerminated(child);
    }

    [Fact]
    public void StoppingStrategy_ChildFails_ChildIsStopped()
    {
        var child = CreateChild(SupervisorStrategy.StoppingStrategy, "c");
        Watch(child);

        child.Tell("fail", TestActor);

        ExpectMsg(new LifecycleEvent("c", "poststop"));
        ExpectTerminated(child);
    }

    [Fact]
    public void AllForOne_OneChildFails_SiblingsRestartToo()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(TestActor,
            (Props.Create(() => new LifecycleActor(TestActor)), "a"),
            (Props.Create(() => new LifecycleActor(TestActor)), "b")))
            .WithSupervisorStrategy(new AllForOneStrategy(_ => Directive.Restart)));
        var children = ExpectMsg<ChildrenCreated>().Children;
        ExpectMsgAllOf(new LifecycleEvent("a", "prestart"), new LifecycleEvent("b", "prestart"));
        children[1].Tell(7, TestActor);
        // Processed before the failure: a message still in b's mailbox when it restarts is kept for the new instance.
        children[1].Tell("state", TestActor);
        ExpectMsg(7);

        children[0].Tell("fail", TestActor);

        ExpectMsgAllOf(
            new LifecycleEvent("a", "prerestart:boom:fail"),
            new LifecycleEvent("a", "poststop"),
            new LifecycleEvent("a", "postrestart:boom"),
            new LifecycleEvent("a", "prestart"),
            new LifecycleEvent("b", "prerestart:boom:"),
            new LifecycleEvent("b", "poststop"),
            new LifecycleEvent("b", "postrestart:boom"),
            new LifecycleEvent("b", "prestart"));
        children[1].Tell("state", TestActor);
        ExpectMsg(0);
    }

    [Fact]
    public void AllForOne_StopDirective_StopsAllChildren()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(TestActor,
            (Props.Create(() => new LifecycleActor(TestActor)), "a"),
            (Props.Create(() => new LifecycleActor(TestActor)), "b")))
            .WithSupervisorStrategy(new AllForOneStrategy(_ => Directive.Stop)));
        var children = ExpectMsg<ChildrenCreated>().Children;
        ExpectMsgAllOf(new LifecycleEvent("a", "prestart"), new LifecycleEvent("b", "prestart"));
        Watch(children[0]);
        Watch(children[1]);

        children[0].Tell("fail", TestActor);

        FishForMessage<Terminated>(t => t.ActorRef.Equals(children[0]) || t.ActorRef.Equals(children[1]));
        FishForMessage<Terminated>(t => t.ActorRef.Equals(children[0]) || t.ActorRef.Equals(children[1]));
    }

    [Fact]
    public void Escalate_GrandchildFails_GrandparentDecidesOnTheParent()
    {
        var decisions = CreateTestProbe();
        var grandparentStrategy = new OneForOneStrategy(ex =>
        {
            decisions.Tell(ex.Message, null);
            return Directive.Stop;
        });
        var grandparent = Sys.ActorOf(Props.Create(() => new ParentActor(TestActor,
            (Props.Create(() => new ParentActor(TestActor, (Props.Create(() => new LifecycleActor(TestActor)), "child")))
                .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Escalate)), "parent")))
            .WithSupervisorStrategy(grandparentStrategy), "grandparent");
        var parent = ExpectMsg<ChildrenCreated>().Children[0];
        var child = ExpectMsg<ChildrenCreated>().Children[0];
        child.Path.ToString().Should().Be("/user/grandparent/parent/child");
        ExpectMsg(new LifecycleEvent("child", "prestart"));
        Watch(parent);
        Watch(child);

        child.Tell("fail", TestActor);

        decisions.ExpectMsg("boom");
        FishForMessage<Terminated>(t => t.ActorRef.Equals(child));
        FishForMessage<Terminated>(t => t.ActorRef.Equals(parent));
    }

    [Fact]
    public void Escalate_FromTopLevelActor_GuardianRestartsItWithTheDefaultStrategy()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(TestActor, (Props.Create(() => new LifecycleActor(TestActor)), "child")))
            .WithSupervisorStrategy(new OneForOneStrategy(_ => Directive.Escalate)), "top");
        var child = ExpectMsg<ChildrenCreated>().Children[0];
        ExpectMsg(new LifecycleEvent("child", "prestart"));

        child.Tell("fail", TestActor);

        ExpectMsg(new LifecycleEvent("child", "poststop"));
        var recreated = ExpectMsg<ChildrenCreated>().Children[0];
        LastSender.Should().Be(parent);
        recreated.Should().NotBe(child);
        recreated.Path.Should().Be(child.Path);
        ExpectMsg(new LifecycleEvent("child", "prestart"));
    }

    [Fact]
    public void SupervisorStrategyOverride_InActor_IsUsedForChildren()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ResumingParent(TestActor)));
        var child = ExpectMsg<IActorRef>();
        child.Tell(3, TestActor);
        child.Tell("fail", TestActor);
        child.Tell("state", TestActor);

        ExpectMsg(3);
    }

    [Fact]
    public void StrategyConstructor_InvalidRetries_ThrowsNamingTheParameter()
    {
        var act = () => new OneForOneStrategy(-2, TimeSpan.Zero, _ => Directive.Stop);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxNrOfRetries");
    }

    private IActorRef CreateChild(SupervisorStrategy strategy, string name)
    {
        Sys.ActorOf(Props.Create(() => new ParentActor(TestActor, (Props.Create(() => new LifecycleActor(TestActor)), name)))
            .WithSupervisorStrategy(strategy));
        var child = ExpectMsg<ChildrenCreated>().Children[0];
        ExpectMsg(new LifecycleEvent(name, "prestart"));
        return child;
    }

    private sealed class ResumingParent : UntypedActor
    {
        private readonly IActorRef _probe;

        public ResumingParent(IActorRef probe) => _probe = probe;

        protected override void PreStart() => _probe.Tell(Context.ActorOf(Props.Create(() => new EchoingCounter()), "c"), Self);

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Resume);

        protected override void OnReceive(object message) => Unhandled(message);
    }

    private sealed class EchoingCounter : ReceiveActor
    {
        private int _state;

        public EchoingCounter()
        {
            Receive<int>(n => _state += n);
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("boom"));
            Receive<string>(s => s == "state", _ => Sender.Tell(_state, Self));
        }
    }
}
