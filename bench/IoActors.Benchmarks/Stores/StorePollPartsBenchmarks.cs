using System.Runtime.InteropServices;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using IoActors.Benchmarks.Running;
using IoActors.Apps.Definitions;
using IoActors.Apps.Stores;

namespace IoActors.Benchmarks.Stores;

/// <summary>
/// Where the time of one store poll goes (one store of 3 334 apps): the plain parse (baseline), the parse with the
/// store's document options plus the per-record raw hash, and the incremental reader on an unchanged payload.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class StorePollPartsBenchmarks
{
    private static readonly JsonDocumentOptions StoreOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };
    private const int Apps = 3334;

    private byte[] _payload = null!;
    private PayloadReader _reader = null!;
    private byte[] _record = null!;
    private AppDefinition _definition = null!;

    /// <summary>Builds the payload and primes the reader.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _payload = StorePollBenchmarks.Payload("s0", Apps, 0);
        _reader = new PayloadReader(StoreKind.Regular, null, allowArray: false);
        _reader.Read(_payload, "bench");
        _record = System.Text.Encoding.UTF8.GetBytes("""{"name": "s0-1", "type": "window", "title": "App 1", "details": {"url": "https://apps.example.com/s0/1?v=1", "width": 800, "height": 600}, "customProperties": {"team": "t1"}}""");
        _definition = AppDefinitionReader.ReadJson(_record, "bench", StoreKind.Regular).Definitions[0];
    }

    /// <summary>Reading one changed record: parse, validate, normalize (what a changed record costs), times 100.</summary>
    /// <returns>The definition count.</returns>
    [Benchmark]
    public int Read100Records()
    {
        var n = 0;
        for (var i = 0; i < 100; i++)
        {
            n += AppDefinitionReader.ReadJson(_record, "bench", StoreKind.Regular).Definitions.Count;
        }

        return n == 100 ? n : throw new InvalidOperationException($"read {n} of 100 records");
    }

    /// <summary>The canonical content hash of one definition, times 100.</summary>
    /// <returns>A hash fold.</returns>
    [Benchmark]
    public ulong Hash100Definitions()
    {
        ulong h = 0;
        for (var i = 0; i < 100; i++)
        {
            h = (h * 31) + CanonicalJson.Hash(_definition.Json);
        }

        return h != 0 ? h : throw new InvalidOperationException("the hashes fold to 0");
    }

    /// <summary>Baseline: <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/> with default options.</summary>
    /// <returns>The record count.</returns>
    [Benchmark(Baseline = true)]
    public int Parse()
    {
        using var document = JsonDocument.Parse(_payload);
        return Checked(document.RootElement.GetProperty("applications").GetArrayLength());
    }

    /// <summary>For comparison: a document parse with the store options, then hash every record's raw bytes (the previous design).</summary>
    /// <returns>A hash fold.</returns>
    [Benchmark]
    public ulong ParseAndHashRecordsWithDocument()
    {
        using var document = JsonDocument.Parse(_payload, StoreOptions);
        ulong h = 0;
        var records = 0;
        foreach (var record in document.RootElement.GetProperty("applications").EnumerateArray())
        {
            var raw = JsonMarshal.GetRawUtf8Value(record);
            h ^= XxHash64.Hash(raw, (ulong)raw.Length);
            records++;
        }

        return Checked(records) != 0 ? h : 0;
    }

    /// <summary>The incremental reader on a payload identical to the previous one (every record reused).</summary>
    /// <returns>The definition count.</returns>
    [Benchmark]
    public int ReaderUnchanged() => Checked(_reader.Read(_payload, "bench").Definitions.Count);

    private static int Checked(int records) => records == Apps ? records : throw new InvalidOperationException($"read {records} of {Apps} records");
}
