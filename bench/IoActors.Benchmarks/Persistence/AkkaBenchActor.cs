using Akka.Actor;
using Akka.Persistence;
using IoActors.Platform.Hosting;
using IoActors.Platform.Persistence;

namespace IoActors.Benchmarks.Persistence;

/// <summary>
/// The Akka.NET persistent actor the Akka journal benchmarks drive, shaped like the platform's instance history: it
/// keeps a window of the latest entries, persists batches with PersistAll and completes <c>done</c> after
/// <c>expected</c> events were persisted, or after recovery when <c>expected</c> is 0 (with the number of events its
/// state covers: those replayed plus those a snapshot covered). It saves its window as a snapshot on request.
/// </summary>
internal sealed class AkkaBenchActor : ReceivePersistentActor
{
    /// <summary>The entries kept, as the platform's history keeps them: the latest <see cref="PlatformHistoryJournal.InstanceHistoryLimit"/>.</summary>
    public const int WindowSize = PlatformHistoryJournal.InstanceHistoryLimit;

    private readonly Queue<InstanceHistoryEntry> _window = new();
    private TaskCompletionSource<long>? _saving;
    private long _count;

    public AkkaBenchActor(string persistenceId, int expected, TaskCompletionSource<long> done)
    {
        PersistenceId = persistenceId;
        Recover<SnapshotOffer>(offer =>
        {
            // The platform's bounded history snapshots its window; the count of events the snapshot covers is its sequence number.
            _window.Clear();
            foreach (var entry in ((InstanceHistorySnapshot)offer.Snapshot).Entries)
            {
                _window.Enqueue(entry);
            }

            _count = offer.Metadata.SequenceNr;
        });
        Recover<InstanceHistoryEntry>(e =>
        {
            _count++;
            Keep(e);
        });
        Recover<RecoveryCompleted>(_ =>
        {
            if (expected == 0)
            {
                done.TrySetResult(_count);
            }
        });
        Command<AkkaPersistBatch>(m => PersistAll(AkkaJournalBenchmarks.Events(m.First, m.Count), e =>
        {
            Keep(e);
            if (++_count == expected)
            {
                done.TrySetResult(_count);
            }
        }));
        Command<AkkaTakeSnapshot>(m =>
        {
            _saving = m.Saved;
            SaveSnapshot(new InstanceHistorySnapshot(_window.ToList()));
        });
        Command<SaveSnapshotSuccess>(m => _saving?.TrySetResult(m.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(m => _saving?.TrySetException(m.Cause));
    }

    public override string PersistenceId { get; }

    private void Keep(InstanceHistoryEntry e)
    {
        _window.Enqueue(e);
        if (_window.Count > WindowSize)
        {
            _window.Dequeue();
        }
    }

    public static Props Props(string persistenceId, int expected, TaskCompletionSource<long> done) =>
        Akka.Actor.Props.Create(() => new AkkaBenchActor(persistenceId, expected, done));
}

/// <summary>Save the kept window as a snapshot; <c>Saved</c> completes with the snapshot's sequence number.</summary>
internal sealed record AkkaTakeSnapshot(TaskCompletionSource<long> Saved);

/// <summary>Persist <c>Count</c> events from <c>First</c> with one PersistAll (one atomic write).</summary>
internal sealed record AkkaPersistBatch(int First, int Count);

/// <summary>Counts the events a journal replays to it and completes <c>done</c> with the count at RecoverySuccess.</summary>
internal sealed class ReplayCounter : ReceiveActor
{
    public ReplayCounter(TaskCompletionSource<long> done)
    {
        long replayed = 0;
        Receive<ReplayedMessage>(_ => replayed++);
        Receive<RecoverySuccess>(_ => done.TrySetResult(replayed));
    }
}
