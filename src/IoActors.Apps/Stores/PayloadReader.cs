using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using IoActors.Apps.Definitions;

namespace IoActors.Apps.Stores;

/// <summary>
/// Reads a store response (<c>{"applications": [...]}</c>, FDC3 v2 included) incrementally: a record whose raw bytes are
/// identical to one of the previous response is not read again, its previous result (definition or problems) is reused.
/// So a poll with 1% changed records parses the payload once and reads, validates and normalizes only the 1%.
/// It is where a payload enters: a payload over the size limit, bytes that are not UTF-8, a string of the envelope that
/// .NET cannot turn into a string (an escaped lone surrogate) are rejected as a whole with a problem naming the place, and
/// a record that cannot be read is rejected on its own; nothing read here throws.
/// </summary>
internal sealed class PayloadReader
{
    private readonly StoreKind _kind;
    private readonly AppDefinitionOverrides? _overrides;
    private readonly bool _allowArray;
    private readonly long _maxPayloadSize;

    // Raw-bytes hash of each record of the previous response → what reading it gave.
    private Dictionary<ulong, RecordResult> _previous = [];

    // Whether the records of the payload being read are the elements of a top-level array (else of "applications").
    private bool _arrayRoot;

    public PayloadReader(StoreKind kind, AppDefinitionOverrides? overrides, bool allowArray, long maxPayloadSize = AppStoreSettings.DefaultMaxPayloadSize)
    {
        _kind = kind;
        _overrides = overrides;
        _allowArray = allowArray;
        _maxPayloadSize = maxPayloadSize;
    }

    /// <summary>
    /// The checks every payload passes before it is parsed: at most <paramref name="maxPayloadSize"/> bytes and valid UTF-8
    /// (a leading byte-order mark is allowed).
    /// </summary>
    /// <returns><see langword="null"/>, or the problem naming the size or the first byte that is not UTF-8 (line and column).</returns>
    public static StoreProblem? CheckText(ReadOnlySpan<byte> utf8, long maxPayloadSize, string source)
    {
        if (utf8.Length > maxPayloadSize)
        {
            return TooLarge(source, utf8.Length, maxPayloadSize);
        }

        if (Utf8.IsValid(utf8))
        {
            return null;
        }

        var offset = 0;
        while (offset < utf8.Length && Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        var (line, column) = LineColumn(utf8, offset);
        return new StoreProblem(source, line, column, $"invalid UTF-8: byte 0x{utf8[offset]:X2} at offset {offset} is not part of a UTF-8 character (the payload must be UTF-8 text)", null);
    }

    /// <summary>The problem of a payload bigger than the limit.</summary>
    public static StoreProblem TooLarge(string source, long size, long maxPayloadSize) =>
        new(source, 0, 0, $"the payload has {size} bytes, more than maxPayloadSize ({maxPayloadSize} bytes); it is not read", null);

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
        if (CheckText(span, _maxPayloadSize, source) is { } textProblem)
        {
            return PayloadResult.Failed(textProblem);
        }

        var records = new List<(int Start, int Length)>();
        try
        {
            var found = Scan(span, records);
            if (found is { } shape)
            {
                var (shapeLine, shapeColumn) = shape.Offset < 0 ? (1, 1) : LineColumn(span, (int)shape.Offset);
                return PayloadResult.Failed(new StoreProblem(source, shapeLine, shapeColumn, shape.Message, null));
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
        for (var index = 0; index < records.Count; index++)
        {
            var (start, length) = records[index];
            var raw = span.Slice(start, length);
            var hash = XxHash64.Hash(raw, (ulong)raw.Length);
            var fresh = false;
            if (!_previous.TryGetValue(hash, out var result) || result.Length != raw.Length)
            {
                result = SafeReadRecord(raw, utf8, start, source, index);
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
    /// <c>"applications"</c> array (or of a top-level array when allowed). The whole input is checked for syntax, and every
    /// escaped string outside the records (the envelope) for whether it can be read as a string.
    /// </summary>
    /// <returns><see langword="null"/>, or why the payload cannot be used and where (a byte offset, or -1).</returns>
    private (string Message, long Offset)? Scan(ReadOnlySpan<byte> utf8, List<(int Start, int Length)> records)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        if (!reader.Read())
        {
            throw new JsonException("The input does not contain any JSON tokens.", null, 0, 0);
        }

        var found = false;
        (string Message, long Offset)? problem = null;
        _arrayRoot = reader.TokenType == JsonTokenType.StartArray && _allowArray;
        if (_arrayRoot)
        {
            ReadElements(ref reader, records);
            found = true;
        }
        else if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!IsReadable(ref reader))
                {
                    problem ??= (Unreadable("a property name of the response"), reader.TokenStartIndex);
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                var name = reader.GetString()!;
                var isApplications = !found && name == "applications";
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
                        problem ??= ($"\"applications\" is {Kind(reader.TokenType)}, not an array", -1);
                    }

                    if (SkipChecking(ref reader) is { } offset)
                    {
                        problem ??= (Unreadable($"the response's \"{name}\""), offset);
                    }
                }
            }
        }
        else
        {
            var kind = Kind(reader.TokenType);
            if (SkipChecking(ref reader) is { } offset)
            {
                problem ??= (Unreadable("the response"), offset);
            }

            problem ??= ($"the response is {kind}, not {{\"applications\": [...]}}", -1);
        }

        // Read to the end so trailing garbage is reported as invalid JSON.
        while (reader.Read())
        {
        }

        return problem ?? (found ? null : ("the response has no \"applications\" array", -1));
    }

    private static string Unreadable(string what) =>
        $"{what} holds a string that cannot be read as text (an escaped lone surrogate such as \\udc00); the payload is not used";

    // Whether the current string or property name can be turned into a .NET string (only escaped ones can fail: the
    // bytes were checked to be UTF-8 before).
    private static bool IsReadable(ref Utf8JsonReader reader) => !reader.ValueIsEscaped || JsonStrings.Problem(reader.ValueSpan) is null;

    // Skips the current value (a scalar, or an object or array with everything in it), checking each string in it;
    // returns the offset of the first unreadable one.
    private static long? SkipChecking(ref Utf8JsonReader reader)
    {
        long? first = null;
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return reader.TokenType == JsonTokenType.String && !IsReadable(ref reader) ? reader.TokenStartIndex : null;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && first is null && !IsReadable(ref reader))
            {
                first = reader.TokenStartIndex;
            }
        }

        return first;
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

    // A record that cannot be read (whatever the reader throws) is rejected on its own, naming its place; its name, when it
    // can be read, keeps that app's last good definition.
    private RecordResult SafeReadRecord(ReadOnlySpan<byte> raw, ReadOnlyMemory<byte> whole, int offset, string source, int index)
    {
        try
        {
            return ReadRecord(raw, whole, offset, source);
        }
        catch (Exception ex)
        {
            var (line, column) = LineColumn(whole.Span, offset);
            var name = TryReadName(raw);
            var where = _arrayRoot ? $"[{index}]" : $"applications[{index}]";
            var problem = new StoreProblem(source, line, column, $"{where}: the app definition cannot be read: {ex.Message}", name);
            return new RecordResult(raw.Length, null, [problem], name);
        }
    }

    // The record's top-level "name" when it is a readable string, else null.
    private static string? TryReadName(ReadOnlySpan<byte> raw)
    {
        try
        {
            var reader = new Utf8JsonReader(raw, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isName = reader.ValueTextEquals("name"u8);
                reader.Read();
                if (isName && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString() is { Length: > 0 } name ? name : null;
                }

                reader.Skip();
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or JsonException)
        {
        }

        return null;
    }

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
