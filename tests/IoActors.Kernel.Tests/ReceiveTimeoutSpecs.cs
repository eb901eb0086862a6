using IoActors.Kernel.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests;

public sealed class ReceiveTimeoutSpecs(ITestOutputHelper output) : KernelSpec(output)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void ReceiveTimeout_Idle_DeliveredAfterTimeout()
    {
        var actor = Sys.ActorOf(Props.Create(() => new IdleActor(TestActor)));
        ExpectMsg("ready");

        Clock.Advance(Second * 4);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Clock.Advance(Second);

        ExpectMsg<ReceiveTimeout>();
    }

    [Fact]
    public void ReceiveTimeout_MessageArrives_TimerRestarts()
    {
        var actor = Sys.ActorOf(Props.Create(() => new IdleActor(TestActor)));
        ExpectMsg("ready");

        Clock.Advance(Second * 3);
        actor.Tell("ping", TestActor);
        ExpectMsg("ping");
        Clock.Advance(Second * 3);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Clock.Advance(Second * 2);

        ExpectMsg<ReceiveTimeout>();
    }

    [Fact]
    public void ReceiveTimeout_NotInfluencingMessage_DoesNotRestartTimer()
    {
        var actor = Sys.ActorOf(Props.Create(() => new IdleActor(TestActor)));
        ExpectMsg("ready");

        Clock.Advance(Second * 3);
        actor.Tell(new Quiet(), TestActor);
        ExpectMsg<Quiet>();
        Clock.Advance(Second * 2);

        ExpectMsg<ReceiveTimeout>();
    }

    [Fact]
    public void ReceiveTimeout_Cleared_NotDelivered()
    {
        var actor = Sys.ActorOf(Props.Create(() => new IdleActor(TestActor)));
        ExpectMsg("ready");

        actor.Tell("clear", TestActor);
        ExpectMsg("clear");
        Clock.Advance(Second * 10);

        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private sealed record Quiet : INotInfluenceReceiveTimeout;

    private sealed class IdleActor : UntypedActor
    {
        private readonly IActorRef _probe;

        public IdleActor(IActorRef probe) => _probe = probe;

        protected override void PreStart()
        {
            Context.SetReceiveTimeout(TimeSpan.FromSeconds(5));
            _probe.Tell("ready", Self);
        }

        protected override void OnReceive(object message)
        {
            if (message is "clear")
            {
                Context.SetReceiveTimeout(null);
            }

            _probe.Tell(message, Self);
        }
    }
}
