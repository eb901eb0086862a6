namespace IoActors.TestKit;

/// <summary>
/// A <see cref="TimeProvider"/> whose time moves only when the test says so, so that timers, backoff,
/// polling and timeouts can be tested without sleeping.
/// </summary>
/// <remarks>
/// <para>
/// Time starts at the instant given to the constructor and advances only through <see cref="Advance"/>
/// and <see cref="SetUtcNow"/>. Timers created through <see cref="CreateTimer"/> never fire on their own:
/// an advance fires every timer that has become due, on the advancing thread, in due-time order (timers
/// due at the same instant fire in the order they were armed). While a callback runs,
/// <see cref="GetUtcNow"/> returns that timer's due time, so a callback sees the time it was scheduled for.
/// A periodic timer is re-armed at its due time plus its period before its callback runs; a timer created,
/// changed or re-armed by a callback fires within the same advance when it is due by the advance's target.
/// A timer whose due time is zero is due immediately and fires on the next advance
/// (<c>Advance(TimeSpan.Zero)</c> is enough).
/// </para>
/// <para>
/// Every member is thread-safe. Advances are serialized; callbacks run outside the clock's lock, so they
/// may create, change and dispose timers. An exception thrown by a callback does not stop the advance:
/// the remaining due timers still fire and the exceptions are rethrown together, as an
/// <see cref="AggregateException"/>, once the clock has reached its target.
/// </para>
/// <para>
/// <see cref="PendingTimers"/>, <see cref="WaitForTimersAsync"/>, <see cref="WaitForTimerDueAsync"/> and
/// <see cref="AdvanceToNextTimerAsync"/> let a test wait until the code under test has armed its timer before
/// advancing, so that the advance is not lost: an actor arms the timers of its <c>PreStart</c> on its own thread,
/// some time after <c>ActorOf</c> returned.
/// </para>
/// </remarks>
public sealed partial class VirtualClock : TimeProvider
{
    /// <summary>The instant a clock created without an explicit start begins at: 2000-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Guards every field below except _advanceGate.
    private readonly object _gate = new();
    // Serializes advances, so two threads advancing at once see a consistent order of firings (re-entrant,
    // so a callback may itself advance the clock).
    private readonly object _advanceGate = new();
    // Armed timers by (due ticks, arm sequence); an entry is stale when its sequence no longer matches the timer's.
    private readonly PriorityQueue<VirtualTimer, (long DueTicks, long Sequence)> _queue = new();
    // Tests waiting for a number of pending timers.
    private readonly List<(int Count, TaskCompletionSource Signal)> _timerWaiters = [];
    // Tests waiting for a timer due at or before a time (in ticks).
    private readonly List<(long DueTicks, TaskCompletionSource Signal)> _dueWaiters = [];
    private readonly TimeZoneInfo _localTimeZone;
    private long _nowTicks;
    private long _nextSequence;
    private int _pendingTimers;

    /// <summary>Creates a clock that starts at <paramref name="start"/>.</summary>
    /// <param name="start">The initial time. The default is <see cref="DefaultStart"/>.</param>
    /// <param name="localTimeZone">The zone <see cref="LocalTimeZone"/> reports. The default is <see cref="TimeZoneInfo.Utc"/>,
    /// so tests do not depend on the machine's zone.</param>
    public VirtualClock(DateTimeOffset? start = null, TimeZoneInfo? localTimeZone = null)
    {
        _nowTicks = (start ?? DefaultStart).UtcTicks;
        _localTimeZone = localTimeZone ?? TimeZoneInfo.Utc;
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => _localTimeZone;

    /// <summary>Ticks of <see cref="TimeSpan"/> per second: <see cref="GetTimestamp"/> counts 100 ns ticks of virtual time.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>The number of timers currently armed (created or changed with a finite due time, not yet fired
    /// if one-shot, not disposed).</summary>
    public int PendingTimers
    {
        get { lock (_gate) { return _pendingTimers; } }
    }

    /// <summary>The due time of the earliest armed timer, or <see langword="null"/> when no timer is armed.</summary>
    public DateTimeOffset? NextDueTime
    {
        get
        {
            lock (_gate)
            {
                DropStaleHead();
                return _queue.TryPeek(out _, out var key) ? new DateTimeOffset(key.DueTicks, TimeSpan.Zero) : null;
            }
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) { return new DateTimeOffset(_nowTicks, TimeSpan.Zero); }
    }

    /// <summary>Returns the virtual time as a timestamp in <see cref="TimestampFrequency"/> units (the UTC ticks of <see cref="GetUtcNow"/>).</summary>
    public override long GetTimestamp()
    {
        lock (_gate) { return _nowTicks; }
    }

    /// <summary>Creates a timer that fires only when the clock is advanced past its due time.</summary>
    /// <param name="callback">Invoked, on the advancing thread, each time the timer fires.</param>
    /// <param name="state">Passed to <paramref name="callback"/>.</param>
    /// <param name="dueTime">Delay before the first firing; <see cref="Timeout.InfiniteTimeSpan"/> creates the timer disarmed.</param>
    /// <param name="period">Interval between firings; <see cref="Timeout.InfiniteTimeSpan"/> or <see cref="TimeSpan.Zero"/> fires once.</param>
    /// <returns>The timer; <see cref="ITimer.Change"/> re-arms it and disposing it disarms it for good.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dueTime"/> or <paramref name="period"/> is negative and not infinite.</exception>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ValidateTimerTimes(dueTime, period);
        var timer = new VirtualTimer(this, callback, state);
        Arm(timer, dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward by <paramref name="delta"/>, firing every timer that becomes due on the way.</summary>
    /// <param name="delta">How far to move; zero fires the timers already due without moving time.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative.</exception>
    /// <exception cref="AggregateException">One or more timer callbacks threw; the clock has still reached its target.</exception>
    public void Advance(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "The virtual clock cannot move backwards: the delta must be zero or positive.");
        }

        lock (_advanceGate)
        {
            long target;
            lock (_gate)
            {
                target = checked(_nowTicks + delta.Ticks);
            }

            RunUntil(target);
        }
    }

    /// <summary>Sets the time to <paramref name="value"/>, firing every timer that becomes due on the way.</summary>
    /// <param name="value">The new time; it must not be earlier than the current time.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is earlier than <see cref="GetUtcNow"/>.</exception>
    /// <exception cref="AggregateException">One or more timer callbacks threw; the clock has still reached <paramref name="value"/>.</exception>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_advanceGate)
        {
            lock (_gate)
            {
                if (value.UtcTicks < _nowTicks)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value,
                        $"The virtual clock cannot move backwards: it is at {new DateTimeOffset(_nowTicks, TimeSpan.Zero):O}.");
                }
            }

            RunUntil(value.UtcTicks);
        }
    }

    /// <summary>Describes the clock: its time and how many timers are armed.</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            return $"VirtualClock {new DateTimeOffset(_nowTicks, TimeSpan.Zero):O} ({_pendingTimers} pending timer(s))";
        }
    }

    /// <summary>Arms or disarms <paramref name="timer"/>; returns false when it is disposed.</summary>
    internal bool Arm(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        ValidateTimerTimes(dueTime, period);
        lock (_gate)
        {
            if (timer.IsDisposed)
            {
                return false;
            }

            var wasArmed = timer.IsArmed;
            timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.IsArmed = false;
                timer.Sequence = -1;
                if (wasArmed)
                {
                    _pendingTimers--;
                }

                return true;
            }

            EnqueueLocked(timer, checked(_nowTicks + dueTime.Ticks));
            if (!wasArmed)
            {
                _pendingTimers++;
                SignalWaitersLocked();
            }

            return true;
        }
    }

    /// <summary>Disarms <paramref name="timer"/> for good.</summary>
    internal void Disarm(VirtualTimer timer)
    {
        lock (_gate)
        {
            if (timer.IsDisposed)
            {
                return;
            }

            timer.IsDisposed = true;
            if (timer.IsArmed)
            {
                timer.IsArmed = false;
                timer.Sequence = -1;
                _pendingTimers--;
            }
        }
    }

    private static void ValidateTimerTimes(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "The due time must be zero, positive or Timeout.InfiniteTimeSpan.");
        }

        if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be zero, positive or Timeout.InfiniteTimeSpan.");
        }
    }

    private void EnqueueLocked(VirtualTimer timer, long dueTicks)
    {
        var sequence = _nextSequence++;
        timer.IsArmed = true;
        timer.Sequence = sequence;
        _queue.Enqueue(timer, (dueTicks, sequence));
        SignalDueWaitersLocked(dueTicks);
        if (_queue.Count > 64 && _queue.Count > 4 * _pendingTimers)
        {
            CompactLocked();
        }
    }

    // Drops the stale entries that timers changed many times leave behind.
    private void CompactLocked()
    {
        var live = new List<(VirtualTimer, (long, long))>(_pendingTimers + 1);
        foreach (var (timer, key) in _queue.UnorderedItems)
        {
            if (timer.IsArmed && timer.Sequence == key.Sequence)
            {
                live.Add((timer, key));
            }
        }

        _queue.Clear();
        _queue.EnqueueRange(live);
    }

    private void DropStaleHead()
    {
        while (_queue.TryPeek(out var timer, out var key) && (!timer.IsArmed || timer.Sequence != key.Sequence))
        {
            _queue.Dequeue();
        }
    }

    private void RunUntil(long targetTicks)
    {
        List<Exception>? errors = null;
        while (true)
        {
            VirtualTimer timer;
            lock (_gate)
            {
                DropStaleHead();
                if (!_queue.TryPeek(out timer!, out var key) || key.DueTicks > targetTicks)
                {
                    if (targetTicks > _nowTicks)
                    {
                        _nowTicks = targetTicks;
                    }

                    break;
                }

                _queue.Dequeue();
                if (key.DueTicks > _nowTicks)
                {
                    _nowTicks = key.DueTicks;
                }

                if (timer.Period > TimeSpan.Zero)
                {
                    // Re-armed before the callback runs, so a Change or Dispose in the callback wins.
                    EnqueueLocked(timer, checked(key.DueTicks + timer.Period.Ticks));
                }
                else
                {
                    timer.IsArmed = false;
                    timer.Sequence = -1;
                    _pendingTimers--;
                }
            }

            try
            {
                timer.Invoke();
            }
            catch (Exception ex)
            {
                (errors ??= []).Add(ex);
            }
        }

        if (errors is not null)
        {
            throw new AggregateException($"{errors.Count} virtual timer callback(s) threw while the clock advanced.", errors);
        }
    }
}
