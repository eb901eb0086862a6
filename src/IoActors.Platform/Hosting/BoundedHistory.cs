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
internal sealed class BoundedHistory<T> : SnapshottingActor
    where T : class
{
    private readonly string _persistenceId;
    private readonly int _limit;
    private readonly int _snapshotEvery;
    private readonly Func<IReadOnlyList<T>, object> _toSnapshot;
    private readonly List<T> _window = [];
    private readonly bool _keepEvents;

    public BoundedHistory(string persistenceId, int limit, PlatformJournal journal, Func<IReadOnlyList<T>, object> toSnapshot, Func<object, IReadOnlyList<T>?> fromSnapshot, bool keepEvents = false)
        : base(journal)
    {
        _persistenceId = persistenceId;
        _keepEvents = keepEvents;
        _limit = limit;
        _snapshotEvery = Math.Max(1, limit / 10);
        _toSnapshot = toSnapshot;
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
                Log.Warning("The snapshot of {PersistenceId} at {SequenceNr} is a {Type}, not a window; the entries before it are left out", _persistenceId, offer.Metadata.SequenceNr, offer.Snapshot.GetType().Name);
            }
        });
        Recover<T>(Add);
        Command<T>(entry => Persist(entry, e =>
        {
            Add(e);
            SnapshotWhenDue(_snapshotEvery, () => _toSnapshot(_window.ToList()));
        }));
        Command<Query<T>>(query => Sender.Tell(query.Answer(_window.ToList()), Self));
    }

    /// <inheritdoc />
    public override string PersistenceId => _persistenceId;

    /// <inheritdoc />
    protected override bool KeepEvents => _keepEvents;

    /// <inheritdoc />
    protected override void OnRecoveryFailure(Exception reason, object? message = null) =>
        // The history is informative: the platform keeps going without the earlier entries (the parent starts a new one).
        Log.Error(reason, "Could not load {PersistenceId} from the journal", _persistenceId);

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
