using System.Text;
using System.Text.Json;

namespace IoActors.Gateway.Internal;

/// <summary>What kind of JSON value a payload field holds.</summary>
internal enum PayloadKind : byte
{
    /// <summary>The field is absent.</summary>
    None,

    /// <summary>A JSON object.</summary>
    Object,

    /// <summary>JSON null.</summary>
    Null,

    /// <summary>Any other value (array, string, number, boolean).</summary>
    Other,
}

/// <summary>Where a top-level field's value lies in its frame: its bytes are <c>frame[Start..(Start + Length)]</c>.</summary>
internal readonly record struct PayloadRange(int Start, int Length, PayloadKind Kind);

/// <summary>
/// The top-level routing fields of a frame and where its payloads (<c>arguments_kv</c>, <c>result</c>,
/// <c>context</c>) lie, as <see cref="FrameValidator"/> found them while checking it. Ids read as
/// <see cref="Wire.Id"/> would (strings, or numbers as their text); <c>type</c>, <c>domain</c> and <c>server_id</c>
/// as <see cref="Wire.Str"/> would (strings only). The first occurrence of a field counts.
/// </summary>
internal struct FrameScan
{
    public bool IsObject;
    public string? Type;
    public string? Domain;
    public string? RequestId;
    public string? ServerId;
    public string? MethodId;
    public string? InvocationId;
    public PayloadRange Arguments;
    public PayloadRange Result;
    public PayloadRange Context;

    /// <summary>Reads a top-level string field; false when it is not readable text (then nothing is taken).</summary>
    internal bool TakeString(string field, ref Utf8JsonReader reader, FrameValidator validator)
    {
        switch (field)
        {
            case "type":
                return Take(ref Type, ref reader, validator, interned: true);
            case "domain":
                return Take(ref Domain, ref reader, validator, interned: true);
            case "server_id":
                return Take(ref ServerId, ref reader, validator, interned: true);
            case "method_id":
                return Take(ref MethodId, ref reader, validator, interned: true);
            case "request_id":
                return Take(ref RequestId, ref reader, validator, interned: false);
            case "invocation_id":
                return Take(ref InvocationId, ref reader, validator, interned: false);
            default:
                // Only checked: the frame's other strings are read by whoever handles it.
                return FrameValidator.IsValidText(ref reader);
        }
    }

    /// <summary>Takes a top-level number as the text of an id field.</summary>
    internal void TakeNumber(string field, ReadOnlySpan<byte> number)
    {
        switch (field)
        {
            case "request_id":
                RequestId ??= Encoding.UTF8.GetString(number);
                break;
            case "method_id":
                MethodId ??= Encoding.UTF8.GetString(number);
                break;
            case "invocation_id":
                InvocationId ??= Encoding.UTF8.GetString(number);
                break;
        }
    }

    /// <summary>Notes where a top-level field's value lies, when it is one of the payloads.</summary>
    internal void SetPayload(string? field, PayloadRange range)
    {
        switch (field)
        {
            case "arguments_kv" when Arguments.Kind == PayloadKind.None:
                Arguments = range;
                break;
            case "result" when Result.Kind == PayloadKind.None:
                Result = range;
                break;
            case "context" when Context.Kind == PayloadKind.None:
                Context = range;
                break;
        }
    }

    private static bool Take(ref string? slot, ref Utf8JsonReader reader, FrameValidator validator, bool interned)
    {
        var ok = interned ? validator.TryReadInterned(ref reader, out var text) : FrameValidator.TryReadText(ref reader, out text);
        if (ok)
        {
            slot ??= text;
        }

        return ok;
    }
}
