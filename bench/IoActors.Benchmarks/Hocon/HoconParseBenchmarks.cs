using System.Text.Json;
using BenchmarkDotNet.Attributes;
using IoActors.Benchmarks.Running;
using IoActors.Hocon;

namespace IoActors.Benchmarks.Hocon;

/// <summary>
/// Parse + resolve of reference.conf and a generated ~1 MB file with our HOCON reader, against System.Text.Json's
/// JsonDocument.Parse of the equivalent JSON (the baseline). Goal: HOCON at most 3x the JSON time.
/// The baseline's JSON has none of the HOCON text's comments (most of reference.conf); JsonDocumentParseWithComments
/// parses the same JSON with those comments as <c>//</c> lines (JsonCommentHandling.Skip), so that both ratios can be
/// given. Both JSON rows parse a string as our reader does: JsonDocument.Parse(string) transcodes it to UTF-8 first
/// (into a pooled buffer), which is part of their time.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class HoconParseBenchmarks
{
    private string _hocon = string.Empty;
    private string _json = string.Empty;
    private string _jsonWithComments = string.Empty;
    private int _rootFields;

    private static readonly JsonDocumentOptions CommentsSkipped = new() { CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Which document: the repository's reference.conf or the generated ~1 MB catalogue.</summary>
    [Params("reference.conf", "generated-1MB")]
    public string Document { get; set; } = "reference.conf";

    /// <summary>Loads or generates the document and its JSON equivalent.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _hocon = Document == "reference.conf" ? HoconDocuments.ReferenceConf().Text : HoconDocuments.GenerateHocon(1_000_000);
        _json = HoconDocuments.ToJson(_hocon);
        _jsonWithComments = HoconDocuments.ToJsonWithComments(_hocon);
        _rootFields = HoconConfig.Parse(_hocon).Root.Count;
        if (_rootFields == 0 || HoconConfig.Parse(_json).Root.Count != _rootFields || JsonDocumentParse() != _rootFields
            || JsonDocumentParseWithComments() != _rootFields || HoconConfig.Parse(_jsonWithComments).ToJson(indented: false) != _json)
        {
            throw new InvalidOperationException($"{Document}: the HOCON text and its JSON do not hold the same {_rootFields} root fields");
        }
    }

    /// <summary>System.Text.Json parsing the equivalent JSON.</summary>
    /// <returns>The number of root properties (so the work is not discarded).</returns>
    [Benchmark(Baseline = true)]
    public int JsonDocumentParse()
    {
        using var document = JsonDocument.Parse(_json);
        return Checked(document.RootElement.GetPropertyCount());
    }

    /// <summary>System.Text.Json parsing the equivalent JSON preceded by the HOCON text's comments as // lines, which it skips.</summary>
    /// <returns>The number of root properties.</returns>
    [Benchmark]
    public int JsonDocumentParseWithComments()
    {
        using var document = JsonDocument.Parse(_jsonWithComments, CommentsSkipped);
        return Checked(document.RootElement.GetPropertyCount());
    }

    /// <summary>Our reader: parse and resolve the HOCON text.</summary>
    /// <returns>The number of root fields.</returns>
    [Benchmark]
    public int HoconParseAndResolve() => Checked(HoconConfig.Parse(_hocon).Root.Count);

    /// <summary>Our reader on the JSON text (JSON is HOCON).</summary>
    /// <returns>The number of root fields.</returns>
    [Benchmark]
    public int HoconParseJsonText() => Checked(HoconConfig.Parse(_json).Root.Count);

    private int Checked(int count) => count == _rootFields ? count : throw new InvalidOperationException($"{Document}: read {count} of {_rootFields} root fields");
}
