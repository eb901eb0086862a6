using Akka.Event;
using Akka.Persistence;

namespace IoActors.Platform.Hosting;

/// <summary>
/// A persistent actor of the platform on its journal plugins that keeps its journal bounded with snapshots: once a
/// snapshot is saved, the events and the older snapshots it covers are deleted; a failure of either is logged (the
/// state stays as it is, the journal only grows until the next snapshot).
/// </summary>
internal abstract class SnapshottingActor : ReceivePersistentActor
{
    protected SnapshottingActor(PlatformJournal journal)
    {
        JournalPluginId = journal.JournalPluginId;
        SnapshotPluginId = journal.SnapshotPluginId;
        Command<SaveSnapshotSuccess>(saved =>
        {
            if (!KeepEvents)
            {
                DeleteMessages(saved.Metadata.SequenceNr);
            }

            DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(failed => Log.Warning("Could not save the snapshot of {0}: {1}", PersistenceId, failed.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failed => Log.Warning("Could not delete the older events of {0}: {1}", PersistenceId, failed.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failed => Log.Warning("Could not delete the older snapshots of {0}: {1}", PersistenceId, failed.Cause.Message));
    }

    /// <summary>
    /// Whether the events a snapshot covers stay in the journal (for readers of the journal: event queries, replicas).
    /// The default is <see langword="false"/>: they are deleted once the snapshot is saved.
    /// </summary>
    protected virtual bool KeepEvents => false;

    /// <summary>
    /// Saves <paramref name="state"/> as a snapshot when the last <paramref name="persisted"/> events passed a multiple of
    /// <paramref name="every"/> (for one event: when its sequence number is a multiple), so a change of several events
    /// does not step over the multiple.
    /// </summary>
    protected void SnapshotWhenDue(long every, Func<object> state, int persisted = 1)
    {
        if ((LastSequenceNr - persisted) / every != LastSequenceNr / every)
        {
            SaveSnapshot(state());
        }
    }
}
