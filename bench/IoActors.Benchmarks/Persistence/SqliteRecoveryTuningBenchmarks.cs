using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using BenchmarkDotNet.Attributes;
using IoActors.Benchmarks.Running;
using IoActors.Platform.Configuration;
using IoActors.Platform.Hosting;
using IoActors.Platform.Persistence;
using IoActors.Testing;
using Microsoft.Data.Sqlite;

namespace IoActors.Benchmarks.Persistence;

/// <summary>
/// What moves recovery on SQLite: a fresh ReceivePersistentActor recovering the state of 10 000 instance history events
/// (<see cref="AkkaBenchActor"/>, a window of the latest 1 000 as the platform keeps), per <see cref="Variant"/>, against
/// the in-run ADO.NET read + deserialize of the same 10 000 rows (<see cref="RawJournalTable"/>). Counted per event of
/// the recovered history (events/s = Op/s):
/// <list type="bullet">
/// <item><c>configured</c>: the platform's configuration (<see cref="PlatformPersistenceConfig"/>).</item>
/// <item><c>pragmas</c>: the same, with the pooled connections the plugin reads through opened beforehand with
/// <c>PRAGMA mmap_size = 256 MiB, cache_size = 64 MiB, temp_store = MEMORY</c> (Microsoft.Data.Sqlite keeps a pooled
/// connection's pragmas; the plugin offers no hook on its own connections).</item>
/// <item><c>replay-batch-10000</c>: <c>replay-batch-size = 10000</c>: one query instead of ten.</item>
/// <item><c>snapshot</c>: the platform's way: the history snapshots its window (here after 9 900 events), so recovery
/// loads that snapshot and replays the 100 events after it.</item>
/// </list>
/// </summary>
[Config(typeof(ShortRunConfig))]
public class SqliteRecoveryTuningBenchmarks
{
    private const int EventCount = 10_000;
    private const int SnapshotAt = 9_900;
    private const int BatchSize = 100;

    private TempFolder _folder = null!;
    private ActorSystem _system = null!;
    private RawJournalTable _raw = null!;
    private Serializer _serializer = null!;
    private string _pid = "";

    /// <summary>The configuration or recovery shape under test.</summary>
    [Params("configured", "pragmas", "replay-batch-10000", "snapshot")]
    public string Variant { get; set; } = "configured";

    // BenchmarkDotNet's in-process toolchain does not wait for asynchronous setup and cleanup: block here instead.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _folder = new TempFolder();
        var options = new PlatformOptions { ConfigFolder = _folder.Path };
        var config = PlatformPersistenceConfig.Create(options);
        if (Variant == "replay-batch-10000")
        {
            config = ConfigurationFactory.ParseString("akka.persistence.journal.sql.replay-batch-size = 10000").WithFallback(config);
        }

        _system = ActorSystem.Create("recovery-tuning", ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(config));
        await PlatformPersistenceStartup.StartAsync(_system, options);
        var connectionString = JournalDatabase.From(options).ConnectionString;
        if (Variant == "pragmas")
        {
            // Open them all before closing any, so the pool keeps this many connections with the pragmas set.
            var primed = new List<SqliteConnection>();
            for (var i = 0; i < 8; i++)
            {
                var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync();
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA mmap_size = 268435456; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;";
                await pragma.ExecuteNonQueryAsync();
                primed.Add(connection);
            }

            foreach (var connection in primed)
            {
                await connection.DisposeAsync();
            }
        }

        _serializer = _system.Serialization.FindSerializerForType(typeof(InstanceHistoryEntry));
        _raw = new RawJournalTable(PersistenceProvider.Sqlite, connectionString);
        await _raw.CreateAsync();
        _pid = "recover-" + Guid.NewGuid().ToString("N");
        await _raw.WriteAsync(_pid, AkkaJournalBenchmarks.RawBatches(_serializer));

        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = _system.ActorOf(AkkaBenchActor.Props(_pid, Variant == "snapshot" ? SnapshotAt : EventCount, done));
        var upTo = Variant == "snapshot" ? SnapshotAt : EventCount;
        for (var first = 1; first <= upTo; first += BatchSize)
        {
            writer.Tell(new AkkaPersistBatch(first, BatchSize), ActorRefs.NoSender);
        }

        await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        if (Variant == "snapshot")
        {
            var saved = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            writer.Tell(new AkkaTakeSnapshot(saved), ActorRefs.NoSender);
            if (await saved.Task.WaitAsync(TimeSpan.FromMinutes(1)) != SnapshotAt)
            {
                throw new InvalidOperationException($"the snapshot was not saved at {SnapshotAt}");
            }

            _system.Stop(writer);

            // The rest of the history after the snapshot, persisted by the next incarnation.
            var rest = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var next = _system.ActorOf(AkkaBenchActor.Props(_pid, EventCount, rest));
            for (var first = SnapshotAt + 1; first <= EventCount; first += BatchSize)
            {
                next.Tell(new AkkaPersistBatch(first, BatchSize), ActorRefs.NoSender);
            }

            await rest.Task.WaitAsync(TimeSpan.FromMinutes(1));
            _system.Stop(next);
        }
        else
        {
            _system.Stop(writer);
        }
    }

    private async Task CleanupAsync()
    {
        await _system.Terminate();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    /// <summary>Baseline: the 10 000 rows read in order with ADO.NET and deserialized.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    public async Task<long> RawReadAndDeserialize()
    {
        long sum = 0;
        var count = await _raw.ReadAsync(_pid, (manifest, message) => sum += ((InstanceHistoryEntry)_system.Serialization.Deserialize(message, _serializer.Identifier, manifest)).RestartCount);
        return count == EventCount ? sum : throw new InvalidOperationException($"Read {count} rows instead of {EventCount}.");
    }

    /// <summary>A fresh ReceivePersistentActor recovering the state of 10 000 events, until RecoveryCompleted.</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    public async Task<long> AkkaRecovery()
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = _system.ActorOf(AkkaBenchActor.Props(_pid, 0, done));
        var recovered = await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        _system.Stop(actor);
        return recovered == EventCount ? recovered : throw new InvalidOperationException($"Recovered the state of {recovered} events instead of {EventCount}.");
    }
}
