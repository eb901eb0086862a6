using System.Text.Json;
using IoActors.Apps.Definitions;

namespace IoActors.Apps.Stores;

/// <summary>
/// Reads a store response (<c>{"applications": [...]}</c>, FDC3 v2 included) incrementally: a record whose raw bytes are
/// identical to one of the previous response is not read again, its previous result (definition or problems) is reused.
/// So a poll with 1% changed records parses the payload once and reads, validates and normalizes only the 1%.
/// </summary>
internal sealed class PayloadReader
{
    private readonly StoreKind _kind;
    private readonly AppDefinitionOverrides? _overrides;
    private readonly bool _allowArray;

    // Raw-bytes hash of each record of the previous response → what reading it gave.
    private Dictionary<ulong, RecordResult> _previous = [];

    public PayloadReader(StoreKind kind, AppDefinitionOverrides? overrides, bool allowArray)
    {
        _kind = kind;
        _overrides = overrides;
        _allowArray = allowArray;
    }

    /// <summary>Reads a response.</summary>
    /// <param name="utf8">The response body; must not change while the call runs.</param>
    /// <param name="source">The URL or file for problems.</param>
    /// <returns>The result; <see cref="PayloadResult.Fatal"/> is set when the response as a whole is unusable. Problems of records
    /// repeated unchanged from the previous response are not repeated.</returns>
    public PayloadResult Read(ReadOnlyMemory<byte> utf8, string source)
    {
        if (utf8.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        var span = utf8.Span;
        var records = new List<(int Start, int Length)>();
        try
        {
            var found = Scan(span, records);
            if (found is not null)
            {
                return PayloadResult.Failed(new StoreProblem(source, 1, 1, found, null));
            }
        }
        catch (JsonException ex)
        {
            var (line, column) = new JsonLocator(utf8.ToArray()).FromLineAndBytePosition(ex.LineNumber ?? 0, ex.BytePositionInLine ?? 0);
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
            cut = cut > 0 ? cut : message.IndexOf(" Path: ", StringComparison.Ordinal);
            return PayloadResult.Failed(new StoreProblem(source, line, column, $"invalid JSON: {(cut > 0 ? message[..cut] : message)}", null));
        }

        var next = new Dictionary<ulong, RecordResult>(records.Count);
        var definitions = new List<AppDefinition>(records.Count);
        List<StoreProblem>? problems = null;
        HashSet<string>? rejected = null;
        var names = new HashSet<string>(records.Count, StringComparer.Ordinal);
        foreach (var (start, length) in records)
        {
            var raw = span.Slice(start, length);
            var hash = XxHash64.Hash(raw, (ulong)raw.Length);
            var fresh = false;
            if (!_previous.TryGetValue(hash, out var result) || result.Length != raw.Length)
            {
                result = ReadRecord(raw, utf8, start, source);
                fresh = true;
            }

            next.TryAdd(hash, result);

            // A rejected record is reported when it first appears, not again on every poll that repeats it.
            if (fresh && result.Problems is { Count: > 0 } recordProblems)
            {
                (problems ??= []).AddRange(recordProblems);
            }

            if (result.Definition is { } definition)
            {
                if (names.Add(definition.Name))
                {
                    definitions.Add(definition);
                }
                else
                {
                    var (line, column) = LineColumn(span, start);
                    (problems ??= []).Add(new StoreProblem(source, line, column, $"\"{definition.Name}\" is already defined earlier in the response; app names must be unique within a store", definition.Name));
                }
            }
            else if (result.RejectedName is { } name)
            {
                (rejected ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
            }
        }

        _previous = next;
        return new PayloadResult(null, definitions, (IReadOnlyList<StoreProblem>?)problems ?? [], (IReadOnlySet<string>?)rejected ?? new HashSet<string>());
    }

    /// <summary>
    /// Finds the records with a forward-only reader (no document is built): the elements of the top-level
    /// <c>"applications"</c> array (or of a top-level array when allowed). The whole input is checked for syntax.
    /// </summary>
    /// <returns><see langword="null"/>, or why the shape is wrong.</returns>
    private string? Scan(ReadOnlySpan<byte> utf8, List<(int Start, int Length)> records)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        if (!reader.Read())
        {
            throw new JsonException("The input does not contain any JSON tokens.", null, 0, 0);
        }

        var found = false;
        string? shape = null;
        if (reader.TokenType == JsonTokenType.StartArray && _allowArray)
        {
            ReadElements(ref reader, records);
            found = true;
        }
        else if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isApplications = !found && reader.ValueTextEquals("applications"u8);
                reader.Read();
                if (isApplications && reader.TokenType == JsonTokenType.StartArray)
                {
                    ReadElements(ref reader, records);
                    found = true;
                }
                else
                {
                    if (isApplications)
                    {
                        shape = $"\"applications\" is {Kind(reader.TokenType)}, not an array";
                    }

                    reader.Skip();
                }
            }
        }
        else
        {
            reader.Skip();
            shape = $"the response is {Kind(reader.TokenType)}, not {{\"applications\": [...]}}";
        }

        // Read to the end so trailing garbage is reported as invalid JSON.
        while (reader.Read())
        {
        }

        return found ? null : shape ?? "the response has no \"applications\" array";
    }

    private static void ReadElements(ref Utf8JsonReader reader, List<(int Start, int Length)> records)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            records.Add((start, (int)reader.BytesConsumed - start));
        }
    }

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject or JsonTokenType.EndObject => "object",
        JsonTokenType.StartArray or JsonTokenType.EndArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString().ToLowerInvariant(),
    };

    private RecordResult ReadRecord(ReadOnlySpan<byte> raw, ReadOnlyMemory<byte> whole, int offset, string source)
    {
        var read = AppDefinitionReader.ReadJson(raw.ToArray(), source, _kind, _overrides);
        List<StoreProblem>? problems = null;
        if (read.Problems.Count > 0)
        {
            var (baseLine, baseColumn) = LineColumn(whole.Span, offset);
            foreach (var p in read.Problems)
            {
                if (!p.IsError)
                {
                    continue;
                }

                var line = p.Line <= 0 ? baseLine : baseLine + p.Line - 1;
                var column = p.Line == 1 ? baseColumn + p.Column - 1 : p.Column;
                var message = p.Path.Length == 0 ? p.Message : $"{p.Path}: {p.Message}";
                (problems ??= []).Add(new StoreProblem(source, line, column, message, p.AppName));
            }
        }

        var definition = read.Definitions.Count == 1 ? read.Definitions[0] : null;
        var rejectedName = definition is null ? read.Problems.FirstOrDefault(p => p.AppName is not null)?.AppName : null;
        return new RecordResult(raw.Length, definition, problems, rejectedName);
    }

    /// <summary>1-based line and column of a byte offset (columns count bytes; definitions are mostly ASCII).</summary>
    internal static (int Line, int Column) LineColumn(ReadOnlySpan<byte> utf8, int offset)
    {
        var before = utf8[..offset];
        var line = before.Count((byte)'\n') + 1;
        var lastNewline = before.LastIndexOf((byte)'\n');
        return (line, offset - lastNewline);
    }

    private sealed record RecordResult(int Length, AppDefinition? Definition, List<StoreProblem>? Problems, string? RejectedName);
}
