using BenchmarkDotNet.Attributes;
using IoActors.Persistence;

namespace IoActors.Benchmarks.Persistence;

/// <summary>
/// JournalPerf-style journal throughput: 10 000 events persisted one by one (one transaction each) and in
/// batches of 100, and 10 000 events recovered. Each benchmark counts per event (OperationsPerInvoke), so
/// events/s = 1 / mean. Goals: batched ≥ 20 000 events/s on SQLite, recovery ≥ 100 000 events/s on both.
/// </summary>
[Config(typeof(PersistenceBenchmarkConfig))]
public class JournalPerfBenchmarks
{
    private const int EventCount = 10_000;
    private const int BatchSize = 100;

    private BenchmarkDatabase _database = null!;
    private IJournal _journal = null!;
    private string _pid = "";
    private string _recoverPid = "";
    private PersistentRepr[][] _batches = [];

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
        _journal = _database.Stores.Journal;
        _recoverPid = "recover-" + Guid.NewGuid().ToString("N");
        await WriteBatchedAsync(_recoverPid);
    }

    [IterationSetup]
    public void NewPersistenceId() => _pid = "persist-" + Guid.NewGuid().ToString("N");

    private async Task CleanupAsync() => await _database.DisposeAsync();

    /// <summary>Persist 10 000 events in 100 atomic batches of 100 (the baseline).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    public Task PersistBatchesOf100() => WriteBatchedAsync(_pid);

    /// <summary>Persist 10 000 events one by one, each its own atomic write.</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public async Task PersistOneByOne()
    {
        for (var seq = 1; seq <= EventCount; seq++)
        {
            await _journal.WriteAsync(_pid, [new PersistentRepr(_pid, seq, new BenchEvent("instance-1", "started", seq))]);
        }
    }

    /// <summary>Recover (replay and deserialize) 10 000 events.</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public async Task<long> Recover()
    {
        long sum = 0;
        var count = await _journal.ReplayAsync(_recoverPid, 1, long.MaxValue, long.MaxValue, e => sum += e.SequenceNr);
        if (count != EventCount)
        {
            throw new InvalidOperationException($"Recovered {count} events instead of {EventCount}.");
        }

        return sum;
    }

    private async Task WriteBatchedAsync(string pid)
    {
        for (var start = 1; start <= EventCount; start += BatchSize)
        {
            var batch = new PersistentRepr[BatchSize];
            for (var i = 0; i < BatchSize; i++)
            {
                batch[i] = new PersistentRepr(pid, start + i, new BenchEvent("instance-1", "started", start + i));
            }

            await _journal.WriteAsync(pid, batch);
        }
    }
}
