using System.Collections.Concurrent;
using FluentAssertions;
using IoActors.Kernel.Tests.Support;
using IoActors.TestKit;
using Microsoft.Extensions.Logging;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests;

public sealed class DispatchSpecs(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact]
    public void Stop_WhileUserMessagesQueued_OvertakesThemAndTheyBecomeDeadLetters()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        using var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new GatedActor(TestActor, gate)));
        actor.Tell("block", TestActor);
        ExpectMsg("blocked");
        for (var i = 0; i < 5; i++)
        {
            actor.Tell(i, TestActor);
        }

        Watch(actor);
        Sys.Stop(actor);
        gate.Set();

        ExpectMsg("unblocked");
        var messages = ReceiveN(6);
        messages.OfType<DeadLetter>().Select(d => d.Message).Should().Equal(0, 1, 2, 3, 4);
        messages.OfType<Terminated>().Should().ContainSingle().Which.ActorRef.Should().Be(actor);
    }

    [Fact]
    public void Handler_ConcurrentSenders_NeverRunsOnTwoThreadsAtOnce()
    {
        const int perSender = 2_000;
        const int senders = 4;
        var overlaps = 0;
        using var done = new CountdownEvent(perSender * senders);
        var actor = Sys.ActorOf(Props.Create(() => new ReentrancyDetector(() => Interlocked.Increment(ref overlaps), done)));

        Parallel.For(0, senders, _ =>
        {
            for (var i = 0; i < perSender; i++)
            {
                actor.Tell(i, ActorRefs.NoSender);
            }
        });

        done.Wait(Dilated(TimeSpan.FromSeconds(20))).Should().BeTrue();
        overlaps.Should().Be(0);
    }

    [Fact]
    public async Task Throughput_One_StillDeliversEverythingInOrder()
    {
        var system = ActorSystem.Create("throughput", new ActorSystemOptions { Throughput = 1, RunCoordinatedShutdownOnProcessExit = false });
        try
        {
            var received = new ConcurrentQueue<int>();
            using var done = new CountdownEvent(1_000);
            var actor = system.ActorOf(Props.Create(() => new Collector(received, done)));

            for (var i = 0; i < 1_000; i++)
            {
                actor.Tell(i, ActorRefs.NoSender);
            }

            done.Wait(Dilated(TimeSpan.FromSeconds(10))).Should().BeTrue();
            received.Should().Equal(Enumerable.Range(0, 1_000));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void ImplicitSender_OutsideActors_IsUsedByTellExtension()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var previous = ImplicitSender.SetAmbient(TestActor);
        try
        {
            echo.Tell("implicit");
        }
        finally
        {
            ImplicitSender.SetAmbient(previous);
        }

        ExpectMsg("implicit");
    }

    [Fact]
    public void TellExtension_InsideActor_UsesSelfAsSender()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var relay = Sys.ActorOf(Props.Create(() => new Relay(echo, TestActor)));

        relay.Tell("via relay", TestActor);

        ExpectMsg("via relay");
        LastSender.Should().Be(relay);
    }

    [Fact]
    public void Context_ChildParentAndChildren_AreConsistent()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(TestActor, (Props.Create(() => new ParentReporter(TestActor)), "kid"))), "mum");
        var kid = ExpectMsg<ChildrenCreated>().Children[0];
        ExpectMsg<IActorRef>().Should().Be(parent);

        parent.Tell(new FindChild("kid"), TestActor);
        ExpectMsg<IActorRef>().Should().Be(kid);
        parent.Tell(new FindChild("nobody"), TestActor);
        ExpectMsg<IActorRef>().Should().Be(ActorRefs.Nobody);
    }

    [Fact]
    public async Task ContextLog_InsideActor_WritesWithActorPathScope()
    {
        var provider = new CapturingLoggerProvider();
        using var factory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(provider));
        var system = ActorSystem.Create("logging", new ActorSystemOptions { LoggerFactory = factory, RunCoordinatedShutdownOnProcessExit = false });
        try
        {
            var actor = system.ActorOf(Props.Create(() => new LoggingActor()), "talker");
            await actor.Ask<string>("log", TimeSpan.FromSeconds(5));

            provider.Entries.Should().Contain(e => e.Message == "hello from the actor" && e.Category.EndsWith(nameof(LoggingActor)));
            provider.Scopes.OfType<IReadOnlyList<KeyValuePair<string, object?>>>()
                .Should().Contain(s => s.Any(kv => kv.Key == "ActorPath" && Equals(kv.Value, "/user/talker")));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task GracefulStop_ActorIgnoresStopMessage_FaultsWithAskTimeout()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>(), "stubborn");

        var armed = Clock.PendingTimers;
        var stop = actor.GracefulStop(TimeSpan.FromSeconds(3), "please stop");
        await Clock.WaitForTimersAsync(armed + 1, Dilated(TimeSpan.FromSeconds(5)));
        Clock.Advance(TimeSpan.FromSeconds(3));

        var act = () => stop;
        (await act.Should().ThrowAsync<AskTimeoutException>()).WithMessage("*/user/stubborn*");
    }

    private sealed class GatedActor(IActorRef probe, ManualResetEventSlim gate) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is "block")
            {
                probe.Tell("blocked", Self);
                gate.Wait();
                probe.Tell("unblocked", Self);
            }
            else
            {
                probe.Tell(message, Self);
            }
        }
    }

    private sealed class ReentrancyDetector(Action overlap, CountdownEvent done) : UntypedActor
    {
        private int _inside;

        protected override void OnReceive(object message)
        {
            if (Interlocked.Increment(ref _inside) != 1)
            {
                overlap();
            }

            Thread.SpinWait(20);
            Interlocked.Decrement(ref _inside);
            done.Signal();
        }
    }

    private sealed class Collector(ConcurrentQueue<int> received, CountdownEvent done) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            received.Enqueue((int)message);
            done.Signal();
        }
    }

    private sealed class Relay(IActorRef echo, IActorRef probe) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (Sender.Equals(echo))
            {
                probe.Tell(message);
            }
            else
            {
                echo.Tell(message);
            }
        }
    }

    private sealed class ParentReporter(IActorRef probe) : UntypedActor
    {
        protected override void PreStart() => probe.Tell(Context.Parent, Self);

        protected override void OnReceive(object message)
        {
        }
    }

    private sealed class LoggingActor : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            Context.Log.LogInformation("hello from the actor");
            Sender.Tell("logged", Self);
        }
    }
}
