using FluentAssertions;
using IoActors.Kernel.Tests.TestKit.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests.TestKit;

using IoActors.TestKit;

public sealed class VirtualTimeTests : TestKit
{
    public VirtualTimeTests(ITestOutputHelper output)
        : base(output)
    {
    }

    [Fact]
    public async Task ActorTimer_FiresOnlyWhenTheClockIsAdvancedPastItsDelay()
    {
        var ticker = Sys.ActorOf(Props.Create(() => new TickerActor()), "ticker");
        var armed = Clock.PendingTimers;

        ticker.Tell(new TickerActor.StartTicking(TimeSpan.FromMinutes(5)), TestActor);
        await Clock.WaitForTimersAsync(armed + 1, DefaultTimeout);
        Clock.Advance(TimeSpan.FromMinutes(4));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Clock.Advance(TimeSpan.FromMinutes(1));

        ExpectMsg<TickerActor.Tick>();
        LastSender.Should().Be(ticker);
    }

    [Fact]
    public async Task Ask_OnTheVirtualClock_TimesOutOnlyAfterAdvance()
    {
        var silent = CreateTestProbe();
        var armed = Clock.PendingTimers;
        var pending = silent.Ref.Ask<string>("anyone?", TimeSpan.FromSeconds(30));
        silent.ExpectMsg("anyone?");
        await Clock.WaitForTimersAsync(armed + 1, DefaultTimeout);
        pending.IsCompleted.Should().BeFalse();

        Clock.Advance(TimeSpan.FromSeconds(30));

        await FluentActions.Awaiting(() => pending).Should().ThrowAsync<AskTimeoutException>();
    }

    [Fact]
    public void ExpectationTimeouts_AreRealTime_NotVirtual()
    {
        var before = Clock.GetUtcNow();

        var act = () => ExpectMsg<string>(TimeSpan.FromMilliseconds(50));

        act.Should().Throw<ExpectationFailedException>();
        Clock.GetUtcNow().Should().Be(before);
    }
}
