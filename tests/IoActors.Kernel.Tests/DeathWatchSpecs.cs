using FluentAssertions;
using IoActors.Kernel.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests;

public sealed class DeathWatchSpecs(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact]
    public void Watch_TargetStops_WatcherGetsTerminatedOnce()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>(), "target");
        Sys.ActorOf(Props.Create(() => new WatcherActor(target, TestActor, null)));
        ExpectMsg("watching");

        Sys.Stop(target);

        var terminated = ExpectMsg<Terminated>();
        terminated.ActorRef.Should().Be(target);
        terminated.ExistenceConfirmed.Should().BeTrue();
        terminated.AddressTerminated.Should().BeFalse();
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Watch_AlreadyStoppedActor_DeliversTerminated()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);

        Sys.ActorOf(Props.Create(() => new WatcherActor(target, TestActor, null)));

        ExpectMsg("watching");
        ExpectMsg<Terminated>().ActorRef.Should().Be(target);
    }

    [Fact]
    public void Watch_Twice_StillOneTerminated()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new WatcherActor(target, TestActor, null)));
        ExpectMsg("watching");
        watcher.Tell("watch-again", TestActor);
        ExpectMsg("watching");

        Sys.Stop(target);

        ExpectMsg<Terminated>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void WatchWith_TargetStops_DeliversCustomMessage()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        Sys.ActorOf(Props.Create(() => new WatcherActor(target, TestActor, "target-gone")));
        ExpectMsg("watching");

        target.Tell(PoisonPill.Instance, TestActor);

        ExpectMsg("target-gone");
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Unwatch_BeforeStop_NoTerminated()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new WatcherActor(target, TestActor, null)));
        ExpectMsg("watching");
        watcher.Tell("unwatch", TestActor);
        ExpectMsg("unwatched");
        Watch(target);

        Sys.Stop(target);

        ExpectTerminated(target);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Unwatch_TerminationAlreadyOnItsWay_IsNeverDelivered()
    {
        for (var round = 0; round < 20; round++)
        {
            var target = Sys.ActorOf(Props.Create<EchoActor>());
            var watcher = Sys.ActorOf(Props.Create(() => new WatcherActor(target, TestActor, null)));
            ExpectMsg("watching");
            Watch(target);

            watcher.Tell("stop-target-and-unwatch", TestActor);

            ExpectMsg("unwatched");
            ExpectTerminated(target);
            watcher.Tell("ping", TestActor);
            ExpectMsg("ping");
        }
    }

    [Fact]
    public void Watch_TenThousandWatchersOfOneActor_EachGetsExactlyOneTerminated()
    {
        const int watchers = 10_000;
        var target = Sys.ActorOf(Props.Create<EchoActor>(), "watched");
        var counts = new int[watchers];
        var ready = new CountdownEvent(watchers);
        var done = new CountdownEvent(watchers);
        for (var i = 0; i < watchers; i++)
        {
            var index = i;
            Sys.ActorOf(Props.Create(() => new CountingWatcher(target, counts, index, ready, done)));
        }

        ready.Wait(Dilated(TimeSpan.FromSeconds(20))).Should().BeTrue("all watchers should have started");
        Sys.Stop(target);

        done.Wait(Dilated(TimeSpan.FromSeconds(20))).Should().BeTrue("every watcher should get a Terminated");
        // Give duplicates a chance to show up: a second Terminated would be processed before this round trip.
        var probe = Sys.ActorOf(Props.Create<EchoActor>());
        probe.Tell("flush", TestActor);
        ExpectMsg("flush");
        counts.Should().OnlyContain(c => c == 1);
    }

    [Fact]
    public void DeathPact_UnhandledTerminated_StopsTheWatcher()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new UnhandlingWatcher(target)));
        watcher.Tell("ready?", TestActor);
        ExpectMsg("ready");
        Watch(watcher);

        Sys.Stop(target);

        ExpectTerminated(watcher);
    }

    [Fact]
    public void Watch_ForeignActorRefImplementation_ThrowsArgumentException()
    {
        var watcher = Sys.ActorOf(Props.Create(() => new WatchForeign(TestActor)));

        watcher.Tell("go", TestActor);

        ExpectMsg<ArgumentException>().Message.Should().Contain("not an actor reference created by the kernel");
    }

    private sealed class CountingWatcher : UntypedActor
    {
        private readonly IActorRef _target;
        private readonly int[] _counts;
        private readonly int _index;
        private readonly CountdownEvent _ready;
        private readonly CountdownEvent _done;

        public CountingWatcher(IActorRef target, int[] counts, int index, CountdownEvent ready, CountdownEvent done)
        {
            _target = target;
            _counts = counts;
            _index = index;
            _ready = ready;
            _done = done;
        }

        protected override void PreStart()
        {
            Context.Watch(_target);
            Context.Watch(_target);
            _ready.Signal();
        }

        protected override void OnReceive(object message)
        {
            if (message is Terminated && Interlocked.Increment(ref _counts[_index]) == 1)
            {
                _done.Signal();
            }
        }
    }

    private sealed class UnhandlingWatcher : ReceiveActor
    {
        public UnhandlingWatcher(IActorRef target)
        {
            Context.Watch(target);
            Receive<string>(_ => Sender.Tell("ready", Self));
        }
    }

    private sealed class WatchForeign : UntypedActor
    {
        private readonly IActorRef _probe;

        public WatchForeign(IActorRef probe) => _probe = probe;

        protected override void OnReceive(object message)
        {
            try
            {
                Context.Watch(new ForeignRef());
            }
            catch (ArgumentException ex)
            {
                _probe.Tell(ex, Self);
            }
        }
    }

    private sealed class ForeignRef : IActorRef
    {
        public ActorPath Path { get; } = ActorPath.Root("elsewhere") / "x";

        public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

        public void Tell(object message, IActorRef? sender)
        {
        }
    }
}
