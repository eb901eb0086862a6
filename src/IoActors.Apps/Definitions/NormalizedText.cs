using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <summary>
/// The normalizer's rewrite as an edit of the definition's own JSON text: the few values it fixes (<c>autoStart</c>,
/// <c>details.hidden</c>, a numeric <c>runPriority</c>) are replaced or appended in place and everything else is copied
/// byte for byte, so the result holds the same content, in the same key order, as writing the definition out property by
/// property would (only whitespace and comments may differ), at the cost of one copy instead of a serialization.
/// </summary>
internal static class NormalizedText
{
    /// <summary>The edited text, or <see langword="null"/> when the definition has a shape the edit does not handle (a
    /// <c>details</c> that is not an object, or <c>details.hidden</c> twice): the caller writes it out instead.</summary>
    public static byte[]? Splice(JsonElement json, bool fixAutoStart, bool fixHidden, bool fixRunPriority)
    {
        var raw = JsonMarshal.GetRawUtf8Value(json);
        var edits = new List<Edit>(4);
        var wroteAutoStart = false;
        var lastEnd = -1;
        foreach (var property in json.EnumerateObject())
        {
            var value = property.Value;
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            var escaped = name.IndexOf((byte)'\\') >= 0;
            if (fixAutoStart && (escaped ? property.NameEquals("autoStart"u8) : name.SequenceEqual("autoStart"u8)))
            {
                edits.Add(Replace(raw, value, "true"u8.ToArray()));
                wroteAutoStart = true;
            }
            else if (fixHidden && (escaped ? property.NameEquals("details"u8) : name.SequenceEqual("details"u8)))
            {
                if (value.ValueKind != JsonValueKind.Object || !SpliceHidden(raw, value, edits))
                {
                    return null;
                }
            }
            else if (fixRunPriority && (escaped ? property.NameEquals("runPriority"u8) : name.SequenceEqual("runPriority"u8)))
            {
                var written = JsonMarshal.GetRawUtf8Value(value);
                var prefix = "{\"stage\": \"core\", \"priority\": "u8;
                var replacement = new byte[prefix.Length + written.Length + 1];
                prefix.CopyTo(replacement);
                written.CopyTo(replacement.AsSpan(prefix.Length));
                replacement[^1] = (byte)'}';
                edits.Add(Replace(raw, value, replacement));
            }

            lastEnd = End(raw, value);
        }

        if (fixAutoStart && !wroteAutoStart)
        {
            edits.Add(lastEnd < 0 ? new Edit(1, 0, "\"autoStart\": true"u8.ToArray()) : new Edit(lastEnd, 0, ", \"autoStart\": true"u8.ToArray()));
        }

        return Apply(raw, edits);
    }

    private static bool SpliceHidden(ReadOnlySpan<byte> raw, JsonElement details, List<Edit> edits)
    {
        var found = false;
        var lastEnd = -1;
        foreach (var property in details.EnumerateObject())
        {
            if (property.NameEquals("hidden"u8))
            {
                if (found)
                {
                    return false;
                }

                found = true;
                edits.Add(Replace(raw, property.Value, "true"u8.ToArray()));
            }

            lastEnd = End(raw, property.Value);
        }

        if (!found)
        {
            edits.Add(lastEnd < 0 ? new Edit(Start(raw, details) + 1, 0, "\"hidden\": true"u8.ToArray()) : new Edit(lastEnd, 0, ", \"hidden\": true"u8.ToArray()));
        }

        return true;
    }

    private static Edit Replace(ReadOnlySpan<byte> raw, JsonElement value, byte[] replacement) =>
        new(Start(raw, value), JsonMarshal.GetRawUtf8Value(value).Length, replacement);

    private static int Start(ReadOnlySpan<byte> raw, JsonElement value) =>
        (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(raw), ref MemoryMarshal.GetReference(JsonMarshal.GetRawUtf8Value(value)));

    private static int End(ReadOnlySpan<byte> raw, JsonElement value) => Start(raw, value) + JsonMarshal.GetRawUtf8Value(value).Length;

    private static byte[] Apply(ReadOnlySpan<byte> raw, List<Edit> edits)
    {
        var length = raw.Length;
        foreach (var edit in edits)
        {
            length += edit.Replacement.Length - edit.Length;
        }

        var result = new byte[length];
        var from = 0;
        var to = 0;
        foreach (var edit in edits)
        {
            raw[from..edit.Offset].CopyTo(result.AsSpan(to));
            to += edit.Offset - from;
            edit.Replacement.CopyTo(result.AsSpan(to));
            to += edit.Replacement.Length;
            from = edit.Offset + edit.Length;
        }

        raw[from..].CopyTo(result.AsSpan(to));
        return result;
    }

    private readonly record struct Edit(int Offset, int Length, byte[] Replacement);
}
