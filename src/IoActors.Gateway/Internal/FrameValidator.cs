using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace IoActors.Gateway.Internal;

/// <summary>
/// Checks a client frame where it enters, before any handler reads it: every key and string must be text .NET can read
/// (valid UTF-8, no unpaired UTF-16 surrogate escape such as <c>"\udc00"</c>), and no object may repeat a key. A frame
/// that breaks a rule would throw wherever an actor reads it; here it becomes a protocol error naming the JSON path.
/// The same pass notes the frame's top-level routing fields and where its payloads lie (<see cref="FrameScan"/>), so an
/// interop call or yield can be routed without building a JSON tree. One instance per connection (its read loop),
/// reused for every frame; nothing of it is shared with other threads.
/// </summary>
internal sealed class FrameValidator
{
    private const int MaxDepth = 64;

    // Keys (and repeated routing values such as "agm", "call", peer and method ids) are interned per connection, so a
    // frame's keys cost no strings once seen; bounded, so a client sending ever new keys only loses the reuse.
    private const int MaxInterned = 512;
    private const int MaxInternedBytes = 64;

    // The open containers, outermost first; their key sets are reused across frames.
    private readonly List<Container> _stack = [];
    private readonly Stack<HashSet<string>> _freeKeySets = new();
    private readonly HashSet<string> _interned = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _internLookup;

    public FrameValidator() => _internLookup = _interned.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Checks one frame. Malformed JSON throws <see cref="JsonException"/> (with line and byte), as the parser would.</summary>
    /// <param name="utf8">The frame.</param>
    /// <param name="scan">When the frame passes: its top-level routing fields and payload ranges.</param>
    /// <returns>Null when the frame may be read; otherwise the first problem and the frame's readable routing fields.</returns>
    public FrameProblem? Check(ReadOnlySpan<byte> utf8, out FrameScan scan)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        FrameProblem? problem = null;
        scan = default;
        var valueStart = -1L;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        NextElement();
                        if (_stack.Count == 0)
                        {
                            scan.IsObject = reader.TokenType == JsonTokenType.StartObject;
                        }
                        else if (_stack.Count == 1)
                        {
                            valueStart = reader.TokenStartIndex;
                        }

                        _stack.Add(new Container(reader.TokenType == JsonTokenType.StartArray, Keys: reader.TokenType == JsonTokenType.StartObject ? RentKeys() : null));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        if (_stack[^1].Keys is { } keys)
                        {
                            keys.Clear();
                            _freeKeySets.Push(keys);
                        }

                        _stack.RemoveAt(_stack.Count - 1);
                        if (_stack.Count == 1 && valueStart >= 0)
                        {
                            scan.SetPayload(_stack[0].Name, new PayloadRange((int)valueStart, (int)(reader.BytesConsumed - valueStart), reader.TokenType == JsonTokenType.EndObject ? PayloadKind.Object : PayloadKind.Other));
                            valueStart = -1;
                        }

                        break;
                    case JsonTokenType.PropertyName:
                    {
                        var top = _stack[^1];
                        if (!TryReadKey(ref reader, out var key))
                        {
                            problem ??= Problem(reader, "an object key is not valid text (an unpaired UTF-16 surrogate escape such as \\udc00, or invalid UTF-8)");
                            _stack[^1] = top with { Name = null };
                            break;
                        }

                        _stack[^1] = top with { Name = key };
                        if (!top.Keys!.Add(key))
                        {
                            problem ??= Problem(reader, $"duplicate key \"{Shorten(key)}\" (a key may appear only once in an object)");
                        }

                        break;
                    }

                    case JsonTokenType.String:
                        NextElement();
                        if (_stack.Count == 1 && _stack[0].Name is { } field)
                        {
                            // A top-level field: the routing fields are read, so an error about the frame can still
                            // reach the right request and a call or yield can be routed.
                            if (!scan.TakeString(field, ref reader, this))
                            {
                                problem ??= Problem(reader, "the string is not valid text (an unpaired UTF-16 surrogate escape such as \\udc00, or invalid UTF-8)");
                            }

                            scan.SetPayload(field, new PayloadRange((int)reader.TokenStartIndex, (int)(reader.BytesConsumed - reader.TokenStartIndex), PayloadKind.Other));
                        }
                        else if (!IsValidText(ref reader))
                        {
                            problem ??= Problem(reader, "the string is not valid text (an unpaired UTF-16 surrogate escape such as \\udc00, or invalid UTF-8)");
                        }

                        break;
                    default:
                        NextElement();
                        if (_stack.Count == 1 && _stack[0].Name is { } name)
                        {
                            if (reader.TokenType == JsonTokenType.Number)
                            {
                                scan.TakeNumber(name, reader.ValueSpan);
                            }

                            var kind = reader.TokenType == JsonTokenType.Null ? PayloadKind.Null : PayloadKind.Other;
                            scan.SetPayload(name, new PayloadRange((int)reader.TokenStartIndex, (int)(reader.BytesConsumed - reader.TokenStartIndex), kind));
                        }

                        break;
                }
            }
        }
        finally
        {
            foreach (var container in _stack)
            {
                if (container.Keys is { } keys)
                {
                    keys.Clear();
                    _freeKeySets.Push(keys);
                }
            }

            _stack.Clear();
        }

        return problem is null ? null : problem.Value with { RequestId = scan.RequestId, Domain = scan.Domain };
    }

    /// <summary>Reads a string value as a string, interned when short (for values that repeat, like types and ids of peers).</summary>
    internal bool TryReadInterned(ref Utf8JsonReader reader, out string text) => TryReadKey(ref reader, out text);

    /// <summary>Reads a string value as a new string.</summary>
    internal static bool TryReadText(ref Utf8JsonReader reader, out string text)
    {
        if (!reader.ValueIsEscaped && !Utf8.IsValid(reader.ValueSpan))
        {
            text = "";
            return false;
        }

        try
        {
            text = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            // An escape that decodes to an unpaired surrogate, or invalid UTF-8 next to escapes.
            text = "";
            return false;
        }
    }

    // Whether a string value is readable text, without making a string of it.
    internal static bool IsValidText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Utf8.IsValid(reader.ValueSpan);
        }

        // An escaped value has at most as many UTF-16 code units as it has bytes.
        var chars = ArrayPool<char>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            reader.CopyString(chars);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private bool TryReadKey(ref Utf8JsonReader reader, out string text)
    {
        var raw = reader.ValueSpan;
        if (reader.ValueIsEscaped || raw.Length > MaxInternedBytes)
        {
            return TryReadText(ref reader, out text);
        }

        Span<char> chars = stackalloc char[MaxInternedBytes];
        if (Utf8.ToUtf16(raw, chars, out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            text = "";
            return false;
        }

        if (_internLookup.TryGetValue(chars[..written], out var known))
        {
            text = known;
            return true;
        }

        text = new string(chars[..written]);
        if (_interned.Count < MaxInterned)
        {
            _interned.Add(text);
        }

        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private HashSet<string> RentKeys() => _freeKeySets.Count > 0 ? _freeKeySets.Pop() : new HashSet<string>(StringComparer.Ordinal);

    // Counts the elements of the innermost array, so the path can name them.
    private void NextElement()
    {
        if (_stack.Count > 0 && _stack[^1].IsArray)
        {
            var top = _stack[^1];
            _stack[^1] = top with { Index = top.Index + 1 };
        }
    }

    private FrameProblem Problem(Utf8JsonReader reader, string message) =>
        new(Path(), message, reader.TokenStartIndex + 1, null, null);

    // The JSON path of the token being read: $.a.b[2]["odd key"].
    private string Path()
    {
        var path = new StringBuilder("$");
        foreach (var container in _stack)
        {
            if (container.IsArray)
            {
                path.Append('[').Append(container.Index).Append(']');
            }
            else if (container.Name is { } name)
            {
                if (name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$'))
                {
                    path.Append('.').Append(name);
                }
                else
                {
                    path.Append('[').Append(JsonSerializer.Serialize(Shorten(name))).Append(']');
                }
            }
        }

        return path.ToString();
    }

    /// <summary>An open object or array: for an object, the key being read and the keys seen; for an array, the index.</summary>
    private readonly record struct Container(bool IsArray, int Index = -1, string? Name = null, HashSet<string>? Keys = null);
}

/// <summary>Why a frame was refused, where, and the routing fields of the frame that could still be read.</summary>
/// <param name="Path">The JSON path of the offending key or value, e.g. <c>$.arguments_kv.list[2].name</c>.</param>
/// <param name="Message">What is wrong with it.</param>
/// <param name="Byte">The 1-based byte offset of the offending token in the frame.</param>
/// <param name="RequestId">The frame's <c>request_id</c>, when it is readable.</param>
/// <param name="Domain">The frame's <c>domain</c>, when it is readable.</param>
internal readonly record struct FrameProblem(string Path, string Message, long Byte, string? RequestId, string? Domain)
{
    /// <summary>The error's reason text.</summary>
    public string Reason => $"Invalid message: {Path}: {Message} (byte {Byte}).";
}
