using System.Buffers;
using System.Globalization;

namespace IoActors.Hocon.Parsing;

/// <summary>Character classes from HOCON.md ("Whitespace", "Unquoted strings").</summary>
internal static class HoconChars
{
    /// <summary>Every character that can end an unquoted run: forbidden characters, '/', the newline and all whitespace (HOCON.md "Whitespace").</summary>
    public static readonly SearchValues<char> UnquotedStops = SearchValues.Create(BuildStopList());

    /// <summary>The characters that end the plain part of a quoted string.</summary>
    public static readonly SearchValues<char> QuotedStops = SearchValues.Create(BuildQuotedStopList());

    // ASCII characters that end an unquoted string: forbidden characters, whitespace, the newline and '#'.
    private static readonly bool[] AsciiStops = BuildStops();

    /// <summary>True when the character at <paramref name="index"/> ends an unquoted string (including the start of a // comment).</summary>
    public static bool EndsUnquoted(string text, int index)
    {
        var c = text[index];
        if (c < 128)
        {
            return AsciiStops[c] || (c == '/' && index + 1 < text.Length && text[index + 1] == '/');
        }

        return IsSpace(c);
    }

    /// <summary>The length of the unquoted run starting at <paramref name="start"/> (up to a stop character or "//").</summary>
    public static int UnquotedRunLength(string text, int start)
    {
        var span = text.AsSpan(start);
        var offset = 0;
        while (true)
        {
            var next = span[offset..].IndexOfAny(UnquotedStops);
            if (next < 0)
            {
                return span.Length;
            }

            offset += next;
            if (span[offset] == '/' && !(offset + 1 < span.Length && span[offset + 1] == '/'))
            {
                offset++;
                continue;
            }

            return offset;
        }
    }

    private static string BuildStopList()
    {
        var list = new System.Text.StringBuilder("/");
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            if (ch == '\n' || IsSpace(ch) || IsForbidden(ch))
            {
                list.Append(ch);
            }
        }

        return list.ToString();
    }

    private static string BuildQuotedStopList()
    {
        var list = new System.Text.StringBuilder("\"\\");
        for (var c = 0; c < 0x20; c++)
        {
            list.Append((char)c);
        }

        return list.ToString();
    }

    private static bool[] BuildStops()
    {
        var stops = new bool[128];
        for (var c = 0; c < 128; c++)
        {
            var ch = (char)c;
            stops[c] = ch == '\n' || IsSpace(ch) || IsForbidden(ch);
        }

        return stops;
    }

    /// <summary>Whitespace other than the newline (HOCON.md "Whitespace"), including the BOM and Unicode separators.</summary>
    public static bool IsSpace(char c)
    {
        if (c < 128)
        {
            return c is ' ' or '\t' or '\v' or '\f' or '\r' || (c >= '\u001C' && c <= '\u001F');
        }

        if (c == '\uFEFF')
        {
            return true;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return category is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
    }

    /// <summary>The "forbidden characters" that end an unquoted string.</summary>
    public static bool IsForbidden(char c) =>
        c is '$' or '"' or '{' or '}' or '[' or ']' or ':' or '=' or ',' or '+' or '#' or '`' or '^' or '?' or '!' or '@' or '*' or '&' or '\\';

    /// <summary>True when <paramref name="text"/> is a number in JSON syntax.</summary>
    public static bool IsJsonNumber(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i >= text.Length)
        {
            return false;
        }

        if (text[i] == '0')
        {
            i++;
        }
        else if (text[i] >= '1' && text[i] <= '9')
        {
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }
        else
        {
            return false;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    /// <summary>Describes a character for an error message.</summary>
    public static string Describe(char c) => c switch
    {
        '\n' => "end of line",
        '\r' => "'\\r'",
        '\t' => "'\\t'",
        _ when char.IsControl(c) => $"U+{(int)c:X4}",
        _ => $"'{c}'",
    };
}
