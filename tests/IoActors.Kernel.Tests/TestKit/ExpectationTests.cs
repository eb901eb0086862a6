using FluentAssertions;
using IoActors.Kernel.Tests.TestKit.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests.TestKit;

// Inside the namespace, so that "TestKit" means the class, not the IoActors.TestKit namespace.
using IoActors.TestKit;

public sealed class ExpectationTests : TestKit
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    public ExpectationTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void ExpectMsg_ReplyToImplicitSender_ReturnsItAndRecordsTheSender()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()), "echo");

        echo.Tell("hello");

        ExpectMsg<string>().Should().Be("hello");
        LastSender.Should().Be(echo);
        LastMessage!.Message.Should().Be("hello");
    }

    [Fact]
    public void ExpectMsg_SubtypeOfExpectedType_Matches()
    {
        TestActor.Tell(new ArgumentException("x"), ActorRefs.NoSender);

        ExpectMsg<Exception>().Should().BeOfType<ArgumentException>();
        LastSender.Should().Be(Sys.DeadLetters);
    }

    [Fact]
    public void ExpectMsg_NothingArrives_FailsSayingWhatAndHowLong()
    {
        var act = () => ExpectMsg<string>(Short);

        var failure = act.Should().Throw<ExpectationFailedException>().Which;
        failure.Message.Should().Contain("ExpectMsg<String>").And.Contain("/user/testActor")
            .And.Contain($"timed out after {Ms(Short)}").And.Contain("nothing arrived");
        failure.Waited.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(50));
        failure.Received.Should().BeEmpty();
    }

    [Fact]
    public void ExpectMsg_WrongType_FailsShowingWhatArrivedInstead()
    {
        TestActor.Tell(42, ActorRefs.NoSender);

        var act = () => ExpectMsg<string>();

        var failure = act.Should().Throw<ExpectationFailedException>().Which;
        failure.Message.Should().Contain("expected a String").And.Contain("42 (Int32)");
        failure.Received.Should().ContainSingle().Which.Message.Should().Be(42);
        failure.Waited.Should().BeLessThan(DefaultTimeout);
    }

    [Fact]
    public void ExpectMsg_Predicate_MatchesOrFailsWithHint()
    {
        TestActor.Tell("apple", ActorRefs.NoSender);
        TestActor.Tell("banana", ActorRefs.NoSender);

        ExpectMsg<string>(s => s.StartsWith('a')).Should().Be("apple");
        var act = () => ExpectMsg<string>(s => s.StartsWith('a'), hint: "starting with a");

        act.Should().Throw<ExpectationFailedException>().WithMessage("*String starting with a*banana*");
    }

    [Fact]
    public void ExpectMsg_Assertion_PassesOrFailsWithTheAssertionInside()
    {
        TestActor.Tell(new Sample(1, "one"), ActorRefs.NoSender);
        TestActor.Tell(new Sample(2, "two"), ActorRefs.NoSender);

        ExpectMsg<Sample>(s => s.Name.Should().Be("one")).Id.Should().Be(1);
        var act = () => ExpectMsg<Sample>(s => s.Name.Should().Be("one"));

        var failure = act.Should().Throw<ExpectationFailedException>().Which;
        failure.Message.Should().Contain("the assertion on the message failed").And.Contain("Sample { Id = 2, Name = two }");
        failure.InnerException.Should().NotBeNull();
    }

    [Fact]
    public void ExpectMsg_Value_MatchesByEquality()
    {
        TestActor.Tell(new Sample(1, "one"), ActorRefs.NoSender);
        TestActor.Tell(new Sample(2, "two"), ActorRefs.NoSender);

        ExpectMsg(new Sample(1, "one")).Should().Be(new Sample(1, "one"));
        var act = () => ExpectMsg(new Sample(3, "three"));

        act.Should().Throw<ExpectationFailedException>().WithMessage("*equal to Sample { Id = 3, Name = three }*Sample { Id = 2, Name = two }*");
    }

    [Fact]
    public async Task ExpectMsgAsync_MessageSentAfterTheWaitStarted_Completes()
    {
        var wait = ExpectMsgAsync<string>();
        wait.IsCompleted.Should().BeFalse();

        TestActor.Tell("late", ActorRefs.NoSender);

        (await wait).Should().Be("late");
    }

    [Fact]
    public async Task ExpectMsgAsync_PredicateAndValueAndTimeout_Behave()
    {
        TestActor.Tell(5, ActorRefs.NoSender);
        TestActor.Tell(6, ActorRefs.NoSender);

        (await ExpectMsgAsync<int>(i => i == 5)).Should().Be(5);
        (await ExpectMsgAsync(6)).Should().Be(6);
        await FluentActions.Awaiting(() => ExpectMsgAsync<int>(Short)).Should().ThrowAsync<ExpectationFailedException>().WithMessage("*timed out*");
    }

    [Fact]
    public async Task ExpectMsgAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var wait = ExpectMsgAsync<string>(TimeSpan.FromMinutes(1), cts.Token);

        await cts.CancelAsync();

        await FluentActions.Awaiting(() => wait).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void ExpectMsgAnyOf_OneOfTheValues_PassesOtherwiseFails()
    {
        TestActor.Tell("b", ActorRefs.NoSender);
        TestActor.Tell("z", ActorRefs.NoSender);

        ExpectMsgAnyOf("a", "b").Should().Be("b");
        var act = () => ExpectMsgAnyOf("a", "b");

        act.Should().Throw<ExpectationFailedException>().WithMessage("*one of [\"a\" (String), \"b\" (String)]*\"z\"*");
    }

    [Fact]
    public void ExpectMsgFrom_RightAndWrongSender()
    {
        var probe = CreateTestProbe();
        probe.Send(TestActor, "from probe");
        TestActor.Tell("from nobody", ActorRefs.NoSender);

        ExpectMsgFrom<string>(probe.Ref).Should().Be("from probe");
        var act = () => ExpectMsgFrom<string>(probe.Ref);

        act.Should().Throw<ExpectationFailedException>().WithMessage("*came from*");
    }

    [Fact]
    public void ExpectNoMsg_Quiet_Passes()
    {
        ExpectNoMsg(Short);
        ExpectNoMsg();
        HasMessages.Should().BeFalse();
    }

    [Fact]
    public void ExpectNoMsg_MessageArrives_FailsShowingIt()
    {
        TestActor.Tell("surprise", ActorRefs.NoSender);

        var act = () => ExpectNoMsg(TimeSpan.FromSeconds(5));

        var failure = act.Should().Throw<ExpectationFailedException>().Which;
        failure.Message.Should().Contain($"expected no message for {Ms(TimeSpan.FromSeconds(5))}").And.Contain("\"surprise\"");
        failure.Waited.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ExpectNoMsgAsync_QuietAndNot()
    {
        await ExpectNoMsgAsync(Short);
        TestActor.Tell("x", ActorRefs.NoSender);

        await FluentActions.Awaiting(() => ExpectNoMsgAsync(Short)).Should().ThrowAsync<ExpectationFailedException>();
    }

    [Fact]
    public void ExpectMsgAllOf_AnyOrder_ReturnsArrivalOrder()
    {
        foreach (var m in new[] { "c", "a", "b", "a" })
        {
            TestActor.Tell(m, ActorRefs.NoSender);
        }

        ExpectMsgAllOf("a", "a", "b", "c").Should().Equal("c", "a", "b", "a");
    }

    [Fact]
    public void ExpectMsgAllOf_MissingAndUnexpected_FailListingBoth()
    {
        TestActor.Tell("a", ActorRefs.NoSender);
        TestActor.Tell("x", ActorRefs.NoSender);

        var act = () => ExpectMsgAllOf(TimeSpan.FromMilliseconds(200), "a", "b", "c");

        act.Should().Throw<ExpectationFailedException>()
            .WithMessage($"*missing: [\"b\" (String), \"c\" (String)]*unexpected: [\"x\" (String) from*timed out after {Ms(TimeSpan.FromMilliseconds(200))}*");
    }

    [Fact]
    public async Task ExpectMsgAllOfAsync_AnyOrder_Passes()
    {
        TestActor.Tell(2, ActorRefs.NoSender);
        TestActor.Tell(1, ActorRefs.NoSender);

        (await ExpectMsgAllOfAsync([1, 2])).Should().Equal(2, 1);
    }

    [Fact]
    public void FishForMessage_SkipsOthers_ReturnsTheMatch()
    {
        TestActor.Tell("noise", ActorRefs.NoSender);
        TestActor.Tell(1, ActorRefs.NoSender);
        TestActor.Tell(7, ActorRefs.NoSender);
        TestActor.Tell("after", ActorRefs.NoSender);

        FishForMessage<int>(i => i > 5).Should().Be(7);
        ExpectMsg("after");
    }

    [Fact]
    public async Task FishForMessage_NoMatch_FailsListingWhatWasDropped()
    {
        TestActor.Tell("noise", ActorRefs.NoSender);

        var act = () => FishForMessage<int>(i => i > 5, Short, "an int above 5");

        act.Should().Throw<ExpectationFailedException>().WithMessage("*fishing for a Int32 an int above 5*\"noise\"*")
            .Which.Received.Should().ContainSingle();
        TestActor.Tell(9, ActorRefs.NoSender);
        (await FishForMessageAsync<int>(i => i > 5)).Should().Be(9);
    }

    [Fact]
    public async Task ReceiveN_ReturnsInArrivalOrderOrFailsWithCount()
    {
        for (var i = 0; i < 3; i++)
        {
            TestActor.Tell(i, ActorRefs.NoSender);
        }

        ReceiveN(2).Should().Equal(0, 1);
        var act = () => ReceiveN(3, Short);
        act.Should().Throw<ExpectationFailedException>().WithMessage("*with 1 of 3 message(s) received*");

        TestActor.Tell("z", ActorRefs.NoSender);
        (await ReceiveNAsync(1)).Should().Equal("z");
    }

    [Fact]
    public async Task ReceiveOne_TimesOutWithNullOrReturnsTheMessage()
    {
        ReceiveOne(Short).Should().BeNull();
        TestActor.Tell("one", ActorRefs.NoSender);

        ReceiveOne().Should().Be("one");
        (await ReceiveOneAsync(Short)).Should().BeNull();
    }

    [Fact]
    public void ClearMessages_DropsEverythingWaiting()
    {
        TestActor.Tell(1, ActorRefs.NoSender);
        TestActor.Tell(2, ActorRefs.NoSender);
        ReceiveN(0).Should().BeEmpty();
        AwaitCondition(() => PendingMessageCount == 2);

        ClearMessages().Select(e => e.Message).Should().Equal(1, 2);
        HasMessages.Should().BeFalse();
    }

    [Fact]
    public async Task ManyConcurrentSenders_EveryMessageArrivesInPerSenderOrder()
    {
        const int senders = 8;
        const int each = 500;
        await Task.WhenAll(Enumerable.Range(0, senders).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < each; i++)
            {
                TestActor.Tell((s, i), ActorRefs.NoSender);
            }
        })));

        var all = ReceiveN(senders * each).Cast<(int Sender, int Seq)>().ToList();

        all.GroupBy(m => m.Sender).Should().HaveCount(senders)
            .And.OnlyContain(g => g.Select(m => m.Seq).SequenceEqual(Enumerable.Range(0, each)));
    }

    [Fact]
    public void ExpectMsg_NegativeTimeout_Throws()
    {
        var act = () => ExpectMsg<string>(TimeSpan.FromSeconds(-1));

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    // How the TestKit writes a duration, time factor applied.
    private string Ms(TimeSpan duration) => $"{Dilated(duration).TotalMilliseconds:0} ms";

    private sealed record Sample(int Id, string Name);
}
