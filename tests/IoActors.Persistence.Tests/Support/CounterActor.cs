using IoActors.Kernel;

namespace IoActors.Persistence.Tests.Support;

/// <summary>
/// A persistent list of strings: the test subject for PersistentActor. Recovery milestones and snapshot/delete
/// confirmations go to <c>reporter</c>; command replies go to the sender.
/// </summary>
public sealed class CounterActor : ReceivePersistentActor
{
    private readonly IActorRef _reporter;
    private List<string> _values = [];

    public CounterActor(string persistenceId, IActorRef reporter)
    {
        PersistenceId = persistenceId;
        _reporter = reporter;

        Recover<SnapshotOffer>(offer =>
        {
            _values = [.. ((CounterSnapshot)offer.Snapshot).Values];
            _reporter.Tell(new SnapshotOffered(offer.Metadata.SequenceNr, [.. _values]), Self);
        });
        Recover<Added>(e => _values.Add(e.Value));
        Recover<RecoveryCompleted>(_ => _reporter.Tell(new Recovered([.. _values], LastSequenceNr), Self));

        Command<Add>(c => Persist(new Added(c.Value), e =>
        {
            _values.Add(e.Value);
            Sender.Tell(new Ack(e.Value, LastSequenceNr), Self);
        }));
        Command<AddMany>(c => PersistAll(c.Values.Select(v => new Added(v)), e =>
        {
            _values.Add(e.Value);
            Sender.Tell(new Ack(e.Value, LastSequenceNr), Self);
        }));
        Command<AddUnserializable>(_ => Persist(new UnserializableEvent(typeof(string)), _ => Sender.Tell("handler ran", Self)));
        Command<GetState>(_ => Sender.Tell(new CounterState([.. _values], LastSequenceNr), Self));
        Command<TakeSnapshot>(_ => SaveSnapshot(new CounterSnapshot([.. _values])));
        Command<SaveSnapshotSuccess>(s => _reporter.Tell(s, Self));
        Command<DeleteUpTo>(c => DeleteMessages(c.ToSequenceNr));
        Command<DeleteMessagesSuccess>(s => _reporter.Tell(s, Self));
        Command<DeleteMessagesFailure>(f => _reporter.Tell(f, Self));
        Command<Crash>(_ => throw new InvalidOperationException("crash requested"));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId, IActorRef reporter) => Kernel.Props.Create(() => new CounterActor(persistenceId, reporter));
}
