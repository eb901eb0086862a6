using Akka.Actor;
using Akka.Persistence;
using IoActors.Platform.Hosting;

namespace IoActors.Benchmarks.Persistence;

/// <summary>
/// The Akka.NET persistent actor the Akka journal benchmarks drive: it persists batches with PersistAll and completes
/// <c>done</c> after <c>expected</c> events were persisted, or after recovery when <c>expected</c> is 0 (with the number
/// of events replayed).
/// </summary>
internal sealed class AkkaBenchActor : ReceivePersistentActor
{
    private long _count;

    public AkkaBenchActor(string persistenceId, int expected, TaskCompletionSource<long> done)
    {
        PersistenceId = persistenceId;
        Recover<InstanceHistoryEntry>(_ => _count++);
        Recover<RecoveryCompleted>(_ =>
        {
            if (expected == 0)
            {
                done.TrySetResult(_count);
            }
        });
        Command<AkkaPersistBatch>(m => PersistAll(AkkaJournalBenchmarks.Events(m.First, m.Count), _ =>
        {
            if (++_count == expected)
            {
                done.TrySetResult(_count);
            }
        }));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId, int expected, TaskCompletionSource<long> done) =>
        Akka.Actor.Props.Create(() => new AkkaBenchActor(persistenceId, expected, done));
}

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
