namespace IoActors.TestKit;

/// <summary>A timer of a <see cref="VirtualClock"/>; its state is guarded by the clock's lock.</summary>
internal sealed class VirtualTimer : ITimer
{
    private readonly VirtualClock _clock;
    private readonly TimerCallback _callback;
    private readonly object? _state;

    internal VirtualTimer(VirtualClock clock, TimerCallback callback, object? state)
    {
        _clock = clock;
        _callback = callback;
        _state = state;
    }

    /// <summary>Whether the timer is in the clock's queue under <see cref="Sequence"/>.</summary>
    internal bool IsArmed { get; set; }

    /// <summary>Whether the timer was disposed (it can never be armed again).</summary>
    internal bool IsDisposed { get; set; }

    /// <summary>The sequence of the timer's live queue entry; older entries are stale.</summary>
    internal long Sequence { get; set; } = -1;

    /// <summary>The interval between firings; zero for a one-shot timer.</summary>
    internal TimeSpan Period { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period) => _clock.Arm(this, dueTime, period);

    public void Dispose() => _clock.Disarm(this);

    public ValueTask DisposeAsync()
    {
        _clock.Disarm(this);
        return ValueTask.CompletedTask;
    }

    internal void Invoke() => _callback(_state);
}
