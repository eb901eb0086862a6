using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <summary>What <see cref="JsonInputCheck.Scan"/> found.</summary>
internal enum JsonInputIssueKind
{
    /// <summary>A string value that cannot become a .NET string.</summary>
    InvalidString,

    /// <summary>A property name that cannot become a .NET string.</summary>
    InvalidPropertyName,

    /// <summary>A property name that occurs twice in one object (the last one is the one read).</summary>
    DuplicateKey,
}

/// <summary>One problem of the JSON text itself, at a byte offset of the scanned input.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Path">The path of the value (or of the duplicate property) from the input's root: a string per property, an int per
/// array item. A property name that cannot be read appears as written in the JSON (e.g. <c>\udc00</c>).</param>
/// <param name="Offset">The byte offset of the token (the string, the property name, or the later duplicate).</param>
/// <param name="FirstOffset">For a duplicate key, the byte offset of its first occurrence; otherwise -1.</param>
/// <param name="Detail">For a string, what is wrong with it (e.g. <c>an unpaired surrogate escape \udc00 …</c>); for a duplicate, the key.</param>
/// <param name="Raw">The token as written (quotes included; at most 60 characters), for the problem's value.</param>
internal sealed record JsonInputIssue(JsonInputIssueKind Kind, object[] Path, long Offset, long FirstOffset, string Detail, string Raw)
{
    /// <summary>Whether a definition holding this issue must be rejected (a string that cannot be read) rather than warned about.</summary>
    public bool IsError => Kind != JsonInputIssueKind.DuplicateKey;

    /// <summary>The problem message; <paramref name="lineOf"/> gives the 1-based line of a byte offset (0 when unknown).</summary>
    public string Message(Func<long, int> lineOf) => Kind == JsonInputIssueKind.DuplicateKey ? DuplicateMessage(lineOf) : Unreadable(shown: null);

    /// <summary>
    /// The message for input that is refused because of this issue, duplicates included, where no separate field shows the
    /// value: the string, name or key as written, what is wrong with it, and for a duplicate where the first one is.
    /// </summary>
    /// <param name="positionOf">The 1-based line and column of a byte offset ((0, 0) when unknown).</param>
    public string RefusalMessage(Func<long, (int Line, int Column)> positionOf)
    {
        if (Kind != JsonInputIssueKind.DuplicateKey)
        {
            return Unreadable(Raw);
        }

        var (line, column) = positionOf(FirstOffset);
        return line > 0
            ? $"the key {Raw} appears more than once in this object (first at line {line}, column {column})"
            : $"the key {Raw} appears more than once in this object";
    }

    private string Unreadable(string? shown) =>
        $"the {(Kind == JsonInputIssueKind.InvalidString ? "string" : "property name")}{(shown is null ? string.Empty : " " + shown)} cannot be read as text: it holds {Detail}";

    private string DuplicateMessage(Func<long, int> lineOf)
    {
        var first = lineOf(FirstOffset);
        var second = lineOf(Offset);
        return first > 0 && second > 0
            ? $"duplicate key \"{Detail}\" (lines {first} and {second}); the last one (line {second}) is used"
            : $"duplicate key \"{Detail}\"; the last one is used";
    }
}

/// <summary>
/// Checks of JSON text that <see cref="JsonDocument"/> does not make: strings and property names that cannot become .NET
/// strings, and duplicate keys (which it accepts, the last one winning). Readers call <see cref="Find"/>, which runs the
/// cheap tests on every input (<see cref="JsonStrings.MayHaveInvalidStrings"/> on the bytes, <see cref="HasDuplicateKeys"/>
/// on the parsed elements) and <see cref="Scan"/> only when one of them says it must.
/// </summary>
internal static class JsonInputCheck
{
    private static readonly JsonReaderOptions ReaderOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    /// <summary>
    /// The problems of the JSON text itself (strings that cannot be read, duplicate keys), in input order, or
    /// <see langword="null"/> when there are none.
    /// </summary>
    /// <param name="root">The parsed input.</param>
    /// <param name="utf8">Its text (no byte-order mark).</param>
    /// <param name="limit">How many issues to report at the most (a reader that refuses the input on the first needs one).</param>
    public static List<JsonInputIssue>? Find(JsonElement root, ReadOnlySpan<byte> utf8, int limit = int.MaxValue)
    {
        // Duplicate keys are looked for on the parsed elements only when every string can be read (the test reads escaped names).
        if (!JsonStrings.MayHaveInvalidStrings(utf8) && !HasDuplicateKeys(root))
        {
            return null;
        }

        var issues = Scan(utf8, limit);
        return issues.Count > 0 ? issues : null;
    }

    /// <summary>
    /// Whether some object in <paramref name="element"/> has the same key twice. It walks the parsed elements (no tokenizing)
    /// and compares cheap 64-bit keys of the names, so a <see langword="true"/> may (rarely) be two names sharing a key; <see cref="Scan"/> decides.
    /// Every string of <paramref name="element"/> must be readable (<see cref="JsonStrings.MayHaveInvalidStrings"/> said so).
    /// </summary>
    public static bool HasDuplicateKeys(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var count = element.GetPropertyCount();
                if (count == 0)
                {
                    return false;
                }

                // Small objects (nearly all) compare keys in a stack buffer; large ones use a set, so that a hostile object with
                // a million keys costs a million set lookups, not a million squared comparisons.
                var small = count <= 32 ? stackalloc ulong[count] : default;
                var large = count > 32 ? new HashSet<ulong>(count) : null;
                var n = 0;
                foreach (var property in element.EnumerateObject())
                {
                    var raw = JsonMarshal.GetRawUtf8PropertyName(property);
                    var key = raw.IndexOf((byte)'\\') < 0 ? NameKey(raw) : NameKey(Encoding.UTF8.GetBytes(property.Name));
                    if (large is not null ? !large.Add(key) : small[..n].Contains(key))
                    {
                        return true;
                    }

                    if (large is null)
                    {
                        small[n++] = key;
                    }

                    if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && HasDuplicateKeys(property.Value))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                // Most arrays hold only strings and numbers: one vectorized search of their text proves that no object is inside.
                if (JsonMarshal.GetRawUtf8Value(element)[1..].IndexOf((byte)'{') < 0)
                {
                    return false;
                }

                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array && HasDuplicateKeys(item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// A copy of <paramref name="element"/> in which every key occurs once per object: the last occurrence, the one
    /// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> and JavaScript's <c>JSON.parse</c> read, stays (in its
    /// place), the earlier ones are dropped. So validation, normalization and whoever enumerates the definition later see what
    /// the duplicate-key warning says is used. Only for input with duplicates (it rewrites the whole element).
    /// </summary>
    public static JsonElement WithoutShadowedKeys(JsonElement element) => JsonElements.Build(writer => WriteWithoutShadowedKeys(writer, element));

    private static void WriteWithoutShadowedKeys(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<JsonProperty>();
                foreach (var property in element.EnumerateObject())
                {
                    properties.Add(property);
                }

                var last = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < properties.Count; i++)
                {
                    last[properties[i].Name] = i;
                }

                writer.WriteStartObject();
                for (var i = 0; i < properties.Count; i++)
                {
                    if (last[properties[i].Name] == i)
                    {
                        writer.WritePropertyName(properties[i].Name);
                        WriteWithoutShadowedKeys(writer, properties[i].Value);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteWithoutShadowedKeys(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>
    /// A cheap key of a name: its length and its first and last eight bytes. Different names may share it (then
    /// <see cref="Scan"/> finds no duplicate); equal names always do.
    /// </summary>
    private static ulong NameKey(ReadOnlySpan<byte> name)
    {
        ulong head, tail;
        if (name.Length >= 8)
        {
            head = MemoryMarshal.Read<ulong>(name);
            tail = MemoryMarshal.Read<ulong>(name[^8..]);
        }
        else
        {
            head = 0;
            foreach (var b in name)
            {
                head = (head << 8) | b;
            }

            tail = 0;
        }

        return ((head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL)) + (ulong)name.Length;
    }

    /// <summary>
    /// One tokenizing pass over syntactically valid JSON that reports every string and property name that cannot become a
    /// .NET string and every duplicate key, in input order. Input that is not valid JSON yields what was found before the error.
    /// </summary>
    /// <param name="utf8">The JSON (no byte-order mark).</param>
    /// <param name="limit">How many issues to report at the most.</param>
    /// <returns>The issues; empty when there are none.</returns>
    public static List<JsonInputIssue> Scan(ReadOnlySpan<byte> utf8, int limit = int.MaxValue)
    {
        var issues = new List<JsonInputIssue>();
        var frames = new List<Frame>();
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        try
        {
            while (issues.Count < limit && reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartObject));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        Advance(frames);
                        break;
                    case JsonTokenType.PropertyName:
                        ReadName(ref reader, utf8, frames, issues);
                        break;
                    case JsonTokenType.String:
                        if (StringProblem(ref reader) is { } problem)
                        {
                            issues.Add(new JsonInputIssue(JsonInputIssueKind.InvalidString, PathOf(frames), reader.TokenStartIndex, -1, problem, RawToken(utf8, ref reader)));
                        }

                        Advance(frames);
                        break;
                    default:
                        Advance(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // The readers parse before they scan, so this is input they already reported as invalid JSON.
        }

        return issues;
    }

    private static void ReadName(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, List<Frame> frames, List<JsonInputIssue> issues)
    {
        var frame = frames[^1];
        var offset = reader.TokenStartIndex;
        if (StringProblem(ref reader) is { } problem)
        {
            var raw = RawToken(utf8, ref reader);
            frame.Name = raw[1..^1];
            issues.Add(new JsonInputIssue(JsonInputIssueKind.InvalidPropertyName, PathOf(frames), offset, -1, problem, raw));
            return;
        }

        var name = reader.GetString()!;
        frame.Name = name;
        if (frame.Seen.TryGetValue(name, out var first))
        {
            issues.Add(new JsonInputIssue(JsonInputIssueKind.DuplicateKey, PathOf(frames), offset, first, name, RawToken(utf8, ref reader)));
            frame.Seen[name] = offset;
        }
        else
        {
            frame.Seen.Add(name, offset);
        }
    }

    private static string? StringProblem(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped || !System.Text.Unicode.Utf8.IsValid(reader.ValueSpan) ? JsonStrings.Problem(reader.ValueSpan) : null;

    private static string RawToken(ReadOnlySpan<byte> utf8, ref Utf8JsonReader reader)
    {
        // The token runs from its opening quote to its closing quote (BytesConsumed may include the ':' after a name).
        var start = (int)reader.TokenStartIndex;
        return JsonStrings.ShowRaw(utf8.Slice(start, reader.ValueSpan.Length + 2));
    }

    private static void Advance(List<Frame> frames)
    {
        if (frames.Count > 0 && !frames[^1].IsObject)
        {
            frames[^1].Index++;
        }
    }

    private static object[] PathOf(List<Frame> frames)
    {
        var path = new object[frames.Count];
        for (var i = 0; i < frames.Count; i++)
        {
            path[i] = frames[i].IsObject ? frames[i].Name ?? string.Empty : frames[i].Index;
        }

        return path;
    }

    private sealed class Frame(bool isObject)
    {
        private Dictionary<string, long>? _seen;

        public bool IsObject { get; } = isObject;

        public int Index { get; set; }

        public string? Name { get; set; }

        public Dictionary<string, long> Seen => _seen ??= new Dictionary<string, long>(StringComparer.Ordinal);
    }
}
