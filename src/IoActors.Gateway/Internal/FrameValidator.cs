using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace IoActors.Gateway.Internal;

/// <summary>
/// Checks a client frame where it enters, before it becomes a <see cref="System.Text.Json.Nodes.JsonNode"/>: every key
/// and string must be text .NET can read (valid UTF-8, no unpaired UTF-16 surrogate escape such as <c>"\udc00"</c>),
/// and no object may repeat a key. A frame that breaks a rule would throw wherever an actor reads it; here it becomes
/// a protocol error naming the JSON path. One instance per connection (its read loop), reused for every frame.
/// </summary>
internal sealed class FrameValidator
{
    private const int MaxDepth = 64;

    // The open containers, outermost first; their key sets are reused across frames.
    private readonly List<Container> _stack = [];
    private readonly Stack<HashSet<string>> _freeKeySets = new();

    /// <summary>Checks one frame. Malformed JSON throws <see cref="JsonException"/> (with line and byte), as the parser would.</summary>
    /// <returns>Null when the frame may be parsed; otherwise the first problem and the frame's readable routing fields.</returns>
    public FrameProblem? Check(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        FrameProblem? problem = null;
        string? requestId = null;
        string? domain = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        NextElement();
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
                        break;
                    case JsonTokenType.PropertyName:
                    {
                        var top = _stack[^1];
                        if (!TryReadText(ref reader, out var key))
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
                    {
                        NextElement();
                        if (!TryReadText(ref reader, out var text))
                        {
                            problem ??= Problem(reader, "the string is not valid text (an unpaired UTF-16 surrogate escape such as \\udc00, or invalid UTF-8)");
                        }
                        else if (_stack.Count == 1 && _stack[0].Name is { } field)
                        {
                            // The routing fields of a frame, so an error about it can still reach the right request.
                            if (field == "request_id")
                            {
                                requestId ??= text;
                            }
                            else if (field == "domain")
                            {
                                domain ??= text;
                            }
                        }

                        break;
                    }

                    case JsonTokenType.Number:
                        NextElement();
                        if (_stack.Count == 1 && _stack[0].Name == "request_id")
                        {
                            requestId ??= Encoding.UTF8.GetString(reader.ValueSpan);
                        }

                        break;
                    default:
                        NextElement();
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

        return problem is null ? null : problem.Value with { RequestId = requestId, Domain = domain };
    }

    private static bool TryReadText(ref Utf8JsonReader reader, out string text)
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
