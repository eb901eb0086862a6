using Akka.Actor;
using Akka.Persistence;
using IoActors.Platform.Hosting;
using IoActors.Platform.Persistence;

namespace IoActors.Platform.Persistence.Tests.Support;

/// <summary>
/// A persistent actor keeping instance history entries the way the platform will: Persist / PersistAll, a snapshot on
/// request, and a report to <c>reporter</c> of what its recovery saw.
/// </summary>
internal sealed class HistoryActor : ReceivePersistentActor
{
    private readonly List<InstanceHistoryEntry> _entries = [];
    private long? _snapshotSequenceNr;
    private int _replayed;
    private IActorRef _snapshotRequester = ActorRefs.Nobody;

    public HistoryActor(string persistenceId, IActorRef reporter)
    {
        PersistenceId = persistenceId;
        Recover<SnapshotOffer>(offer =>
        {
            _entries.Clear();
            _entries.AddRange(((InstanceHistorySnapshot)offer.Snapshot).Entries);
            _snapshotSequenceNr = offer.Metadata.SequenceNr;
        });
        Recover<InstanceHistoryEntry>(entry =>
        {
            _entries.Add(entry);
            _replayed++;
        });
        Recover<RecoveryCompleted>(_ => reporter.Tell(new Recovered(_entries.ToList(), _snapshotSequenceNr, _replayed, LastSequenceNr)));
        Command<Append>(m => Persist(m.Entry, entry =>
        {
            _entries.Add(entry);
            Sender.Tell(new Appended(LastSequenceNr));
        }));
        Command<AppendMany>(m => PersistAll(m.Entries, entry =>
        {
            _entries.Add(entry);
            Sender.Tell(new Appended(LastSequenceNr));
        }));
        Command<TakeSnapshot>(_ =>
        {
            _snapshotRequester = Sender;
            SaveSnapshot(new InstanceHistorySnapshot(_entries.ToList()));
        });
        Command<SaveSnapshotSuccess>(m => _snapshotRequester.Tell(new SnapshotSaved(m.Metadata.SequenceNr)));
        Command<SaveSnapshotFailure>(m => _snapshotRequester.Tell(new Status.Failure(m.Cause)));
        Command<GetEntries>(_ => Sender.Tell(new Entries(_entries.ToList(), LastSequenceNr)));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId, IActorRef reporter) =>
        Akka.Actor.Props.Create(() => new HistoryActor(persistenceId, reporter));
}

internal sealed record Append(InstanceHistoryEntry Entry);

internal sealed record AppendMany(IReadOnlyList<InstanceHistoryEntry> Entries);

internal sealed record Appended(long SequenceNr);

internal sealed record TakeSnapshot;

internal sealed record SnapshotSaved(long SequenceNr);

internal sealed record GetEntries;

internal sealed record Entries(IReadOnlyList<InstanceHistoryEntry> Items, long LastSequenceNr);

/// <summary>What a <see cref="HistoryActor"/>'s recovery saw.</summary>
internal sealed record Recovered(IReadOnlyList<InstanceHistoryEntry> Entries, long? SnapshotSequenceNr, int ReplayedEvents, long LastSequenceNr);
