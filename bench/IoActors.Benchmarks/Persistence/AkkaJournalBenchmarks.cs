using Akka.Actor;
using Akka.Persistence;
using Akka.Serialization;
using BenchmarkDotNet.Attributes;
using IoActors.Benchmarks.Running;
using BenchmarkDotNet.Configs;
using IoActors.Platform.Configuration;
using IoActors.Platform.Hosting;
using IoActors.Platform.Persistence;
using IoActors.Testing;

namespace IoActors.Benchmarks.Persistence;

/// <summary>
/// The platform's persistence on Akka.NET (Akka.Persistence.Sql as configured by <see cref="PlatformPersistenceConfig"/>,
/// the platform's event serializer): a ReceivePersistentActor persisting 10 000 instance history events with PersistAll in
/// batches of 100, and a fresh one recovering 10 000 events, each against an in-run baseline that does the same work with
/// plain ADO.NET on the same database (<see cref="RawJournalTable"/>: the same rows, serialized by the same serializer,
/// written in atomic batches of 100 / read and deserialized in order). Counted per event (events/s = Op/s).
/// Goals: batched ≥ 20 000 events/s, recovery ≥ 100 000 events/s on SQLite (WAL) and PostgreSQL.
/// </summary>
[Config(typeof(ShortRunConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AkkaJournalBenchmarks
{
    private const int EventCount = 10_000;
    private const int BatchSize = 100;
    private static readonly DateTimeOffset s_at = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private TempFolder? _folder;
    private ThrowawayPostgreSqlServer? _server;
    private ActorSystem _system = null!;
    private RawJournalTable _raw = null!;
    private Serializer _serializer = null!;
    private string _pid = "";
    private string _recoverPid = "";

    /// <summary>The database under test.</summary>
    [Params(PersistenceProvider.Sqlite, PersistenceProvider.Postgresql)]
    public PersistenceProvider Provider { get; set; }

    /// <summary>The events of one batch: instance history entries, as the platform persists them.</summary>
    internal static IEnumerable<InstanceHistoryEntry> Events(int first, int count) =>
        Enumerable.Range(first, count).Select(i => new InstanceHistoryEntry(InstanceHistoryKind.Started, "instance-1", "core-heartbeat", s_at.AddTicks(i), i % 5));

    // BenchmarkDotNet's in-process toolchain does not wait for asynchronous setup and cleanup: block here instead.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        PlatformOptions options;
        if (Provider == PersistenceProvider.Sqlite)
        {
            _folder = new TempFolder();
            options = new PlatformOptions { ConfigFolder = _folder.Path };
        }
        else
        {
            var connection = Environment.GetEnvironmentVariable("IOACTORS_POSTGRES_CONNECTION");
            if (string.IsNullOrWhiteSpace(connection))
            {
                _server = await ThrowawayPostgreSqlServer.StartAsync(TimeSpan.FromSeconds(120));
                connection = _server.ConnectionString;
            }

            options = new PlatformOptions { IoActors = { Persistence = { Provider = PersistenceProvider.Postgresql, ConnectionString = connection } } };
        }

        _system = ActorSystem.Create("journal-bench", PlatformPersistenceConfig.Create(options));
        await PlatformPersistenceStartup.StartAsync(_system, options);
        _serializer = _system.Serialization.FindSerializerForType(typeof(InstanceHistoryEntry));
        _raw = new RawJournalTable(Provider, JournalDatabase.From(options).ConnectionString);
        await _raw.CreateAsync();

        _recoverPid = "recover-" + Guid.NewGuid().ToString("N");
        await PersistAllAsync(_recoverPid);
        await _raw.WriteAsync(_recoverPid, RawBatches());
    }

    private async Task CleanupAsync()
    {
        await _system.Terminate();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _folder?.Dispose();
    }

    [IterationSetup]
    public void NewPersistenceId() => _pid = "persist-" + Guid.NewGuid().ToString("N");

    /// <summary>Baseline: the same 10 000 rows inserted with ADO.NET, 100 per transaction.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("Batched write")]
    public Task RawInsertBatchesOf100() => _raw.WriteAsync(_pid, RawBatches());

    /// <summary>A ReceivePersistentActor: 100 commands, each PersistAll of 100 events (one AtomicWrite).</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("Batched write")]
    public Task<long> AkkaPersistAllBatchesOf100() => PersistAllAsync(_pid);

    /// <summary>Baseline: the 10 000 rows read in order with ADO.NET and deserialized.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("Recovery")]
    public async Task<long> RawReadAndDeserialize()
    {
        long sum = 0;
        var count = await _raw.ReadAsync(_recoverPid, (manifest, message) => sum += ((InstanceHistoryEntry)_system.Serialization.Deserialize(message, _serializer.Identifier, manifest)).RestartCount);
        return count == EventCount ? sum : throw new InvalidOperationException($"Read {count} rows instead of {EventCount}.");
    }

    /// <summary>
    /// Where recovery's time goes: the journal's replay of the same 10 000 events (ReplayMessages) to a plain actor that
    /// counts them, without a persistent actor.
    /// </summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("Recovery")]
    public async Task<long> JournalReplayOnly()
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var counter = _system.ActorOf(Props.Create(() => new ReplayCounter(done)));
        Akka.Persistence.Persistence.Instance.Apply(_system).JournalFor(null).Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, _recoverPid, counter));
        var replayed = await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        _system.Stop(counter);
        return replayed == EventCount ? replayed : throw new InvalidOperationException($"Replayed {replayed} events instead of {EventCount}.");
    }

    /// <summary>A fresh ReceivePersistentActor recovering 10 000 events, until RecoveryCompleted.</summary>
    [Benchmark(OperationsPerInvoke = EventCount)]
    [BenchmarkCategory("Recovery")]
    public async Task<long> AkkaRecovery()
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = _system.ActorOf(AkkaBenchActor.Props(_recoverPid, 0, done));
        var recovered = await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        _system.Stop(actor);
        return recovered == EventCount ? recovered : throw new InvalidOperationException($"Recovered {recovered} events instead of {EventCount}.");
    }

    private async Task<long> PersistAllAsync(string pid)
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = _system.ActorOf(AkkaBenchActor.Props(pid, EventCount, done));
        for (var first = 1; first <= EventCount; first += BatchSize)
        {
            actor.Tell(new AkkaPersistBatch(first, BatchSize), ActorRefs.NoSender);
        }

        var count = await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        _system.Stop(actor);
        return count;
    }

    private IEnumerable<IReadOnlyList<(long Seq, string Manifest, int Identifier, byte[] Message)>> RawBatches() => RawBatches(_serializer);

    /// <summary>The baseline's rows of 10 000 events in batches of 100, serialized by <paramref name="serializer"/>.</summary>
    internal static IEnumerable<IReadOnlyList<(long Seq, string Manifest, int Identifier, byte[] Message)>> RawBatches(Serializer serializer)
    {
        var manifest = Serialization.ManifestFor(serializer, Events(1, 1).First());
        for (var first = 1; first <= EventCount; first += BatchSize)
        {
            yield return Events(first, BatchSize).Select((e, i) => ((long)(first + i), manifest, serializer.Identifier, serializer.ToBinary(e))).ToList();
        }
    }
}
