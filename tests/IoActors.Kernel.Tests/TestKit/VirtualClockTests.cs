using FluentAssertions;
using IoActors.TestKit;
using Xunit;

namespace IoActors.Kernel.Tests.TestKit;

public sealed class VirtualClockTests
{
    private static readonly TimeSpan RealTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void GetUtcNow_NewClock_ReturnsStart()
    {
        var start = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2));
        var clock = new VirtualClock(start);

        clock.GetUtcNow().Should().Be(start);
        clock.GetUtcNow().Offset.Should().Be(TimeSpan.Zero);
        new VirtualClock().GetUtcNow().Should().Be(VirtualClock.DefaultStart);
    }

    [Fact]
    public void LocalTimeZone_Default_IsUtc()
    {
        new VirtualClock().LocalTimeZone.Should().Be(TimeZoneInfo.Utc);
        var zone = TimeZoneInfo.CreateCustomTimeZone("test", TimeSpan.FromHours(3), "test", "test");
        new VirtualClock(localTimeZone: zone).LocalTimeZone.Should().Be(zone);
    }

    [Fact]
    public void Advance_Positive_MovesUtcNowAndTimestampTogether()
    {
        var clock = new VirtualClock();
        var startTimestamp = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromMilliseconds(1500));

        clock.GetUtcNow().Should().Be(VirtualClock.DefaultStart.AddMilliseconds(1500));
        clock.GetElapsedTime(startTimestamp).Should().Be(TimeSpan.FromMilliseconds(1500));
        clock.GetElapsedTime(startTimestamp, clock.GetTimestamp()).Should().Be(TimeSpan.FromMilliseconds(1500));
        clock.TimestampFrequency.Should().Be(TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void Advance_Negative_ThrowsNamingTheRule()
    {
        var clock = new VirtualClock();

        var act = () => clock.Advance(TimeSpan.FromTicks(-1));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*backwards*").Which.ParamName.Should().Be("delta");
        clock.GetUtcNow().Should().Be(VirtualClock.DefaultStart);
    }

    [Fact]
    public void SetUtcNow_Backwards_ThrowsAndKeepsTime()
    {
        var clock = new VirtualClock();
        clock.Advance(TimeSpan.FromSeconds(10));

        var act = () => clock.SetUtcNow(VirtualClock.DefaultStart.AddSeconds(5));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*backwards*");
        clock.GetUtcNow().Should().Be(VirtualClock.DefaultStart.AddSeconds(10));
    }

    [Fact]
    public void SetUtcNow_Forward_FiresDueTimersAndSetsTime()
    {
        var clock = new VirtualClock();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);

        clock.SetUtcNow(VirtualClock.DefaultStart.AddHours(1));

        fired.Should().Be(1);
        clock.GetUtcNow().Should().Be(VirtualClock.DefaultStart.AddHours(1));
    }

    [Fact]
    public void CreateTimer_NotAdvanced_NeverFires()
    {
        var clock = new VirtualClock();
        var fired = 0;

        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));

        fired.Should().Be(0);
        clock.PendingTimers.Should().Be(1);
    }

    [Fact]
    public void Advance_ToDueTime_FiresOnceOnTheAdvancingThreadWithState()
    {
        var clock = new VirtualClock();
        var calls = new List<(object? State, int Thread)>();
        using var timer = clock.CreateTimer(s => calls.Add((s, Environment.CurrentManagedThreadId)), "state", TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromMilliseconds(1999));
        calls.Should().BeEmpty();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        clock.Advance(TimeSpan.FromHours(1));

        calls.Should().Equal(("state", Environment.CurrentManagedThreadId));
        clock.PendingTimers.Should().Be(0);
    }

    [Fact]
    public void Advance_SeveralTimers_FireInDueOrderAndTiesInArmOrder()
    {
        var clock = new VirtualClock();
        var order = new List<string>();
        var timers = new[]
        {
            clock.CreateTimer(_ => order.Add("c@3"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan),
            clock.CreateTimer(_ => order.Add("a@1"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan),
            clock.CreateTimer(_ => order.Add("b1@2"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan),
            clock.CreateTimer(_ => order.Add("b2@2"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan),
        };

        clock.Advance(TimeSpan.FromSeconds(5));

        order.Should().Equal("a@1", "b1@2", "b2@2", "c@3");
        foreach (var t in timers)
        {
            t.Dispose();
        }
    }

    [Fact]
    public void Callback_ReadingTheClock_SeesItsOwnDueTime()
    {
        var clock = new VirtualClock();
        var seen = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => seen.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        clock.Advance(TimeSpan.FromSeconds(6));

        seen.Should().Equal(VirtualClock.DefaultStart.AddSeconds(1), VirtualClock.DefaultStart.AddSeconds(3), VirtualClock.DefaultStart.AddSeconds(5));
        clock.GetUtcNow().Should().Be(VirtualClock.DefaultStart.AddSeconds(6));
    }

    [Fact]
    public void PeriodicTimer_LongAdvance_FiresOncePerElapsedPeriodAndStaysArmed()
    {
        var clock = new VirtualClock();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));

        clock.Advance(TimeSpan.FromSeconds(10));
        fired.Should().Be(4); // at 1, 4, 7, 10
        clock.PendingTimers.Should().Be(1);
        clock.NextDueTime.Should().Be(VirtualClock.DefaultStart.AddSeconds(13));

        clock.Advance(TimeSpan.FromSeconds(3));
        fired.Should().Be(5);
    }

    [Fact]
    public void Change_ArmedTimer_OnlyTheNewDueTimeCounts()
    {
        var clock = new VirtualClock();
        var firedAt = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => firedAt.Add(clock.GetUtcNow()), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan).Should().BeTrue();
        clock.PendingTimers.Should().Be(1);
        clock.Advance(TimeSpan.FromSeconds(10));

        firedAt.Should().Equal(VirtualClock.DefaultStart.AddSeconds(5));
    }

    [Fact]
    public void Change_ToInfiniteDueTime_Disarms()
    {
        var clock = new VirtualClock();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan).Should().BeTrue();
        clock.PendingTimers.Should().Be(0);
        clock.Advance(TimeSpan.FromSeconds(10));
        fired.Should().Be(0);

        timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan).Should().BeTrue();
        clock.Advance(TimeSpan.FromSeconds(1));
        fired.Should().Be(1);
    }

    [Fact]
    public void CreateTimer_InfiniteDueTime_IsNotPending()
    {
        var clock = new VirtualClock();
        using var timer = clock.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, TimeSpan.FromSeconds(1));

        clock.PendingTimers.Should().Be(0);
        clock.NextDueTime.Should().BeNull();
    }

    [Fact]
    public void Change_AfterOneShotFired_RearmsRelativeToNow()
    {
        var clock = new VirtualClock();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromSeconds(5));

        timer.Change(TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan).Should().BeTrue();
        clock.NextDueTime.Should().Be(VirtualClock.DefaultStart.AddSeconds(7));
        clock.Advance(TimeSpan.FromSeconds(2));

        fired.Should().Be(2);
    }

    [Fact]
    public void Dispose_BeforeDue_NeverFiresAndChangeReturnsFalse()
    {
        var clock = new VirtualClock();
        var fired = 0;
        var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        timer.Dispose();
        timer.Dispose();

        clock.PendingTimers.Should().Be(0);
        timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan).Should().BeFalse();
        clock.Advance(TimeSpan.FromSeconds(10));
        fired.Should().Be(0);
        clock.PendingTimers.Should().Be(0);
    }

    [Fact]
    public async Task DisposeAsync_BeforeDue_NeverFires()
    {
        var clock = new VirtualClock();
        var fired = 0;
        var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        await timer.DisposeAsync();
        clock.Advance(TimeSpan.FromSeconds(10));

        fired.Should().Be(0);
    }

    [Fact]
    public void Dispose_InsidePeriodicCallback_StopsFurtherFirings()
    {
        var clock = new VirtualClock();
        var fired = 0;
        ITimer? timer = null;
        timer = clock.CreateTimer(_ =>
        {
            if (++fired == 3)
            {
                timer!.Dispose();
            }
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(100));

        fired.Should().Be(3);
        clock.PendingTimers.Should().Be(0);
    }

    [Fact]
    public void Change_InsidePeriodicCallback_ReplacesTheRearm()
    {
        var clock = new VirtualClock();
        var firedAt = new List<double>();
        ITimer? timer = null;
        timer = clock.CreateTimer(_ =>
        {
            firedAt.Add((clock.GetUtcNow() - VirtualClock.DefaultStart).TotalSeconds);
            if (firedAt.Count == 1)
            {
                timer!.Change(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));
            }
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(21));

        firedAt.Should().Equal(1, 11, 16, 21);
        timer.Dispose();
    }

    [Fact]
    public void TimerCreatedByCallback_DueWithinTheAdvance_FiresInTheSameAdvance()
    {
        var clock = new VirtualClock();
        var log = new List<string>();
        var inner = new List<ITimer>();
        using var outer = clock.CreateTimer(_ =>
        {
            log.Add($"outer@{(clock.GetUtcNow() - VirtualClock.DefaultStart).TotalSeconds}");
            inner.Add(clock.CreateTimer(_ => log.Add($"inner@{(clock.GetUtcNow() - VirtualClock.DefaultStart).TotalSeconds}"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan));
            inner.Add(clock.CreateTimer(_ => log.Add("late"), null, TimeSpan.FromSeconds(100), Timeout.InfiniteTimeSpan));
        }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(5));

        log.Should().Equal("outer@1", "inner@3");
        clock.PendingTimers.Should().Be(1);
        inner.ForEach(t => t.Dispose());
    }

    [Fact]
    public void ZeroDueTime_FiresOnTheNextAdvanceEvenByZero()
    {
        var clock = new VirtualClock();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        fired.Should().Be(0);
        clock.Advance(TimeSpan.Zero);

        fired.Should().Be(1);
        clock.GetUtcNow().Should().Be(VirtualClock.DefaultStart);
    }

    [Fact]
    public void ZeroPeriod_FiresOnce()
    {
        var clock = new VirtualClock();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.Zero);

        clock.Advance(TimeSpan.FromSeconds(10));

        fired.Should().Be(1);
    }

    [Fact]
    public void CreateTimer_BadArguments_Throw()
    {
        var clock = new VirtualClock();

        clock.Invoking(c => c.CreateTimer(null!, null, TimeSpan.Zero, TimeSpan.Zero)).Should().Throw<ArgumentNullException>();
        clock.Invoking(c => c.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(-2), TimeSpan.Zero))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("dueTime");
        clock.Invoking(c => c.CreateTimer(_ => { }, null, TimeSpan.Zero, TimeSpan.FromSeconds(-2)))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("period");
        clock.PendingTimers.Should().Be(0);
    }

    [Fact]
    public void Advance_CallbackThrows_OtherTimersStillFireAndTimeReachesTarget()
    {
        var clock = new VirtualClock();
        var fired = new List<int>();
        using var t1 = clock.CreateTimer(_ => throw new InvalidOperationException("boom"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var t2 = clock.CreateTimer(_ => fired.Add(2), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        var act = () => clock.Advance(TimeSpan.FromSeconds(3));

        act.Should().Throw<AggregateException>().Which.InnerExceptions.Should().ContainSingle()
            .Which.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("boom");
        fired.Should().Equal(2);
        clock.GetUtcNow().Should().Be(VirtualClock.DefaultStart.AddSeconds(3));
    }

    [Fact]
    public void PendingTimers_CountsArmedTimersOnly()
    {
        var clock = new VirtualClock();
        using var oneShot = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var periodic = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        using var changed = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        changed.Change(TimeSpan.FromSeconds(50), Timeout.InfiniteTimeSpan);
        changed.Change(TimeSpan.FromSeconds(60), Timeout.InfiniteTimeSpan);
        clock.PendingTimers.Should().Be(3);

        clock.Advance(TimeSpan.FromSeconds(1));

        clock.PendingTimers.Should().Be(2);
        clock.ToString().Should().Contain("2 pending");
    }

    [Fact]
    public void NextDueTime_ReportsEarliestLiveTimer()
    {
        var clock = new VirtualClock();
        using var a = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        using var b = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        clock.NextDueTime.Should().Be(VirtualClock.DefaultStart.AddSeconds(2));

        b.Dispose();

        clock.NextDueTime.Should().Be(VirtualClock.DefaultStart.AddSeconds(5));
    }

    [Fact]
    public void ManyChanges_WithoutAdvancing_KeepOnlyTheLastArming()
    {
        var clock = new VirtualClock();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        for (var i = 0; i < 10_000; i++)
        {
            timer.Change(TimeSpan.FromSeconds(1 + (i % 7)), Timeout.InfiniteTimeSpan);
        }

        clock.PendingTimers.Should().Be(1);
        clock.Advance(TimeSpan.FromSeconds(100));
        fired.Should().Be(1);
    }

    [Fact]
    public async Task WaitForTimersAsync_AlreadyArmed_CompletesAtOnce()
    {
        var clock = new VirtualClock();
        using var timer = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        var wait = clock.WaitForTimersAsync(1, RealTimeout);

        wait.IsCompletedSuccessfully.Should().BeTrue();
        await wait;
    }

    [Fact]
    public async Task WaitForTimersAsync_TimerArmedLaterOnAnotherThread_Completes()
    {
        var clock = new VirtualClock();
        var timers = new List<ITimer>();
        var wait = clock.WaitForTimersAsync(2, RealTimeout);
        wait.IsCompleted.Should().BeFalse();

        await Task.Run(() => timers.Add(clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan)));
        wait.IsCompleted.Should().BeFalse();
        await Task.Run(() => timers.Add(clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan)));

        await wait;
        clock.PendingTimers.Should().Be(2);
        timers.ForEach(t => t.Dispose());
    }

    [Fact]
    public async Task WaitForTimersAsync_NotEnoughTimers_TimesOutSayingHowManyAreArmed()
    {
        var clock = new VirtualClock();
        using var timer = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        var act = () => clock.WaitForTimersAsync(2, TimeSpan.FromMilliseconds(50));

        (await act.Should().ThrowAsync<TimeoutException>()).WithMessage("*2 pending timer(s)*1 is armed*");
    }

    [Fact]
    public async Task WaitForTimersAsync_Cancelled_ThrowsOperationCanceled()
    {
        var clock = new VirtualClock();
        using var cts = new CancellationTokenSource();
        var wait = clock.WaitForTimersAsync(1, Timeout.InfiniteTimeSpan, cts.Token);

        cts.Cancel();

        await wait.Invoking(w => w).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task WaitForTimersAsync_BadArguments_Throw()
    {
        var clock = new VirtualClock();

        await clock.Invoking(c => c.WaitForTimersAsync(0, RealTimeout)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await clock.Invoking(c => c.WaitForTimersAsync(1, TimeSpan.FromSeconds(-5))).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task WaitForTimerDueAsync_OnlyLaterTimersArmed_WaitsForOneDueByTheTime()
    {
        var clock = new VirtualClock();
        using var later = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        var dueBy = clock.GetUtcNow() + TimeSpan.FromSeconds(1);

        var wait = clock.WaitForTimerDueAsync(dueBy, RealTimeout);
        wait.IsCompleted.Should().BeFalse("a timer due later does not count");
        using var armed = await Task.Run(() => clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan));

        await wait;
        clock.WaitForTimerDueAsync(dueBy, RealTimeout).IsCompletedSuccessfully.Should().BeTrue("one is armed already");
    }

    [Fact]
    public async Task WaitForTimerDueAsync_TimerRearmedEarlier_Completes()
    {
        var clock = new VirtualClock();
        using var timer = clock.CreateTimer(_ => { }, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);
        var wait = clock.WaitForTimerDueAsync(clock.GetUtcNow() + TimeSpan.FromSeconds(2), RealTimeout);

        timer.Change(TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        await wait;
    }

    [Fact]
    public async Task WaitForTimerDueAsync_NoneDueInTime_TimesOutNamingTheNextDueTime()
    {
        var clock = new VirtualClock();
        using var later = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);

        var act = () => clock.WaitForTimerDueAsync(clock.GetUtcNow() + TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(50));

        (await act.Should().ThrowAsync<TimeoutException>()).WithMessage("*due by 2000-01-01T00:00:01*next is due at 2000-01-01T00:00:30*");
    }

    [Fact]
    public async Task WaitForTimerDueAsync_Cancelled_ThrowsOperationCanceled()
    {
        var clock = new VirtualClock();
        using var cts = new CancellationTokenSource();
        var wait = clock.WaitForTimerDueAsync(clock.GetUtcNow(), Timeout.InfiniteTimeSpan, cts.Token);

        cts.Cancel();

        await wait.Invoking(w => w).Should().ThrowAsync<OperationCanceledException>();
        await clock.Invoking(c => c.WaitForTimerDueAsync(c.GetUtcNow(), TimeSpan.FromSeconds(-5))).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task AdvanceToNextTimerAsync_TimersArmed_MovesToTheEarliestAndFiresOnlyIt()
    {
        var clock = new VirtualClock();
        var fired = new List<string>();
        using var late = clock.CreateTimer(_ => fired.Add("late"), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add("early"), null, TimeSpan.FromSeconds(7), Timeout.InfiniteTimeSpan);

        var now = await clock.AdvanceToNextTimerAsync(RealTimeout);

        now.Should().Be(VirtualClock.DefaultStart.AddSeconds(7));
        clock.GetUtcNow().Should().Be(now);
        fired.Should().Equal("early");
    }

    [Fact]
    public async Task AdvanceToNextTimerAsync_NoTimerYet_WaitsForOneArmedOnAnotherThread()
    {
        var clock = new VirtualClock();
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var advance = clock.AdvanceToNextTimerAsync(RealTimeout);
        advance.IsCompleted.Should().BeFalse();

        using var timer = await Task.Run(() => clock.CreateTimer(_ => fired.TrySetResult(), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan));

        (await advance).Should().Be(VirtualClock.DefaultStart.AddSeconds(3));
        await fired.Task.WaitAsync(RealTimeout);
        await clock.Invoking(c => c.AdvanceToNextTimerAsync(TimeSpan.FromMilliseconds(50))).Should().ThrowAsync<TimeoutException>();
    }

    [Fact]
    public async Task TaskDelay_OnTheClock_CompletesOnlyAfterAdvance()
    {
        var clock = new VirtualClock();
        var delay = Task.Delay(TimeSpan.FromSeconds(30), clock);
        await clock.WaitForTimersAsync(1, RealTimeout);

        clock.Advance(TimeSpan.FromSeconds(29));
        delay.IsCompleted.Should().BeFalse();
        clock.Advance(TimeSpan.FromSeconds(1));

        await delay.WaitAsync(RealTimeout);
    }

    [Fact]
    public async Task CancellationTokenSource_OnTheClock_CancelsAfterAdvance()
    {
        var clock = new VirtualClock();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5), clock);
        var never = new TaskCompletionSource();

        var waited = never.Task.WaitAsync(TimeSpan.FromMinutes(1), clock, cts.Token);
        cts.IsCancellationRequested.Should().BeFalse();
        clock.Advance(TimeSpan.FromSeconds(5));

        cts.IsCancellationRequested.Should().BeTrue();
        await waited.Invoking(w => w).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task ConcurrentArmingAndAdvancing_EveryTimerFiresExactlyOnce()
    {
        var clock = new VirtualClock();
        const int threads = 4;
        const int perThread = 2_000;
        var fired = 0;
        var created = new System.Collections.Concurrent.ConcurrentBag<ITimer>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var producers = Enumerable.Range(0, threads).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            for (var i = 0; i < perThread; i++)
            {
                created.Add(clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromMilliseconds(i % 10), Timeout.InfiniteTimeSpan));
            }
        })).ToArray();
        var advancer = Task.Run(async () =>
        {
            await start.Task;
            while (!producers.All(p => p.IsCompleted))
            {
                clock.Advance(TimeSpan.FromMilliseconds(1));
            }
        });

        start.SetResult();
        await Task.WhenAll(producers).WaitAsync(RealTimeout);
        await advancer.WaitAsync(RealTimeout);
        clock.Advance(TimeSpan.FromMilliseconds(10));

        fired.Should().Be(threads * perThread);
        clock.PendingTimers.Should().Be(0);
    }
}
