namespace IoActors.Kernel.Internal;

/// <summary>The timers of one actor cell; used only on the actor's turn (the timer callbacks only enqueue).</summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, Entry> _timers = [];

    // Every start gets a new generation; a message whose generation is not the key's current one is dropped.
    private int _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, Timeout.InfiniteTimeSpan);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => StartPeriodicTimer(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A periodic timer's interval must be positive.");
        }

        Start(key, message, initialDelay, interval);
    }

    public bool IsTimerActive(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _timers.ContainsKey(key);
    }

    public void Cancel(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_timers.Remove(key, out var entry))
        {
            entry.Timer.Dispose();
        }
    }

    public void CancelAll()
    {
        foreach (var entry in _timers.Values)
        {
            entry.Timer.Dispose();
        }

        _timers.Clear();
    }

    internal bool Accept(TimerMessage message)
    {
        if (!_timers.TryGetValue(message.Key, out var entry) || entry.Generation != message.Generation)
        {
            return false;
        }

        if (!entry.Periodic)
        {
            _timers.Remove(message.Key);
            entry.Timer.Dispose();
        }

        return true;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        if (delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "A timer delay must be zero or positive.");
        }

        Cancel(key);
        var generation = ++_generation;
        var timerMessage = new TimerMessage(key, generation, message, cell);
        var timer = cell.System.TimeProvider.CreateTimer(
            static state =>
            {
                var m = (TimerMessage)state!;
                m.Target.Tell(m, null);
            },
            timerMessage,
            delay,
            period);
        _timers[key] = new Entry(generation, period != Timeout.InfiniteTimeSpan, timer);
    }

    private sealed record Entry(int Generation, bool Periodic, ITimer Timer);
}
