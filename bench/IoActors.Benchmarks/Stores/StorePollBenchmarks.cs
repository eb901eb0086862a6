using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using IoActors.Benchmarks.Running;
using IoActors.Apps.Definitions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using Akka.Actor;

namespace IoActors.Benchmarks.Stores;

/// <summary>
/// One poll of 10 000 apps across 3 REST stores with 1% of the apps changed per poll: from the HTTP response bytes of each
/// store to the events published on the event stream (incremental read, validation and normalization of the changed records,
/// the store's last-good set, the registry merge and diff, publishing). The baseline parses the same three payloads with
/// <see cref="JsonDocument"/> and nothing else. Goals: at most 2x the baseline and at most 20 ms per poll.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class StorePollBenchmarks
{
    private const int StoreCount = 3;
    private const int AppsPerStore = 3334;

    // Payload versions walked back and forth (0..N-1..0..), so every step changes exactly one 1% group of every store.
    private const int Versions = 24;

    // Apps of one store in each changed group (groups 1..23 of indexes modulo 100; 3 334 apps give 34 per group).
    private const int ChangedPerStore = (AppsPerStore + 99) / 100;

    private byte[][][] _payloads = null!;
    private PayloadReader[] _readers = null!;
    private StoreSet[] _sets = null!;
    private RegistryState _registry = null!;
    private ActorSystem _system = null!;
    private readonly List<RegistryEvent> _events = [];
    private readonly List<AppNameConflict> _conflicts = [];
    private int _step;
    private int _parseStep;

    /// <summary>Builds the payloads and loads version 0 into the stores and the registry.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _payloads = new byte[StoreCount][][];
        for (var s = 0; s < StoreCount; s++)
        {
            _payloads[s] = new byte[Versions][];
            for (var v = 0; v < Versions; v++)
            {
                _payloads[s][v] = Payload($"s{s}", AppsPerStore, v);
            }
        }

        _system = ActorSystem.Create("store-poll");
        var sink = _system.ActorOf(Props.Create(() => new Sink()), "sink");
        _system.EventStream.Subscribe(sink, typeof(RegistryEvent));
        _readers = new PayloadReader[StoreCount];
        _sets = new StoreSet[StoreCount];
        _registry = new RegistryState();
        for (var s = 0; s < StoreCount; s++)
        {
            _readers[s] = new PayloadReader(StoreKind.Regular, null, allowArray: false);
            _sets[s] = new StoreSet();
        }

        PollVersion(0);
        if (_registry.Apps.Count != StoreCount * AppsPerStore)
        {
            throw new InvalidOperationException($"expected {StoreCount * AppsPerStore} apps, the registry holds {_registry.Apps.Count}");
        }
    }

    /// <summary>Stops the actor system.</summary>
    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    /// <summary>Baseline: parse the three payloads of the next version with <see cref="JsonDocument"/>.</summary>
    /// <returns>The number of records, so the work is not optimized away.</returns>
    [Benchmark(Baseline = true)]
    public int ParseOnly()
    {
        var version = Walk(++_parseStep);
        var n = 0;
        for (var s = 0; s < StoreCount; s++)
        {
            using var document = JsonDocument.Parse(_payloads[s][version]);
            n += document.RootElement.GetProperty("applications").GetArrayLength();
        }

        return n == StoreCount * AppsPerStore ? n : throw new InvalidOperationException($"parsed {n} of {StoreCount * AppsPerStore} records");
    }

    /// <summary>One poll of the three stores, through to the published events.</summary>
    /// <returns>The number of events (about 1% of the apps).</returns>
    [Benchmark]
    public int PollToEvents()
    {
        var events = PollVersion(Walk(++_step));

        // Each step changes one group of every store: the apps whose index is that group modulo 100 (34 per store here).
        return events == StoreCount * ChangedPerStore ? events : throw new InvalidOperationException($"a poll published {events} events instead of {StoreCount * ChangedPerStore}");
    }

    private int PollVersion(int version)
    {
        var published = 0;
        for (var s = 0; s < StoreCount; s++)
        {
            var result = _readers[s].Read(_payloads[s][version], "bench");
            if (result.Fatal is not null || result.Problems.Count > 0)
            {
                throw new InvalidOperationException(result.Fatal?.Message ?? result.Problems[0].Message);
            }

            if (_sets[s].Update(result.Definitions, result.RejectedNames))
            {
                _registry.Apply(new StoreSnapshot($"rest-{s}", StoreKind.Regular, s, _sets[s].Version, _sets[s].Definitions), _events, _conflicts);
                foreach (var e in _events)
                {
                    _system.EventStream.Publish(e);
                }

                published += _events.Count;
                _events.Clear();
                _conflicts.Clear();
            }
        }

        return published;
    }

    private static int Walk(int step)
    {
        var period = 2 * (Versions - 1);
        var k = step % period;
        return k < Versions ? k : period - k;
    }

    // Record i belongs to group i % 100; version v has groups 1..v changed, so consecutive versions differ in one group (1%).
    internal static byte[] Payload(string prefix, int count, int version)
    {
        var sb = new StringBuilder("{\"applications\": [\n");
        for (var i = 0; i < count; i++)
        {
            var group = i % 100;
            var v = group >= 1 && group <= version ? 1 : 0;
            sb.Append("  {\"name\": \"").Append(prefix).Append('-').Append(i)
              .Append("\", \"type\": \"window\", \"title\": \"App ").Append(i)
              .Append("\", \"details\": {\"url\": \"https://apps.example.com/").Append(prefix).Append('/').Append(i).Append("?v=").Append(v)
              .Append("\", \"width\": 800, \"height\": 600}, \"customProperties\": {\"team\": \"t").Append(i % 17).Append("\"}}");
            sb.Append(i + 1 < count ? ",\n" : "\n");
        }

        sb.Append("]}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private sealed class Sink : ReceiveActor
    {
        public Sink() => ReceiveAny(_ => { });
    }
}
