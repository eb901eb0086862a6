using FluentAssertions;
using IoActors.Kernel.Tests.TestKit.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests.TestKit;

using IoActors.TestKit;

public sealed class IgnoreAndAutoPilotTests : TestKit
{
    public IgnoreAndAutoPilotTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void IgnoreMessages_MatchingMessagesAreDropped()
    {
        IgnoreMessages(m => m is string s && s.StartsWith("noise", StringComparison.Ordinal));

        TestActor.Tell("noise 1", ActorRefs.NoSender);
        TestActor.Tell("signal", ActorRefs.NoSender);
        TestActor.Tell("noise 2", ActorRefs.NoSender);
        TestActor.Tell("end", ActorRefs.NoSender);

        ExpectMsg("signal");
        ExpectMsg("end");
    }

    [Fact]
    public void IgnoreMessagesOfType_ThenIgnoreNoMessages_QueuesAgain()
    {
        var probe = CreateTestProbe();
        probe.IgnoreMessages<int>(i => i < 10);

        probe.Tell(1);
        probe.Tell(20);
        probe.ExpectMsg(20);
        probe.IgnoreNoMessages();
        probe.Tell(2);

        probe.ExpectMsg(2);
    }

    [Fact]
    public void SetAutoPilot_RepliesForTheProbeAndStillQueues()
    {
        var store = CreateTestProbe("store");
        store.SetAutoPilot((message, sender) =>
        {
            sender.Tell($"loaded {message}", store.Ref);
            return true;
        });

        store.Ref.Tell("apps");
        store.Ref.Tell("layouts");

        ExpectMsg("loaded apps");
        ExpectMsg("loaded layouts");
        LastSender.Should().Be(store.Ref);
        store.ExpectMsg("apps");
        store.ExpectMsg("layouts");
    }

    [Fact]
    public void SetAutoPilot_ReturningFalse_RemovesThePilot()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        probe.SetAutoPilot((message, sender) =>
        {
            sender.Tell("once", probe.Ref);
            return false;
        });

        probe.Ref.Tell(1);
        ExpectMsg("once");
        probe.Ref.Tell(2);

        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        probe.ReceiveN(2).Should().Equal(1, 2);
        echo.Should().NotBeNull();
    }
}
