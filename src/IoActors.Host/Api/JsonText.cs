using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace IoActors.Host.Api;

/// <summary>
/// Strings of a parsed JSON document that .NET may not be able to read: <see cref="JsonDocument"/> accepts lone surrogate
/// escapes (<c>"\udc00"</c>) and invalid UTF-8 inside strings, and only reading them (<see cref="JsonElement.GetString"/>,
/// serializing) throws. These helpers check them without throwing, describe them and read them leniently.
/// </summary>
internal static class JsonText
{
    private const int DescribeLimit = 40;

    /// <summary>Whether a string element reads as valid Unicode.</summary>
    public static bool IsReadable(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        return IsReadable(raw[1..^1], () => element.GetString());
    }

    /// <summary>The property's name, when it reads as valid Unicode.</summary>
    public static bool TryGetName(JsonProperty property, out string name)
    {
        if (IsReadable(JsonMarshal.GetRawUtf8PropertyName(property), () => property.Name))
        {
            name = property.Name;
            return true;
        }

        name = string.Empty;
        return false;
    }

    /// <summary>The string as written (escapes kept, invalid bytes as <c>\xFF</c>), quoted and cut to a readable length.</summary>
    public static string Describe(JsonElement element) => Describe(JsonMarshal.GetRawUtf8Value(element)[1..^1]);

    /// <summary>The property's name as written (see <see cref="Describe(JsonElement)"/>).</summary>
    public static string Describe(JsonProperty property) => Describe(JsonMarshal.GetRawUtf8PropertyName(property));

    /// <summary>A JSON path one member further: <c>$.name</c>, or <c>$['odd name']</c> when the name is not a plain identifier.</summary>
    public static string Member(string path, string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-') && !char.IsAsciiDigit(name[0])
            ? $"{path}.{name}"
            : $"{path}['{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";

    /// <summary>The string's value, with each lone surrogate and each invalid UTF-8 sequence replaced by U+FFFD.</summary>
    public static string ReadLenient(JsonElement element) =>
        IsReadable(element) ? element.GetString()! : Unescape(JsonMarshal.GetRawUtf8Value(element)[1..^1]);

    /// <summary>The property's name, read as <see cref="ReadLenient"/> does.</summary>
    public static string ReadLenientName(JsonProperty property) =>
        TryGetName(property, out var name) ? name : Unescape(JsonMarshal.GetRawUtf8PropertyName(property));

    private static bool IsReadable(ReadOnlySpan<byte> raw, Func<string?> read)
    {
        if (!Utf8.IsValid(raw))
        {
            return false;
        }

        if (raw.IndexOf((byte)'\\') < 0)
        {
            return true;
        }

        try
        {
            _ = read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Describe(ReadOnlySpan<byte> raw)
    {
        var text = new StringBuilder("\"");
        var position = 0;
        while (position < raw.Length && text.Length <= DescribeLimit)
        {
            if (Rune.DecodeFromUtf8(raw[position..], out var rune, out var consumed) == OperationStatus.Done)
            {
                text.Append(Rune.IsControl(rune) ? $"\\u{rune.Value:x4}" : rune.ToString());
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{raw[position]:X2}");
                consumed = 1;
            }

            position += consumed;
        }

        return text.Append(position < raw.Length ? "...\"" : "\"").ToString();
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

            if (!TryHex(raw, position, out var unit))
            {
                text.Append('\uFFFD');
                continue;
            }

            position += 4;
            if (char.IsHighSurrogate(unit) && position + 6 <= raw.Length && raw[position] == (byte)'\\' && raw[position + 1] == (byte)'u'
                && TryHex(raw, position + 2, out var low) && char.IsLowSurrogate(low))
            {
                text.Append(unit).Append(low);
                position += 6;
            }
            else
            {
                text.Append(char.IsSurrogate(unit) ? '\uFFFD' : unit);
            }
        }

        return text.ToString();
    }

    private static bool TryHex(ReadOnlySpan<byte> raw, int at, out char unit)
    {
        unit = default;
        if (at + 4 > raw.Length || !ushort.TryParse(Encoding.ASCII.GetString(raw.Slice(at, 4)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        unit = (char)value;
        return true;
    }
}
