using Akka.Actor;
using Akka.Persistence;
using IoActors.Platform.Hosting;

namespace IoActors.Manager.Fleet;

/// <summary>Stores a checked batch a platform reported; the answer is a <see cref="BatchAccepted"/>.</summary>
/// <param name="Key">What identifies the batch for repeats: the session (or, without one, the user) and the batch id.</param>
/// <param name="Batch">The batch.</param>
/// <param name="Session">The caller's session, or <see langword="null"/>.</param>
/// <param name="User">The caller.</param>
/// <param name="Machine">The session's machine name, or <see langword="null"/>.</param>
/// <param name="Received">When the request arrived.</param>
internal sealed record ReportBatch(string Key, PlatformBatch Batch, string? Session, string User, string? Machine, DateTimeOffset Received);

/// <summary>A batch is stored: how many of its events, and whether it had been stored already (a client's retry).</summary>
/// <param name="Accepted">The events the batch holds.</param>
/// <param name="Repeated">Whether the batch had been stored before and was not stored again.</param>
internal sealed record BatchAccepted(int Accepted, bool Repeated);

/// <summary>Asks the writer for its last sequence number; the answer is a <see langword="long"/>.</summary>
internal sealed record GetFleetWriterSequenceNr
{
    /// <summary>The one instance.</summary>
    public static GetFleetWriterSequenceNr Instance { get; } = new();
}

/// <summary>
/// Writes the facts platforms report (<see cref="PlatformEventReported"/>, <see cref="PlatformEventsDropped"/>) in one
/// atomic write per batch, and answers once they are stored. The persistence id is given (one per node in a cluster), and
/// the writer never reads its events back: its recovery replays none (it only learns the highest sequence number, so
/// writes continue the sequence). The batch keys stored most recently (<see cref="RememberedBatches"/>) are remembered in
/// memory, so a retried batch is answered again without being stored twice; a restarted writer has forgotten them.
/// </summary>
internal sealed class FleetWriter : ReceivePersistentActor
{
    /// <summary>How many batch keys are remembered.</summary>
    public const int RememberedBatches = 10_000;

    private readonly string _persistenceId;
    private readonly Dictionary<string, int> _stored = new(StringComparer.Ordinal);
    private readonly Queue<string> _storedOrder = new();
    private Pending? _pending;

    /// <summary>Creates the writer.</summary>
    /// <param name="persistenceId">Its persistence id, e.g. <c>ioactors-manager-fleet</c>.</param>
    /// <param name="journal">The journal and snapshot plugins.</param>
    public FleetWriter(string persistenceId, PlatformJournal journal)
    {
        _persistenceId = persistenceId;
        JournalPluginId = journal.JournalPluginId;
        SnapshotPluginId = journal.SnapshotPluginId;
        Command<ReportBatch>(Handle);
        Command<GetFleetWriterSequenceNr>(_ => Sender.Tell(LastSequenceNr));
    }

    /// <inheritdoc />
    public override string PersistenceId => _persistenceId;

    /// <summary>No snapshot and no event is replayed: the writer needs none of its facts, only the next sequence number.</summary>
    public override Recovery Recovery { get; } = new(SnapshotSelectionCriteria.None, 0);

    /// <inheritdoc />
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        if (_pending is { } pending)
        {
            // A rejection (the event could not be serialized) is the server's fault, never the caller's.
            _pending = null;
            pending.Sender.Tell(new Status.Failure(new InvalidOperationException($"the journal refused a fleet fact ({cause.Message})", cause)));
        }
    }

    private void Handle(ReportBatch report)
    {
        var batch = report.Batch;
        if (_stored.TryGetValue(report.Key, out var count))
        {
            Sender.Tell(new BatchAccepted(count, true));
            return;
        }

        var facts = new List<object>(batch.Events.Count + 1);
        facts.AddRange(batch.Events.Select(e => new PlatformEventReported(e.Type, e.At, e.Data, report.Session, report.User, report.Machine, batch.Batch, report.Received)));
        if (batch.Dropped > 0)
        {
            facts.Add(new PlatformEventsDropped(batch.Dropped, report.Session, report.User, report.Machine, batch.Batch, report.Received));
        }

        if (facts.Count == 0)
        {
            Remember(report.Key, 0);
            Sender.Tell(new BatchAccepted(0, false));
            return;
        }

        _pending = new Pending(Sender, report.Key, batch.Events.Count, facts.Count);
        PersistAll(facts, fact =>
        {
            Context.System.EventStream.Publish(fact);
            if (_pending is not { } pending || --pending.Remaining > 0)
            {
                return;
            }

            _pending = null;
            Remember(pending.Key, pending.Accepted);
            pending.Sender.Tell(new BatchAccepted(pending.Accepted, false));
        });
    }

    private void Remember(string key, int accepted)
    {
        _stored[key] = accepted;
        _storedOrder.Enqueue(key);
        while (_storedOrder.Count > RememberedBatches)
        {
            _stored.Remove(_storedOrder.Dequeue());
        }
    }

    /// <summary>The batch being stored: who waits, its key, its event count, and how many facts are still to be confirmed.</summary>
    private sealed class Pending(IActorRef sender, string key, int accepted, int remaining)
    {
        public IActorRef Sender { get; } = sender;

        public string Key { get; } = key;

        public int Accepted { get; } = accepted;

        public int Remaining { get; set; } = remaining;
    }
}
