using BenchmarkDotNet.Attributes;
using IoActors.Kernel;
using IoActors.Persistence;

namespace IoActors.Benchmarks.Persistence;

/// <summary>
/// JournalPerf (Akka's JournalPerfSpec) through a <see cref="PersistentActor"/>: 10 000 commands each persisting one
/// event, 100 commands each persisting 100 events with PersistAll, and recovering an actor with 10 000 events. Counted
/// per event (events/s = 1 / mean). Goals: batched ≥ 20 000 events/s on SQLite, recovery ≥ 100 000 events/s on both.
/// </summary>
[Config(typeof(PersistenceBenchmarkConfig))]
public class PersistentActorPerfBenchmarks
{
    private const int EventCount = 10_000;
    private const int BatchSize = 100;

    private BenchmarkDatabase _database = null!;
    private ActorSystem _system = null!;
    private string _pid = "";
    private string _recoverPid = "";

    /// <summary>The database under test.</summary>
    [Params(PersistenceProvider.Sqlite, PersistenceProvider.PostgreSql)]
    public PersistenceProvider Provider { get; set; }

    // BenchmarkDotNet's in-process toolchain does not wait for asynchronous setup and cleanup: block here instead.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.CreateAsync(Provider);
        try
        {
            _system = ActorSystem.Create("journal-perf", new ActorSystemOptions { RunCoordinatedShutdownOnProcessExit = false });
        }
        catch
        {
            // BenchmarkDotNet skips the cleanup when the setup fails: do not leave a PostgreSQL server behind.
            await _database.DisposeAsync();
            throw;
        }

        PersistenceExtension.Configure(_system, _database.Stores);
        _recoverPid = "recover-" + Guid.NewGuid().ToString("N");
        for (var first = 1; first <= EventCount; first += BatchSize)
        {
            var batch = Enumerable.Range(first, BatchSize)
                .Select(i => new PersistentRepr(_recoverPid, i, new BenchEvent("instance-1", "started", i)))
                .ToArray();
            await _database.Stores.Journal.WriteAsync(_recoverPid, batch);
        }
    }

    [IterationSetup]
    public void NewPersistenceId() => _pid = "persist-" + Guid.NewGuid().ToString("N");

    private async Task CleanupAsync()
    {
        await _system.Terminate();
        await _database.DisposeAsync();
    }

    /// <summary>PersistAll: 100 commands, each persisting 100 events atomically (the baseline).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    public async Task<long> PersistAllBatchesOf100()
    {
        var (actor, done) = Start(_pid, EventCount);
        for (var first = 1; first <= EventCount; first += BatchSize)
        {
            actor.Tell(new PersistBatch(first, BatchSize), ActorRefs.NoSender);
        }

        return await FinishAsync(actor, done);
    }

    /// <summary>Persist: 10 000 commands, each persisting one event (each its own journal write).</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public async Task<long> PersistOneByOne()
    {
        var (actor, done) = Start(_pid, EventCount);
        for (var i = 1; i <= EventCount; i++)
        {
            actor.Tell(new PersistOne(i), ActorRefs.NoSender);
        }

        return await FinishAsync(actor, done);
    }

    /// <summary>Recovery of an actor with 10 000 events, until RecoveryCompleted.</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public async Task<long> Recover()
    {
        var (actor, done) = Start(_recoverPid, 0);
        var recovered = await FinishAsync(actor, done);
        return recovered == EventCount ? recovered : throw new InvalidOperationException($"Recovered {recovered} events instead of {EventCount}.");
    }

    private (IActorRef Actor, TaskCompletionSource<long> Done) Start(string pid, int expected)
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        return (_system.ActorOf(BenchPersistentActor.Props(pid, expected, done)), done);
    }

    private async Task<long> FinishAsync(IActorRef actor, TaskCompletionSource<long> done)
    {
        var count = await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        _system.Stop(actor);
        return count;
    }
}
