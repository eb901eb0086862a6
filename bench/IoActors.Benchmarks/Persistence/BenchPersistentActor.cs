using IoActors.Kernel;
using IoActors.Persistence;

namespace IoActors.Benchmarks.Persistence;

/// <summary>
/// The persistent actor the JournalPerf benchmarks drive: it persists what it is told and completes
/// <c>done</c> after <c>expected</c> events were persisted, or after recovery when <c>expected</c> is 0.
/// </summary>
internal sealed class BenchPersistentActor : PersistentActor
{
    private readonly int _expected;
    private readonly TaskCompletionSource<long> _done;
    private long _count;

    public BenchPersistentActor(string persistenceId, int expected, TaskCompletionSource<long> done)
    {
        PersistenceId = persistenceId;
        _expected = expected;
        _done = done;
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId, int expected, TaskCompletionSource<long> done) =>
        global::IoActors.Kernel.Props.Create(() => new BenchPersistentActor(persistenceId, expected, done));

    protected override bool ReceiveRecover(object message)
    {
        switch (message)
        {
            case BenchEvent:
                _count++;
                return true;
            case RecoveryCompleted when _expected == 0:
                _done.TrySetResult(_count);
                return true;
            default:
                return message is RecoveryCompleted;
        }
    }

    protected override bool ReceiveCommand(object message)
    {
        switch (message)
        {
            case PersistOne one:
                Persist(new BenchEvent("instance-1", "started", one.Counter), OnPersisted);
                return true;
            case PersistBatch batch:
                PersistAll(Enumerable.Range(batch.First, batch.Count).Select(i => new BenchEvent("instance-1", "started", i)), OnPersisted);
                return true;
            default:
                return false;
        }
    }

    private void OnPersisted(BenchEvent e)
    {
        if (++_count == _expected)
        {
            _done.TrySetResult(_count);
        }
    }
}

/// <summary>Persist one event.</summary>
internal sealed record PersistOne(int Counter);

/// <summary>Persist <c>Count</c> events atomically.</summary>
internal sealed record PersistBatch(int First, int Count);
