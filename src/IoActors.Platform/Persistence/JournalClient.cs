using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;

namespace IoActors.Platform.Persistence;

/// <summary>
/// Talks to Akka's journal and snapshot store actors with their own protocol, for code that is not a persistent actor
/// (the import of the previous journal): writes at given sequence numbers, the highest sequence number, deletes and
/// snapshot saves. Every call waits at most <see cref="Timeout"/>.
/// </summary>
internal sealed class JournalClient
{
    private readonly ActorSystem _system;
    private readonly IActorRef _journal;
    private readonly IActorRef _snapshots;
    private readonly string _writerGuid = Guid.NewGuid().ToString("N");

    public JournalClient(ActorSystem system)
    {
        _system = system;
        var persistence = Akka.Persistence.Persistence.Instance.Apply(system);
        _journal = persistence.JournalFor(PlatformPersistenceConfig.JournalPluginId);
        _snapshots = persistence.SnapshotStoreFor(PlatformPersistenceConfig.SnapshotPluginId);
    }

    /// <summary>How long one request may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The highest sequence number of <paramref name="persistenceId"/> (0 when it has none), read as recovery reads it.</summary>
    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken)
    {
        var reply = await _journal.Ask<object>(r => new ReplayMessages(0, long.MaxValue, 0, persistenceId, r), Timeout, cancellationToken).ConfigureAwait(false);
        return reply switch
        {
            RecoverySuccess success => success.HighestSequenceNr,
            ReplayMessagesFailure failure => throw new InvalidOperationException($"Reading the highest sequence number of '{persistenceId}' failed: {failure.Cause.Message}", failure.Cause),
            _ => throw new InvalidOperationException($"The journal answered {reply.GetType().Name} to a highest sequence number request."),
        };
    }

    /// <summary>Writes events of one persistence id as one atomic write (all or none), at their own sequence numbers.</summary>
    public async Task WriteAtomicallyAsync(string persistenceId, IReadOnlyList<(long SequenceNr, long TimestampTicks, object Payload)> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var reprs = events
            .Select(e => (IPersistentRepresentation)new Persistent(e.Payload, e.SequenceNr, persistenceId, "", false, ActorRefs.NoSender, _writerGuid, e.TimestampTicks))
            .ToImmutableList();
        var done = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = _system.ActorOf(Props.Create(() => new JournalWriteActor(_journal, new AtomicWrite(reprs), reprs.Count, done)));
        try
        {
            var failure = await done.Task.WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                throw new InvalidOperationException(
                    $"Writing events {events[0].SequenceNr}..{events[^1].SequenceNr} of '{persistenceId}' failed: {failure.Message}", failure);
            }
        }
        finally
        {
            _system.Stop(writer);
        }
    }

    /// <summary>Deletes the events of <paramref name="persistenceId"/> up to <paramref name="toSequenceNr"/>.</summary>
    public async Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        var reply = await _journal.Ask<object>(r => new DeleteMessagesTo(persistenceId, toSequenceNr, r), Timeout, cancellationToken).ConfigureAwait(false);
        if (reply is DeleteMessagesFailure failure)
        {
            throw new InvalidOperationException($"Deleting the events of '{persistenceId}' up to {toSequenceNr} failed: {failure.Cause.Message}", failure.Cause);
        }
    }

    /// <summary>Saves a snapshot with the given metadata (sequence number and timestamp kept).</summary>
    public async Task SaveSnapshotAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken)
    {
        var reply = await _snapshots.Ask<object>(new SaveSnapshot(metadata, snapshot), Timeout, cancellationToken).ConfigureAwait(false);
        if (reply is SaveSnapshotFailure failure)
        {
            throw new InvalidOperationException(
                $"Saving the snapshot of '{metadata.PersistenceId}' at {metadata.SequenceNr} failed: {failure.Cause.Message}", failure.Cause);
        }
    }

    /// <summary>
    /// Sends one <see cref="WriteMessages"/> and completes once the journal answered the whole write and each event
    /// (with the first failure or rejection, or <see langword="null"/>).
    /// </summary>
    private sealed class JournalWriteActor : ReceiveActor
    {
        private readonly IActorRef _journal;
        private readonly AtomicWrite _write;
        private int _pending;
        private Exception? _failure;

        public JournalWriteActor(IActorRef journal, AtomicWrite write, int count, TaskCompletionSource<Exception?> done)
        {
            _journal = journal;
            _write = write;
            _pending = count + 1; // the whole write's answer, then one per event
            void Answered(Exception? failure)
            {
                _failure ??= failure;
                if (--_pending == 0)
                {
                    done.TrySetResult(_failure);
                }
            }

            Receive<WriteMessagesSuccessful>(_ => Answered(null));
            Receive<WriteMessagesFailed>(m => Answered(m.Cause));
            Receive<WriteMessageSuccess>(_ => Answered(null));
            Receive<WriteMessageRejected>(m => Answered(m.Cause));
            Receive<WriteMessageFailure>(m => Answered(m.Cause));
        }

        protected override void PreStart() => _journal.Tell(new WriteMessages([_write], Self, 1), Self);
    }
}
