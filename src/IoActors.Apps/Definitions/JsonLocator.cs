using System.Text;
using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <summary>
/// Maps JSON paths back to positions in the source bytes with one <see cref="Utf8JsonReader"/> pass that descends only
/// into the branches some path needs. A path that does not exist (a missing property) maps to its deepest existing
/// ancestor. Used only when there are problems to place, so valid input never pays for it.
/// </summary>
internal sealed class JsonLocator
{
    private static readonly JsonReaderOptions ReaderOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    private readonly ReadOnlyMemory<byte> _utf8;
    private int[]? _lineStarts;

    public JsonLocator(ReadOnlyMemory<byte> utf8) => _utf8 = utf8;

    /// <summary>Byte offsets of each target path (of property names for members, values for items); -1 when the root itself cannot be read.</summary>
    public long[] Offsets(IReadOnlyList<object[]> targets)
    {
        var result = new long[targets.Count];
        Array.Fill(result, -1L);
        if (targets.Count == 0)
        {
            return result;
        }

        try
        {
            var reader = new Utf8JsonReader(_utf8.Span, ReaderOptions);
            if (!reader.Read())
            {
                return result;
            }

            var all = new List<int>(targets.Count);
            for (var i = 0; i < targets.Count; i++)
            {
                all.Add(i);
            }

            Walk(ref reader, all, 0, targets, result, reader.TokenStartIndex);
        }
        catch (JsonException)
        {
            // Positions found before a syntax error stay; the rest fall back to "unknown".
        }

        return result;
    }

    /// <summary>1-based line and column (in UTF-16 characters) of a byte offset.</summary>
    public (int Line, int Column) LineColumn(long offset)
    {
        if (offset < 0)
        {
            return (0, 0);
        }

        var starts = LineStarts();
        var line = Array.BinarySearch(starts, (int)offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        var start = starts[line];
        var column = Encoding.UTF8.GetCharCount(_utf8.Span.Slice(start, (int)offset - start)) + 1;
        return (line + 1, column);
    }

    /// <summary>1-based line and column of a 0-based line and byte position within it (as <see cref="JsonException"/> reports them).</summary>
    public (int Line, int Column) FromLineAndBytePosition(long line, long bytePositionInLine)
    {
        var starts = LineStarts();
        if (line < 0 || line >= starts.Length)
        {
            return ((int)line + 1, (int)bytePositionInLine + 1);
        }

        var start = starts[line];
        var length = (int)Math.Min(bytePositionInLine, _utf8.Length - start);
        return ((int)line + 1, Encoding.UTF8.GetCharCount(_utf8.Span.Slice(start, Math.Max(0, length))) + 1);
    }

    /// <summary>
    /// Where a <see cref="JsonException"/> from parsing these bytes happened (1-based) and its reason without the exception's
    /// own position suffix (<c>LineNumber: 0 | BytePositionInLine: 1.</c>, <c>Path: $</c>).
    /// </summary>
    public (int Line, int Column, string Reason) Describe(JsonException exception)
    {
        var (line, column) = FromLineAndBytePosition(exception.LineNumber ?? 0, exception.BytePositionInLine ?? 0);
        var reason = exception.Message;
        var cut = reason.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        cut = cut > 0 ? cut : reason.IndexOf(" Path: ", StringComparison.Ordinal);
        return (line, column, cut > 0 ? reason[..cut] : reason);
    }

    private int[] LineStarts()
    {
        if (_lineStarts is not null)
        {
            return _lineStarts;
        }

        var starts = new List<int> { 0 };
        var span = _utf8.Span;
        var offset = 0;
        while (true)
        {
            var next = span[offset..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            offset += next + 1;
            starts.Add(offset);
        }

        return _lineStarts = starts.ToArray();
    }

    private static void Walk(ref Utf8JsonReader reader, List<int> active, int depth, IReadOnlyList<object[]> targets, long[] result, long anchor)
    {
        List<int>? deeper = null;
        foreach (var t in active)
        {
            result[t] = anchor;
            if (targets[t].Length > depth)
            {
                (deeper ??= []).Add(t);
            }
        }

        if (deeper is null || reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            reader.Skip();
            return;
        }

        // Group the targets by their next segment so that each member or item is matched in O(1), whatever the number of targets.
        var next = new Dictionary<object, List<int>>();
        foreach (var t in deeper)
        {
            var key = targets[t][depth];
            if (!next.TryGetValue(key, out var list))
            {
                next[key] = list = [];
            }

            list.Add(t);
        }

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var keyOffset = reader.TokenStartIndex;
                List<int>? matching = null;
                if (JsonStrings.TryGetString(ref reader) is { } key)
                {
                    next.TryGetValue(key, out matching);
                }

                reader.Read();
                if (matching is null)
                {
                    reader.Skip();
                }
                else
                {
                    Walk(ref reader, matching, depth + 1, targets, result, keyOffset);
                }
            }
        }
        else
        {
            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (next.TryGetValue(index, out var matching))
                {
                    Walk(ref reader, matching, depth + 1, targets, result, reader.TokenStartIndex);
                }
                else
                {
                    reader.Skip();
                }

                index++;
            }
        }
    }
}
