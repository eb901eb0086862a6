namespace IoActors.Persistence;

/// <summary>
/// Selects snapshots by sequence number and timestamp ranges (all bounds inclusive), as in Akka.Persistence.
/// </summary>
/// <param name="MaxSequenceNr">The highest sequence number a selected snapshot may have.</param>
/// <param name="MaxTimestamp">The latest time a selected snapshot may have been taken.</param>
/// <param name="MinSequenceNr">The lowest sequence number a selected snapshot may have.</param>
/// <param name="MinTimestamp">The earliest time a selected snapshot may have been taken.</param>
public sealed record SnapshotSelectionCriteria(
    long MaxSequenceNr,
    DateTimeOffset MaxTimestamp,
    long MinSequenceNr = 0,
    DateTimeOffset MinTimestamp = default)
{
    /// <summary>Selects every snapshot (so loading returns the latest one).</summary>
    public static SnapshotSelectionCriteria Latest { get; } = new(long.MaxValue, DateTimeOffset.MaxValue);

    /// <summary>Selects no snapshot (recovery then replays every event).</summary>
    public static SnapshotSelectionCriteria None { get; } = new(0, DateTimeOffset.MinValue, 0, DateTimeOffset.MinValue);

    /// <summary>Selects snapshots up to <paramref name="maxSequenceNr"/>, taken at any time.</summary>
    /// <param name="maxSequenceNr">The highest sequence number a selected snapshot may have.</param>
    public static SnapshotSelectionCriteria UpTo(long maxSequenceNr) => new(maxSequenceNr, DateTimeOffset.MaxValue);

    /// <summary>Whether <paramref name="metadata"/> satisfies these criteria.</summary>
    /// <param name="metadata">The snapshot to test.</param>
    public bool Matches(SnapshotMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.SequenceNr >= MinSequenceNr && metadata.SequenceNr <= MaxSequenceNr
            && metadata.Timestamp >= MinTimestamp && metadata.Timestamp <= MaxTimestamp;
    }
}
