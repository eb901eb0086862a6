using FluentAssertions;
using Xunit;
using Xunit.Abstractions;
using IoActors.Kernel.Tests.Support;

namespace IoActors.Kernel.Tests;

public sealed class StashSpecs(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact]
    public void UnstashAll_AfterOpening_ProcessesStashedMessagesFirstInOrder()
    {
        var actor = Sys.ActorOf(Props.Create(() => new GateActor()));
        actor.Tell(1, TestActor);
        actor.Tell(2, TestActor);
        actor.Tell(3, TestActor);

        actor.Tell("open", TestActor);
        actor.Tell(4, TestActor);

        ExpectMsg(1);
        ExpectMsg(2);
        ExpectMsg(3);
        ExpectMsg(4);
    }

    [Fact]
    public void Unstash_One_PutsOnlyTheOldestBack()
    {
        var actor = Sys.ActorOf(Props.Create(() => new GateActor()));
        actor.Tell(1, TestActor);
        actor.Tell(2, TestActor);

        actor.Tell("one", TestActor);

        ExpectMsg(1);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        actor.Tell("count", TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public void Stash_SameMessageTwice_FailsTheActor()
    {
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(probe.Ref, (Props.Create(() => new DoubleStasher()), "d")))
            .WithSupervisorStrategy(new OneForOneStrategy(ex =>
            {
                probe.Tell(ex.GetType().Name + ":" + ex.Message, null);
                return Directive.Stop;
            })));
        var child = probe.ExpectMsg<ChildrenCreated>().Children[0];

        child.Tell("x", TestActor);

        probe.ExpectMsg<string>(s => s.StartsWith("InvalidOperationException") && s.Contains("twice"));
    }

    [Fact]
    public void Stash_ActorRestarts_StashedMessagesAreProcessedByTheNewInstance()
    {
        var actor = Sys.ActorOf(Props.Create(() => new GateActor()));
        actor.Tell(1, TestActor);
        actor.Tell(2, TestActor);

        actor.Tell("fail", TestActor);

        ExpectMsg(1);
        ExpectMsg(2);
    }

    [Fact]
    public void Stash_ActorStops_StashedMessagesBecomeDeadLetters()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var actor = Sys.ActorOf(Props.Create(() => new GateActor()));
        actor.Tell(1, TestActor);

        actor.Tell(PoisonPill.Instance, TestActor);

        ExpectMsg<DeadLetter>().Message.Should().Be(1);
    }

    /// <summary>Stashes ints until "open" (or a restart), then echoes them.</summary>
    private sealed class GateActor : ReceiveActor, IWithStash
    {
        public GateActor()
        {
            Receive<int>(_ => Stash.Stash());
            Receive<string>(s => s == "open", _ =>
            {
                Become(Open);
                Stash.UnstashAll();
            });
            Receive<string>(s => s == "one", _ =>
            {
                Become(Open);
                Stash.Unstash();
            });
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart me"));
        }

        public IStash Stash { get; set; } = null!;

        protected override void PostRestart(Exception reason) => Become(Open);

        private void Open()
        {
            Receive<int>(n => Sender.Tell(n, Self));
            Receive<string>(s => s == "count", _ => Sender.Tell(Stash.Count, Self));
        }
    }

    private sealed class DoubleStasher : UntypedActor, IWithStash
    {
        public IStash Stash { get; set; } = null!;

        protected override void OnReceive(object message)
        {
            Stash.Stash();
            Stash.Stash();
        }
    }
}
