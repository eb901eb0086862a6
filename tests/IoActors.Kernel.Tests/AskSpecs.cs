using FluentAssertions;
using IoActors.Kernel.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests;

public sealed class AskSpecs(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact]
    public async Task Ask_ActorReplies_CompletesWithReply()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());

        var reply = await echo.Ask<string>("hi", TimeSpan.FromSeconds(5));

        reply.Should().Be("hi");
    }

    [Fact]
    public async Task Ask_ReplyRefPath_LivesUnderTemp()
    {
        var actor = Sys.ActorOf(Props.Create(() => new SenderPathReporter()));

        var path = await actor.Ask<string>("path?", TimeSpan.FromSeconds(5));

        path.Should().StartWith("/temp/$");
    }

    [Fact]
    public async Task Ask_StatusFailureReply_FaultsWithCause()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var cause = new InvalidOperationException("nope");

        var act = () => echo.Ask<string>(new Status.Failure(cause), TimeSpan.FromSeconds(5));

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Should().BeSameAs(cause);
    }

    [Fact]
    public async Task Ask_ReplyOfWrongType_FaultsWithClearInvalidCast()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");

        var act = () => echo.Ask<int>("text", TimeSpan.FromSeconds(5));

        (await act.Should().ThrowAsync<InvalidCastException>()).WithMessage("*/user/echo*System.Int32*System.String*");
    }

    [Fact]
    public async Task Ask_NoReply_TimesOutOnSystemClock()
    {
        var silent = Sys.ActorOf(Props.Create(() => new SilentActor()), "silent");

        var task = silent.Ask<string>("anyone?", TimeSpan.FromSeconds(3));
        Clock.Advance(TimeSpan.FromSeconds(2));
        task.IsCompleted.Should().BeFalse();
        Clock.Advance(TimeSpan.FromSeconds(1));

        var act = () => task;
        (await act.Should().ThrowAsync<AskTimeoutException>()).WithMessage("*/user/silent*00:00:03*String*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Ask_NonPositiveTimeout_ThrowsArgumentOutOfRange(int milliseconds)
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());

        Action act = () => echo.Ask<string>("hi", TimeSpan.FromMilliseconds(milliseconds));

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("timeout");
    }

    [Fact]
    public async Task Ask_Cancelled_TaskIsCancelled()
    {
        var silent = Sys.ActorOf(Props.Create(() => new SilentActor()));
        using var cts = new CancellationTokenSource();

        var task = silent.Ask<string>("anyone?", TimeSpan.FromSeconds(3), cts.Token);
        cts.Cancel();

        var act = () => task;
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Ask_StoppedActor_TimesOutAndLateReplyReachesDeadLetters()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var target = Sys.ActorOf(Props.Create<EchoActor>(), "gone");
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);

        var task = target.Ask<string>("hello?", TimeSpan.FromSeconds(2));

        var undelivered = ExpectMsg<DeadLetter>(d => Equals(d.Message, "hello?"));
        undelivered.Recipient.Should().Be(target);
        Clock.Advance(TimeSpan.FromSeconds(2));
        var act = () => task;
        await act.Should().ThrowAsync<AskTimeoutException>();

        undelivered.Sender.Tell("late reply", ActorRefs.NoSender);
        var late = ExpectMsg<DeadLetter>(d => Equals(d.Message, "late reply"));
        late.Recipient.Should().Be(undelivered.Sender);
    }

    [Fact]
    public async Task Ask_SecondReply_GoesToDeadLetters()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var twice = Sys.ActorOf(Props.Create(() => new DoubleReplier()));

        var reply = await twice.Ask<string>("x", TimeSpan.FromSeconds(5));

        reply.Should().Be("first");
        ExpectMsg<DeadLetter>(d => Equals(d.Message, "second"));
    }

    [Fact]
    public async Task GracefulStop_LiveActor_CompletesTrueAfterStop()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor)), "g");
        ExpectMsg(new LifecycleEvent("g", "prestart"));

        var stopped = await actor.GracefulStop(TimeSpan.FromSeconds(5));

        stopped.Should().BeTrue();
        ExpectMsg(new LifecycleEvent("g", "poststop"));
    }

    private sealed class SilentActor : UntypedActor
    {
        protected override void OnReceive(object message)
        {
        }
    }

    private sealed class SenderPathReporter : UntypedActor
    {
        protected override void OnReceive(object message) => Sender.Tell(Sender.Path.ToString(), Self);
    }

    private sealed class DoubleReplier : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            Sender.Tell("first", Self);
            Sender.Tell("second", Self);
        }
    }
}
