namespace IoActors.Persistence;

/// <summary>How a persistent actor recovers: from which snapshot, up to which event, and how many events at most.</summary>
/// <param name="FromSnapshot">Which snapshot to start from; <see cref="SnapshotSelectionCriteria.None"/> replays every event.</param>
/// <param name="ToSequenceNr">The last event to replay.</param>
/// <param name="ReplayMax">The most events to replay.</param>
public sealed record Recovery(SnapshotSelectionCriteria FromSnapshot, long ToSequenceNr = long.MaxValue, long ReplayMax = long.MaxValue)
{
    /// <summary>Recover from the latest snapshot and every later event (the default).</summary>
    public static Recovery Default { get; } = new(SnapshotSelectionCriteria.Latest);

    /// <summary>Skip recovery: no snapshot, no events; numbering still continues after the highest stored sequence number.</summary>
    public static Recovery None { get; } = new(SnapshotSelectionCriteria.None, 0, 0);
}
