using System.Diagnostics;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests.TestKit;

using IoActors.TestKit;

public sealed class WithinAndAwaitTests : TestKit
{
    public WithinAndAwaitTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public void Remaining_OutsideWithin_ThrowsAndRemainingOrDefaultIsTheDefault()
    {
        var act = () => Remaining;

        act.Should().Throw<InvalidOperationException>().WithMessage("*Within*");
        RemainingOrDefault.Should().Be(DefaultTimeout);
        DefaultTimeout.Should().Be(Dilated(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Within_ExpectationWithoutTimeout_WaitsOnlyTheRemainingTime()
    {
        var started = Stopwatch.GetTimestamp();

        var act = () => Within(TimeSpan.FromMilliseconds(200), () => ExpectMsg<string>());

        var failure = act.Should().Throw<ExpectationFailedException>().Which;
        failure.Message.Should().Contain("timed out");
        Stopwatch.GetElapsedTime(started).Should().BeLessThan(DefaultTimeout);
    }

    [Fact]
    public void Within_MessageInTime_PassesAndReturnsTheResult()
    {
        TestActor.Tell("quick", ActorRefs.NoSender);

        var result = Within(TimeSpan.FromSeconds(3), () => ExpectMsg<string>());

        result.Should().Be("quick");
    }

    [Fact]
    public void Within_BlockTooSlow_FailsWithItsDuration()
    {
        var act = () => Within(TimeSpan.FromMilliseconds(50), () => ExpectNoMsg(TimeSpan.FromMilliseconds(200)));

        act.Should().Throw<ExpectationFailedException>().WithMessage("Within*more than the maximum of*");
    }

    [Fact]
    public void Within_BlockTooFast_FailsNamingTheMinimum()
    {
        var act = () => Within(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), () => { });

        act.Should().Throw<ExpectationFailedException>().WithMessage("*less than the minimum of 1000 ms*");
    }

    [Fact]
    public void Within_MinAndMaxMet_Passes()
    {
        Within(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), () => ExpectNoMsg(TimeSpan.FromMilliseconds(60)));
    }

    [Fact]
    public void Within_Nested_InnerIsCappedByOuterRemaining()
    {
        Within(TimeSpan.FromMilliseconds(500), () =>
        {
            Within(TimeSpan.FromSeconds(30), () => Remaining.Should().BeLessThanOrEqualTo(Dilated(TimeSpan.FromMilliseconds(500))));
            Remaining.Should().BeLessThanOrEqualTo(Dilated(TimeSpan.FromMilliseconds(500)));
        });
    }

    [Fact]
    public void Within_BadBounds_Throw()
    {
        var act = () => Within(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), () => { });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*min*max*");
    }

    [Fact]
    public async Task WithinAsync_AwaitedExpectation_UsesTheRemainingTime()
    {
        var started = Stopwatch.GetTimestamp();

        await FluentActions.Awaiting(() => WithinAsync(TimeSpan.FromMilliseconds(200), () => ExpectMsgAsync<string>()))
            .Should().ThrowAsync<ExpectationFailedException>();

        Stopwatch.GetElapsedTime(started).Should().BeLessThan(DefaultTimeout);
        TestActor.Tell("x", ActorRefs.NoSender);
        await WithinAsync(TimeSpan.FromSeconds(3), () => ExpectMsgAsync<string>());
    }

    [Fact]
    public void AwaitCondition_BecomesTrueLater_Passes()
    {
        var flag = 0;
        _ = Task.Run(() => Volatile.Write(ref flag, 1));

        AwaitCondition(() => Volatile.Read(ref flag) == 1);
    }

    [Fact]
    public void AwaitCondition_NeverTrue_FailsWithTheDescription()
    {
        var act = () => AwaitCondition(() => false, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(20), "the moon is blue");

        act.Should().Throw<ExpectationFailedException>().WithMessage($"AwaitCondition*the condition (the moon is blue) was still false after * poll(s) within {Ms(TimeSpan.FromMilliseconds(150))}*");
    }

    [Fact]
    public async Task AwaitConditionAsync_BecomesTrue_Passes()
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(signal.SetResult);

        await AwaitConditionAsync(() => Task.FromResult(signal.Task.IsCompleted));
    }

    [Fact]
    public void AwaitAssert_PassesAfterSomeFailures()
    {
        var attempts = 0;

        AwaitAssert(() => (++attempts).Should().BeGreaterThan(2), interval: TimeSpan.FromMilliseconds(1));

        attempts.Should().Be(3);
    }

    [Fact]
    public void AwaitAssert_NeverPasses_FailsWithTheLastFailureInside()
    {
        var act = () => AwaitAssert(() => throw new InvalidOperationException("still broken"), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10));

        var failure = act.Should().Throw<ExpectationFailedException>().Which;
        failure.Message.Should().Contain("still broken").And.Contain($"attempt(s) within {Ms(TimeSpan.FromMilliseconds(100))}");
        failure.InnerException.Should().BeOfType<InvalidOperationException>();
    }

    [Fact]
    public async Task AwaitAssertAsync_PassesAfterAFailure()
    {
        var attempts = 0;

        await AwaitAssertAsync(() =>
        {
            (++attempts).Should().BeGreaterThan(1);
            return Task.CompletedTask;
        }, interval: TimeSpan.FromMilliseconds(1));

        attempts.Should().Be(2);
    }

    // How the TestKit writes a duration, time factor applied.
    private string Ms(TimeSpan duration) => $"{Dilated(duration).TotalMilliseconds:0} ms";
}
