using System.Buffers;
using System.Globalization;

namespace IoActors.Hocon.Parsing;

/// <summary>Character classes from HOCON.md ("Whitespace", "Unquoted strings").</summary>
internal static class HoconChars
{
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
        // Runs are short (keys, numbers, words), so a table lookup per character beats a vectorized search.
        var stops = AsciiStops;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (c < 128)
            {
                if (stops[c] || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
                {
                    break;
                }
            }
            else if (IsSpace(c))
            {
                break;
            }

            i++;
        }

        return i - start;
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
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool IsSpace(char c)
    {
        if (c < 128)
        {
            return c is ' ' or '\t' or '\v' or '\f' or '\r' || (c >= '\u001C' && c <= '\u001F');
        }

        return IsNonAsciiSpace(c);
    }

    private static bool IsNonAsciiSpace(char c)
    {
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
