using IoActors.Kernel;

namespace IoActors.Persistence;

/// <summary>Offered to <c>ReceiveRecover</c> first when recovery starts from a snapshot.</summary>
/// <param name="Metadata">Whose snapshot it is and its sequence number.</param>
/// <param name="Snapshot">The snapshot state.</param>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);

/// <summary>Sent to <c>ReceiveRecover</c> once, after the snapshot and every event were replayed.</summary>
public sealed class RecoveryCompleted
{
    private RecoveryCompleted()
    {
    }

    /// <summary>The single instance.</summary>
    public static RecoveryCompleted Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => nameof(RecoveryCompleted);
}

/// <summary>A snapshot requested with <c>SaveSnapshot</c> was saved (delivered to <c>ReceiveCommand</c>).</summary>
/// <param name="Metadata">The stored snapshot's metadata, with its timestamp.</param>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>A snapshot requested with <c>SaveSnapshot</c> could not be saved (delivered to <c>ReceiveCommand</c>).</summary>
/// <param name="Metadata">The metadata of the snapshot that was not saved.</param>
/// <param name="Cause">Why.</param>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

/// <summary>Events up to <paramref name="ToSequenceNr"/> were deleted (reply to <c>DeleteMessages</c>).</summary>
/// <param name="ToSequenceNr">The highest deleted sequence number requested.</param>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);

/// <summary>Deleting events failed (reply to <c>DeleteMessages</c>).</summary>
/// <param name="Cause">Why.</param>
/// <param name="ToSequenceNr">The highest sequence number that was to be deleted.</param>
public sealed record DeleteMessagesFailure(Exception Cause, long ToSequenceNr);

/// <summary>A snapshot was deleted (reply to <c>DeleteSnapshot</c>).</summary>
/// <param name="Metadata">The deleted snapshot.</param>
public sealed record DeleteSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>Deleting a snapshot failed (reply to <c>DeleteSnapshot</c>).</summary>
/// <param name="Metadata">The snapshot that was to be deleted.</param>
/// <param name="Cause">Why.</param>
public sealed record DeleteSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

/// <summary>Snapshots matching the criteria were deleted (reply to <c>DeleteSnapshots</c>).</summary>
/// <param name="Criteria">The criteria used.</param>
public sealed record DeleteSnapshotsSuccess(SnapshotSelectionCriteria Criteria);

/// <summary>Deleting snapshots failed (reply to <c>DeleteSnapshots</c>).</summary>
/// <param name="Criteria">The criteria used.</param>
/// <param name="Cause">Why.</param>
public sealed record DeleteSnapshotsFailure(SnapshotSelectionCriteria Criteria, Exception Cause);

/// <summary>
/// Published on the event stream when a persistent actor could not recover (it is stopped afterwards).
/// </summary>
/// <param name="Actor">The actor that failed.</param>
/// <param name="PersistenceId">Its persistence id.</param>
/// <param name="Cause">Why recovery failed.</param>
/// <param name="SequenceNr">The sequence number of the event being replayed when it failed, if any.</param>
public sealed record RecoveryFailure(IActorRef Actor, string PersistenceId, Exception Cause, long? SequenceNr);

/// <summary>
/// Published on the event stream when a persistent actor's journal write failed (it is stopped afterwards).
/// </summary>
/// <param name="Actor">The actor that failed.</param>
/// <param name="PersistenceId">Its persistence id.</param>
/// <param name="Cause">Why the write failed.</param>
/// <param name="SequenceNr">The sequence number of the first event of the failed write.</param>
public sealed record PersistFailure(IActorRef Actor, string PersistenceId, Exception Cause, long SequenceNr);
