using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using IoActors.Apps.Definitions;

namespace IoActors.Host.Api;

/// <summary>
/// Lenient reading of stored strings for output: <see cref="JsonDocument"/> accepts lone surrogate escapes
/// (<c>"\udc00"</c>) and invalid UTF-8 inside strings, and only reading them (<see cref="JsonElement.GetString"/>,
/// serializing) throws. Whether a string can be read is <see cref="JsonStrings"/>' test; these read the others too.
/// </summary>
internal static class JsonText
{
    /// <summary>The string's value, with each lone surrogate and each invalid UTF-8 sequence replaced by U+FFFD.</summary>
    public static string ReadLenient(JsonElement element) =>
        JsonStrings.TryGetString(element) ?? Unescape(JsonMarshal.GetRawUtf8Value(element)[1..^1]);

    /// <summary>The property's name, read as <see cref="ReadLenient"/> does.</summary>
    public static string ReadLenientName(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        return JsonStrings.Problem(raw) is null ? property.Name : Unescape(raw);
    }

    // The JSON escapes of a string's raw UTF-8, leniently: an unpaired surrogate escape and invalid UTF-8 become U+FFFD.
    private static string Unescape(ReadOnlySpan<byte> raw)
    {
        var text = new StringBuilder(raw.Length);
        var position = 0;
        while (position < raw.Length)
        {
            var escape = raw[position..].IndexOf((byte)'\\');
            var plain = escape < 0 ? raw[position..] : raw.Slice(position, escape);
            text.Append(Encoding.UTF8.GetString(plain));
            position += plain.Length;
            if (escape < 0 || position + 1 >= raw.Length)
            {
                break;
            }

            var code = raw[position + 1];
            position += 2;
            if (code != (byte)'u')
            {
                text.Append(code switch
                {
                    (byte)'b' => '\b',
                    (byte)'f' => '\f',
                    (byte)'n' => '\n',
                    (byte)'r' => '\r',
                    (byte)'t' => '\t',
                    _ => (char)code,
                });
                continue;
            }

            if (!JsonStrings.TryHex(raw, position, out var unit))
            {
                text.Append('\uFFFD');
                continue;
            }

            position += 4;
            if (char.IsHighSurrogate((char)unit) && position + 6 <= raw.Length && raw[position] == (byte)'\\' && raw[position + 1] == (byte)'u'
                && JsonStrings.TryHex(raw, position + 2, out var low) && char.IsLowSurrogate((char)low))
            {
                text.Append((char)unit).Append((char)low);
                position += 6;
            }
            else
            {
                text.Append(char.IsSurrogate((char)unit) ? '\uFFFD' : (char)unit);
            }
        }

        return text.ToString();
    }
}
