using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace IoActors.Platform.Hosting;

/// <summary>
/// A persistent window of the latest <c>limit</c> entries of one kind (instance history or boot reports): each entry is
/// persisted, and every tenth of the window (at least one entry) the window is saved as a snapshot, after which the
/// events and snapshots it covers are deleted, so the journal and the recovery stay bounded. Answers
/// <see cref="Query{T}"/> with the window, oldest first.
/// </summary>
/// <typeparam name="T">The entry type.</typeparam>
internal sealed class BoundedHistory<T> : ReceivePersistentActor
    where T : class
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _persistenceId;
    private readonly int _limit;
    private readonly int _snapshotEvery;
    private readonly Func<IReadOnlyList<T>, object> _toSnapshot;
    private readonly List<T> _window = [];

    public BoundedHistory(string persistenceId, int limit, PlatformJournal journal, Func<IReadOnlyList<T>, object> toSnapshot, Func<object, IReadOnlyList<T>?> fromSnapshot)
    {
        _persistenceId = persistenceId;
        _limit = limit;
        _snapshotEvery = Math.Max(1, limit / 10);
        _toSnapshot = toSnapshot;
        JournalPluginId = journal.JournalPluginId;
        SnapshotPluginId = journal.SnapshotPluginId;
        Recover<SnapshotOffer>(offer =>
        {
            _window.Clear();
            if (fromSnapshot(offer.Snapshot) is { } entries)
            {
                foreach (var entry in entries)
                {
                    Add(entry);
                }
            }
            else if (offer.Snapshot is T single)
            {
                // A snapshot of one entry (written by an earlier journal): the entries before it are not replayed.
                Add(single);
            }
            else
            {
                _log.Warning("The snapshot of {PersistenceId} at {SequenceNr} is a {Type}, not a window; the entries before it are left out", _persistenceId, offer.Metadata.SequenceNr, offer.Snapshot.GetType().Name);
            }
        });
        Recover<T>(Add);
        Command<T>(entry => Persist(entry, e =>
        {
            Add(e);
            if (LastSequenceNr % _snapshotEvery == 0)
            {
                SaveSnapshot(_toSnapshot(_window.ToList()));
            }
        }));
        Command<Query<T>>(query => Sender.Tell(query.Answer(_window.ToList()), Self));
        Command<SaveSnapshotSuccess>(saved =>
        {
            DeleteMessages(saved.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(failed => _log.Warning("Could not save the snapshot of {PersistenceId}: {Error}", _persistenceId, failed.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(m => _log.Warning("Could not delete the older events of {PersistenceId}: {Error}", _persistenceId, m.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(m => _log.Warning("Could not delete the older snapshots of {PersistenceId}: {Error}", _persistenceId, m.Cause.Message));
    }

    /// <inheritdoc />
    public override string PersistenceId => _persistenceId;

    /// <inheritdoc />
    protected override void OnRecoveryFailure(Exception reason, object? message = null) =>
        // The history is informative: the platform keeps going without the earlier entries (the parent starts a new one).
        _log.Error(reason, "Could not load {PersistenceId} from the journal", _persistenceId);

    private void Add(T entry)
    {
        _window.Add(entry);
        if (_window.Count > _limit)
        {
            _window.RemoveRange(0, _window.Count - _limit);
        }
    }
}

/// <summary>Asks a <see cref="BoundedHistory{T}"/> for an answer computed from its window (oldest first).</summary>
/// <typeparam name="T">The entry type.</typeparam>
/// <param name="Answer">Computes the reply from the window.</param>
internal sealed record Query<T>(Func<IReadOnlyList<T>, object> Answer);
