using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using IoActors.Platform.Persistence;

namespace IoActors.Manager.Cluster;

/// <summary>A singleton stored a change of <paramref name="PersistenceId"/> up to <paramref name="SequenceNr"/> (a DistributedPubSub notice).</summary>
internal sealed record JournalChanged(string PersistenceId, long SequenceNr);

/// <summary>
/// A node's read copy of the state one writer (a cluster singleton) keeps in the journal: it loads the writer's latest
/// snapshot, then applies the writer's events read with Akka.Persistence.Query (<c>CurrentEventsByPersistenceId</c>)
/// from where it is. It reads again on each <see cref="JournalChanged"/> notice the writer publishes through
/// DistributedPubSub, and every <c>poll</c> besides, so a lost notice delays a change by at most that. The journal is
/// the truth: a notice carries no state, and a copy that missed notices catches up from its own position.
/// </summary>
internal sealed class JournalReplicaActor : ReceiveActor, IWithTimers
{
    private const int MaxPerRead = 5000;

    private readonly string _persistenceId;
    private readonly Action<object> _load;
    private readonly Action<object> _apply;
    private readonly Action<long> _published;
    private readonly TimeSpan _poll;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long _applied;
    private bool _reading;
    private bool _again;

    /// <param name="persistenceId">The writer's persistence id.</param>
    /// <param name="load">Starts the copy from the writer's snapshot.</param>
    /// <param name="apply">Applies one of the writer's events.</param>
    /// <param name="published">Called after each read with the sequence number the copy now shows (0 for an empty journal).</param>
    /// <param name="poll">How often the copy reads without a notice.</param>
    public JournalReplicaActor(string persistenceId, Action<object> load, Action<object> apply, Action<long> published, TimeSpan poll)
    {
        _persistenceId = persistenceId;
        _load = load;
        _apply = apply;
        _published = published;
        _poll = poll;
        Loading();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => LoadSnapshot();

    /// <summary>Waits for the writer's snapshot; notices that arrive meanwhile are covered by the first read.</summary>
    private void Loading()
    {
        Receive<LoadSnapshotResult>(result =>
        {
            if (result.Snapshot is { } selected)
            {
                _load(selected.Snapshot);
                _applied = selected.Metadata.SequenceNr;
            }

            Become(Following);
            Timers.StartPeriodicTimer("poll", Poll.Instance, _poll);
            Read();
        });
        Receive<LoadSnapshotFailed>(failed =>
        {
            _log.Warning(failed.Cause, "Could not load the snapshot of {0}; trying again", _persistenceId);
            Timers.StartSingleTimer("load", Load.Instance, TimeSpan.FromSeconds(1));
        });
        Receive<Load>(_ => LoadSnapshot());
        Receive<JournalChanged>(_ => { });
        Receive<Poll>(_ => { });
        Receive<Batch>(_ => _reading = false);
        Receive<Status.Failure>(_ => _reading = false);
    }

    private void LoadSnapshot() =>
        Akka.Persistence.Persistence.Instance.Apply(Context.System).SnapshotStoreFor(PlatformPersistenceConfig.SnapshotPluginId)
            .Tell(new LoadSnapshot(_persistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue));

    private void Following()
    {
        Receive<JournalChanged>(changed =>
        {
            if (changed.SequenceNr > _applied)
            {
                Read();
            }
        });
        Receive<Poll>(_ => Read());
        Receive<Batch>(batch =>
        {
            _reading = false;
            if (batch.Events.Count > 0 && batch.Events[0].SequenceNr > _applied + 1)
            {
                // The events after this copy's position were deleted (a writer that keeps only its snapshot): start again from the snapshot.
                _log.Info("{0}: events {1}-{2} are gone from the journal; reloading from the snapshot", _persistenceId, _applied + 1, batch.Events[0].SequenceNr - 1);
                Become(Loading);
                LoadSnapshot();
                return;
            }

            foreach (var envelope in batch.Events)
            {
                if (envelope.SequenceNr > _applied)
                {
                    _apply(envelope.Event);
                    _applied = envelope.SequenceNr;
                }
            }

            _published(_applied);
            if (_again || batch.Events.Count >= MaxPerRead)
            {
                Read();
            }
        });
        Receive<Status.Failure>(failure =>
        {
            _reading = false;
            _log.Warning(failure.Cause, "Could not read the journal of {0}; reading again at the next notice or poll", _persistenceId);
        });
    }

    private void Read()
    {
        if (_reading)
        {
            _again = true;
            return;
        }

        _reading = true;
        _again = false;
        var journal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>(PlatformPersistenceConfig.QueryPluginId);
        journal.CurrentEventsByPersistenceId(_persistenceId, _applied + 1, long.MaxValue)
            .Take(MaxPerRead)
            .RunWith(Sink.Seq<EventEnvelope>(), Context.System.Materializer())
            .PipeTo(Self, success: events => new Batch(events));
    }

    private sealed record Batch(IReadOnlyList<EventEnvelope> Events);

    private sealed class Poll
    {
        public static Poll Instance { get; } = new();
    }

    private sealed class Load
    {
        public static Load Instance { get; } = new();
    }
}
