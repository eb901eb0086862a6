using FluentAssertions;
using IoActors.Kernel.Tests.TestKit.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests.TestKit;

using IoActors.TestKit;

public sealed class TestProbeTests : TestKit
{
    public TestProbeTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void CreateTestProbe_NamesAreNumberedOrGiven()
    {
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        var named = CreateTestProbe("registry");

        first.Ref.Path.ToString().Should().Be("/user/testProbe-1");
        second.Ref.Path.Name.Should().Be("testProbe-2");
        named.Ref.Path.Name.Should().Be("registry");
        named.ToString().Should().Contain("/user/registry");
        first.Sys.Should().BeSameAs(Sys);
    }

    [Fact]
    public void Send_SenderIsTheProbe_SoTheReplyReachesIt()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));

        probe.Send(echo, "ping");

        probe.ExpectMsg("ping");
        probe.LastSender.Should().Be(echo);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Tell_ToTheProbe_IsSeenWithTheGivenSender()
    {
        var probe = CreateTestProbe();

        probe.Tell("hi", TestActor);

        probe.ExpectMsg<string>().Should().Be("hi");
        probe.LastSender.Should().Be(TestActor);
    }

    [Fact]
    public void Reply_GoesToTheLastSender()
    {
        var probe = CreateTestProbe();
        probe.Send(TestActor, "question");
        ExpectMsg("question");

        Reply("answer");

        probe.ExpectMsg("answer");
        probe.LastSender.Should().Be(TestActor);
    }

    [Fact]
    public void Forward_KeepsTheOriginalSender()
    {
        var origin = CreateTestProbe("origin");
        var target = CreateTestProbe("target");
        origin.Send(TestActor, "parcel");
        ExpectMsg("parcel");

        Forward(target.Ref);
        Forward(target.Ref, "second parcel");

        target.ExpectMsg("parcel");
        target.LastSender.Should().Be(origin.Ref);
        target.ExpectMsg("second parcel");
        target.LastSender.Should().Be(origin.Ref);
    }

    [Fact]
    public void Forward_BeforeAnyMessage_ThrowsClearly()
    {
        var probe = CreateTestProbe();

        var act = () => probe.Forward(TestActor);

        act.Should().Throw<InvalidOperationException>().WithMessage("*no message*");
    }

    [Fact]
    public void Probes_HaveIndependentQueues()
    {
        var a = CreateTestProbe();
        var b = CreateTestProbe();

        a.Tell(1);
        b.Tell(2);

        b.ExpectMsg(2);
        a.ExpectMsg(1);
        a.ExpectNoMsg(TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public void ProbeFailure_NamesTheProbe()
    {
        var probe = CreateTestProbe("silent");

        var act = () => probe.ExpectMsg<string>(TimeSpan.FromMilliseconds(50));

        act.Should().Throw<ExpectationFailedException>().WithMessage("*on /user/silent*");
    }

    [Fact]
    public void Watch_StoppedActor_ExpectTerminatedPasses()
    {
        var probe = CreateTestProbe();
        var victim = Sys.ActorOf(Props.Create(() => new EchoActor()), "victim");

        probe.Watch(victim).Should().Be(victim);
        Sys.Stop(victim);

        probe.ExpectTerminated(victim).ActorRef.Should().Be(victim);
    }

    [Fact]
    public async Task Watch_AlreadyStoppedActor_StillGetsTerminated()
    {
        var victim = Sys.ActorOf(Props.Create(() => new EchoActor()));
        Watch(victim);
        Sys.Stop(victim);
        ExpectTerminated(victim);

        var probe = CreateTestProbe();
        probe.Watch(victim);

        (await probe.ExpectTerminatedAsync(victim)).ActorRef.Should().Be(victim);
    }

    [Fact]
    public void Unwatch_ThenStop_NoTerminated()
    {
        var victim = Sys.ActorOf(Props.Create(() => new EchoActor()));
        Watch(victim);

        Unwatch(victim);
        Sys.Stop(victim);

        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task WatchAsync_UnwatchAsync_BehaveLikeTheSyncOnes()
    {
        var first = Sys.ActorOf(Props.Create(() => new EchoActor()));
        var second = Sys.ActorOf(Props.Create(() => new EchoActor()));
        (await WatchAsync(first)).Should().Be(first);
        await WatchAsync(second);
        await UnwatchAsync(second);

        Sys.Stop(second);
        Sys.Stop(first);

        await ExpectTerminatedAsync(first);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void ExpectTerminated_OtherMessageFirst_FailsShowingIt()
    {
        var victim = Sys.ActorOf(Props.Create(() => new EchoActor()));
        TestActor.Tell("not a Terminated", ActorRefs.NoSender);

        var act = () => ExpectTerminated(victim, TimeSpan.FromMilliseconds(100));

        act.Should().Throw<ExpectationFailedException>().WithMessage("*Terminated for*not a Terminated*");
    }

    [Fact]
    public void StoppedProbe_WatchedByTheKit_Terminates()
    {
        var probe = CreateTestProbe();
        Watch(probe.Ref);

        Sys.Stop(probe.Ref);

        ExpectTerminated(probe.Ref);
    }
}
