using System.Text.Json;
using BenchmarkDotNet.Attributes;
using IoActors.Benchmarks.Running;
using IoActors.Apps.Definitions;

namespace IoActors.Benchmarks.Definitions;

/// <summary>
/// Reading a 10 000-app store response (1–2 KB per definition): parse + validate + normalize against plain
/// <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/> of the same bytes. Goal: at most 2× the parse.
/// </summary>
[Config(typeof(Config))]
public class DefinitionsBenchmark
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private byte[] _bytes = [];
    private IReadOnlyList<AppDefinition> _definitions = [];

    /// <summary>How many definitions the response holds.</summary>
    [Params(10_000)]
    public int Count { get; set; }

    /// <summary>Generates the definitions once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _bytes = DefinitionGenerator.Generate(Count);
        var result = AppDefinitionReader.ReadJson(_bytes, "bench.json", StoreKind.Regular);
        if (result.Definitions.Count != Count || result.HasErrors)
        {
            throw new InvalidOperationException("The generated definitions must all be valid: " + string.Join(Environment.NewLine, result.Problems.Take(5)));
        }

        _definitions = result.Definitions;
    }

    /// <summary>The baseline: plain JsonDocument.Parse of the same bytes.</summary>
    /// <returns>The number of array items, so the work is not optimized away.</returns>
    [Benchmark(Baseline = true)]
    public int JsonDocumentParse()
    {
        using var doc = JsonDocument.Parse(_bytes, Options);
        return Checked(doc.RootElement.GetArrayLength());
    }

    /// <summary>Parse + validate + normalize through the reader the stores use.</summary>
    /// <returns>The number of accepted definitions.</returns>
    [Benchmark]
    public int ReadValidateNormalize()
    {
        var result = AppDefinitionReader.ReadJson(_bytes, "bench.json", StoreKind.Regular);
        return result.HasErrors ? throw new InvalidOperationException("the reader found problems: " + result.Problems[0]) : Checked(result.Definitions.Count);
    }

    /// <summary>
    /// A floor under the reader, not a goal: the parse plus an owned copy of every definition (<see cref="JsonElement.Clone"/>),
    /// the least that keeps one accepted definition from pinning the whole response. No validation, no checks of the text.
    /// </summary>
    /// <returns>The number of copies.</returns>
    [Benchmark]
    public int ParseAndCopyEach()
    {
        using var doc = JsonDocument.Parse(_bytes, Options);
        return Checked(CopyEach(doc.RootElement).Count);
    }

    /// <summary>
    /// The floor above plus the checks of the text every input gets (strings that cannot be read, duplicate keys), which
    /// <see cref="JsonDocument"/> does not make: what the reader does before and besides its validation rules.
    /// </summary>
    /// <returns>The number of copies.</returns>
    [Benchmark]
    public int ParseCheckAndCopyEach()
    {
        using var doc = JsonDocument.Parse(_bytes, Options);
        if (JsonInputCheck.Find(doc.RootElement, _bytes) is not null)
        {
            throw new InvalidOperationException("the generated definitions have text problems");
        }

        return Checked(CopyEach(doc.RootElement).Count);
    }

    // Each record's own copy, as the reader keeps for every accepted definition.
    private List<JsonElement> CopyEach(JsonElement array)
    {
        var owned = new List<JsonElement>(Count);
        foreach (var item in array.EnumerateArray())
        {
            owned.Add(item.Clone());
        }

        return owned;
    }

    /// <summary>The content hash of every definition (what a store computes per poll for change detection).</summary>
    /// <returns>A fold of the hashes.</returns>
    [Benchmark]
    public ulong ContentHashAll()
    {
        ulong h = 0;
        foreach (var d in _definitions)
        {
            h ^= CanonicalJson.Hash(d.Json);
        }

        return h != 0 ? h : throw new InvalidOperationException("the definitions' hashes fold to 0");
    }

    private int Checked(int count) => count == Count ? count : throw new InvalidOperationException($"read {count} of {Count} definitions");

    /// <summary>3 warm-ups and 15 iterations: on this shared 2-core machine five iterations of a 50–250 ms operation leave a ±30 % error.</summary>
    public sealed class Config : ShortRunConfig
    {
        /// <summary>Creates the config.</summary>
        public Config()
            : base(warmups: 3, iterations: 15)
        {
        }
    }
}
