using FsCheck;
using FsCheck.Fluent;
using IoActors.TestKit;
using Xunit;

namespace IoActors.Kernel.Tests.TestKit;

public sealed class VirtualClockPropertyTests
{
    [Fact]
    public void Advance_AnyTimersAndSteps_FiresExactlyTheModelsFiringsInTimeOrder()
    {
        var timerGen =
            from due in Gen.Choose(0, 60)
            from period in Gen.Choose(0, 25)
            select (Due: due, Period: period);
        var scenarioGen =
            from timers in Gen.ListOf(timerGen)
            from steps in Gen.ListOf(Gen.Choose(0, 40))
            select (Timers: timers.ToArray(), Steps: steps.ToArray());

        Prop.ForAll(scenarioGen.ToArbitrary(), scenario =>
        {
            var clock = new VirtualClock();
            var fired = new List<(int Id, long AtMs)>();
            var handles = scenario.Timers.Select((t, id) => clock.CreateTimer(
                _ => fired.Add((id, (long)(clock.GetUtcNow() - VirtualClock.DefaultStart).TotalMilliseconds)),
                null,
                TimeSpan.FromMilliseconds(t.Due),
                t.Period == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(t.Period))).ToList();

            foreach (var step in scenario.Steps)
            {
                clock.Advance(TimeSpan.FromMilliseconds(step));
            }

            long total = scenario.Steps.Sum();
            var expected = new List<(int Id, long AtMs)>();
            // Nothing fires without an advance, not even a timer due at once.
            for (var id = 0; id < scenario.Timers.Length && scenario.Steps.Length > 0; id++)
            {
                var (due, period) = scenario.Timers[id];
                for (long at = due; at <= total; at += period)
                {
                    expected.Add((id, at));
                    if (period == 0)
                    {
                        break;
                    }
                }
            }

            var inTimeOrder = fired.Zip(fired.Skip(1)).All(p => p.First.AtMs <= p.Second.AtMs);
            var sameFirings = fired.OrderBy(f => f.AtMs).ThenBy(f => f.Id).SequenceEqual(expected.OrderBy(f => f.AtMs).ThenBy(f => f.Id));
            var expectedPending = scenario.Timers.Count(t => t.Period > 0 || t.Due > total || scenario.Steps.Length == 0);
            var pendingMatches = clock.PendingTimers == expectedPending;
            handles.ForEach(h => h.Dispose());
            return inTimeOrder && sameFirings && pendingMatches && clock.PendingTimers == 0;
        }).QuickCheckThrowOnFailure();
    }
}
