using FluentAssertions;
using IoActors.Kernel.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests;

public sealed class LifecycleSpecs(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact]
    public void ActorOf_NewActor_RunsPreStartBeforeFirstMessage()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor)), "a");
        actor.Tell("hi", TestActor);

        ExpectMsg(new LifecycleEvent("a", "prestart"));
        ExpectMsg("hi");
    }

    [Fact]
    public void Stop_RunningActor_RunsPostStopAndNotifiesWatchers()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor)), "a");
        ExpectMsg(new LifecycleEvent("a", "prestart"));
        Watch(actor);

        Sys.Stop(actor);

        ExpectMsg(new LifecycleEvent("a", "poststop"));
        ExpectTerminated(actor);
    }

    [Fact]
    public void PoisonPill_QueuedBehindMessages_ProcessesEarlierMessagesThenStops()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(actor);

        actor.Tell(1, TestActor);
        actor.Tell(2, TestActor);
        actor.Tell(PoisonPill.Instance, TestActor);
        actor.Tell(3, TestActor);

        ExpectMsg(1);
        ExpectMsg(2);
        ExpectTerminated(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void PreStart_Throws_ActorIsStoppedWithActorInitializationException()
    {
        var strategyProbe = CreateTestProbe();
        var strategy = new OneForOneStrategy(ex =>
        {
            strategyProbe.Tell(ex, null);
            return SupervisorStrategy.DefaultDecider(ex);
        });
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(TestActor)).WithSupervisorStrategy(strategy));
        ExpectMsg<ChildrenCreated>();
        parent.Tell(new CreateChild(Props.Create(() => new LifecycleActor(TestActor, true)), "bad"), TestActor);
        var child = ExpectMsg<IActorRef>();
        Watch(child);

        ExpectMsg(new LifecycleEvent("bad", "prestart"));
        var failure = strategyProbe.ExpectMsg<ActorInitializationException>();
        failure.Actor.Should().Be(child);
        failure.InnerException.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("start failed");
        failure.Message.Should().Contain("/user/").And.Contain("bad");
        ExpectTerminated(child);
    }

    [Fact]
    public void Kill_RunningActor_IsStoppedByDefaultStrategy()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor)), "k");
        ExpectMsg(new LifecycleEvent("k", "prestart"));
        Watch(actor);

        actor.Tell(Kill.Instance, TestActor);

        ExpectMsg(new LifecycleEvent("k", "poststop"));
        ExpectTerminated(actor);
    }

    [Fact]
    public void Restart_ByDefaultStrategy_KeepsRefAndMailboxAndResetsState()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor)), "r");
        ExpectMsg(new LifecycleEvent("r", "prestart"));
        actor.Tell(10, TestActor);

        actor.Tell("fail", TestActor);
        actor.Tell(1, TestActor);
        actor.Tell(2, TestActor);
        actor.Tell("state", TestActor);

        ExpectMsg(new LifecycleEvent("r", "prerestart:boom:fail"));
        ExpectMsg(new LifecycleEvent("r", "poststop"));
        ExpectMsg(new LifecycleEvent("r", "postrestart:boom"));
        ExpectMsg(new LifecycleEvent("r", "prestart"));
        ExpectMsg(3);
    }

    [Fact]
    public void Identify_LiveAndStoppedActor_RepliesWithSubjectOrNull()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>());
        actor.Tell(new Identify(42), TestActor);
        ExpectMsg<ActorIdentity>().Should().Be(new ActorIdentity(42, actor));

        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        actor.Tell(new Identify(43), TestActor);
        ExpectMsg(new ActorIdentity(43, null));
    }

    [Fact]
    public void Become_ReceiveActor_SwitchesAndUnbecomesStackedBehaviors()
    {
        var actor = Sys.ActorOf(Props.Create<MoodActor>());

        actor.Tell("mood", TestActor);
        ExpectMsg("calm");
        actor.Tell("anger", TestActor);
        actor.Tell("mood", TestActor);
        ExpectMsg("angry");
        actor.Tell("joy", TestActor);
        actor.Tell("mood", TestActor);
        ExpectMsg("happy");
        actor.Tell("back", TestActor);
        actor.Tell("mood", TestActor);
        ExpectMsg("angry");
    }

    [Fact]
    public void Unhandled_Message_IsPublishedAsUnhandledMessage()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create<MoodActor>());

        actor.Tell(12345, TestActor);

        var unhandled = ExpectMsg<UnhandledMessage>();
        unhandled.Message.Should().Be(12345);
        unhandled.Recipient.Should().Be(actor);
        unhandled.Sender.Should().Be(TestActor);
    }

    [Fact]
    public void Children_ParentStopped_StopsChildrenFirst()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(TestActor,
            (Props.Create(() => new LifecycleActor(TestActor)), "c1"),
            (Props.Create(() => new LifecycleActor(TestActor)), "c2"))), "p");
        var children = ExpectMsg<ChildrenCreated>().Children;
        ExpectMsgAllOf(new LifecycleEvent("c1", "prestart"), new LifecycleEvent("c2", "prestart"));
        children.Select(c => c.Path.ToString()).Should().BeEquivalentTo("/user/p/c1", "/user/p/c2");
        Watch(parent);

        Sys.Stop(parent);

        ExpectMsgAllOf(new LifecycleEvent("c1", "poststop"), new LifecycleEvent("c2", "poststop"));
        ExpectTerminated(parent);
    }

    /// <summary>Calm, angry (Become) and happy (BecomeStacked on top of angry).</summary>
    private sealed class MoodActor : ReceiveActor
    {
        public MoodActor()
        {
            Receive<string>(s => s == "mood", _ => Sender.Tell("calm", Self));
            Receive<string>(s => s == "anger", _ => Become(Angry));
        }

        private void Angry()
        {
            Receive<string>(s => s == "mood", _ => Sender.Tell("angry", Self));
            Receive<string>(s => s == "joy", _ => BecomeStacked(() =>
            {
                Receive<string>(s => s == "mood", _ => Sender.Tell("happy", Self));
                Receive<string>(s => s == "back", _ => UnbecomeStacked());
            }));
        }
    }
}
