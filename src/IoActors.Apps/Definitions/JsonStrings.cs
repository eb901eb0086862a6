using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace IoActors.Apps.Definitions;

/// <summary>
/// Whether JSON string text can become a .NET string. <see cref="JsonDocument"/> accepts strings that cannot (an unpaired
/// surrogate escape such as <c>"\udc00"</c>, bytes that are not UTF-8) and throws only when one is read, written or compared;
/// these checks find them without throwing so that input is rejected where it enters.
/// </summary>
internal static class JsonStrings
{
    /// <summary>
    /// A cheap test of a whole input (vectorized searches, no tokenizing): <see langword="false"/> means every string in it
    /// can be read; <see langword="true"/> means one may not (a surrogate escape or a byte that is not UTF-8 occurs somewhere,
    /// possibly in a comment or a valid pair) and <see cref="JsonInputCheck.Scan"/> must decide.
    /// </summary>
    public static bool MayHaveInvalidStrings(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            return true;
        }

        var rest = utf8;
        while (true)
        {
            var at = rest.IndexOf("\\u"u8);
            if (at < 0 || at + 3 >= rest.Length)
            {
                return false;
            }

            // \uD800..\uDFFF: 'd' or 'D', then 8, 9, a-f or A-F.
            if ((rest[at + 2] | 0x20) == 'd' && rest[at + 3] is (>= (byte)'8' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F'))
            {
                return true;
            }

            rest = rest[(at + 2)..];
        }
    }

    /// <summary>
    /// Checks the text of one string token as it stands in the JSON (between the quotes, escapes not yet decoded).
    /// </summary>
    /// <param name="raw">The bytes between the quotes.</param>
    /// <returns><see langword="null"/> when it is a valid string; otherwise what is wrong, e.g. <c>an unpaired surrogate escape \udc00</c>.</returns>
    public static string? Problem(ReadOnlySpan<byte> raw)
    {
        var i = 0;
        while (i < raw.Length)
        {
            var b = raw[i];
            if (b < 0x80 && b != '\\')
            {
                i++;
                continue;
            }

            if (b != '\\')
            {
                var status = Rune.DecodeFromUtf8(raw[i..], out _, out var consumed);
                if (status != System.Buffers.OperationStatus.Done)
                {
                    return $"bytes that are not UTF-8 (0x{raw[i]:X2} at byte {i + 1} of the string)";
                }

                i += consumed;
                continue;
            }

            if (i + 1 >= raw.Length)
            {
                return "an incomplete escape at its end";
            }

            if (raw[i + 1] != 'u')
            {
                i += 2;
                continue;
            }

            if (!TryHex(raw, i + 2, out var unit))
            {
                return $"an incomplete escape {Shown(raw, i, 6)}";
            }

            if (unit is >= 0xDC00 and <= 0xDFFF)
            {
                return $"an unpaired surrogate escape {Shown(raw, i, 6)} (a low surrogate without a high one before it)";
            }

            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                if (raw.Length >= i + 12 && raw[i + 6] == '\\' && raw[i + 7] == 'u' && TryHex(raw, i + 8, out var low) && low is >= 0xDC00 and <= 0xDFFF)
                {
                    i += 12;
                    continue;
                }

                return $"an unpaired surrogate escape {Shown(raw, i, 6)} (a high surrogate without a low one after it)";
            }

            i += 6;
        }

        return null;
    }

    /// <summary>The string value of the current string or property-name token, or <see langword="null"/> when it cannot be read (see <see cref="Problem"/>).</summary>
    public static string? TryGetString(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Utf8.IsValid(reader.ValueSpan) ? Encoding.UTF8.GetString(reader.ValueSpan) : null;
        }

        return Problem(reader.ValueSpan) is null ? reader.GetString() : null;
    }

    /// <summary>The value of a string element, or <see langword="null"/> when it is not a string or cannot be read.</summary>
    public static string? TryGetString(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value);
        return Problem(raw[1..^1]) is null ? value.GetString() : null;
    }

    /// <summary>
    /// JSON text as written, for messages: escapes stay as they are, a byte that is not UTF-8 shows as <c>\xFF</c>, and text
    /// past <paramref name="max"/> characters is cut to end in <c>...</c> (only what is shown is decoded).
    /// </summary>
    public static string ShowRaw(ReadOnlySpan<byte> json, int max = 60)
    {
        var text = new StringBuilder(Math.Min(json.Length, max));
        var i = 0;
        while (i < json.Length && text.Length <= max)
        {
            if (Rune.DecodeFromUtf8(json[i..], out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune.ToString());
            }
            else
            {
                text.Append("\\x").Append(json[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                consumed = 1;
            }

            i += consumed;
        }

        if (i >= json.Length && text.Length <= max)
        {
            return text.ToString();
        }

        // Cut between characters, never inside a surrogate pair.
        var cut = char.IsHighSurrogate(text[max - 4]) ? max - 4 : max - 3;
        return string.Concat(text.ToString(0, cut), "...");
    }

    /// <summary>The UTF-16 code unit of the four hex digits at <paramref name="start"/> (of a <c>\u</c> escape), when there are four.</summary>
    public static bool TryHex(ReadOnlySpan<byte> raw, int start, out int value)
    {
        value = 0;
        if (start + 4 > raw.Length || !Utf8Parser.TryParse(raw.Slice(start, 4), out ushort unit, out var consumed, 'X') || consumed != 4)
        {
            return false;
        }

        value = unit;
        return true;
    }

    private static string Shown(ReadOnlySpan<byte> raw, int start, int length) =>
        Encoding.UTF8.GetString(raw.Slice(start, Math.Min(length, raw.Length - start)));
}
