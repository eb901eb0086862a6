using System.Globalization;
using System.Text;

namespace IoActors.Host.Logging;

/// <summary>
/// Makes text safe to print on one console line: control characters (CR, LF, ESC, NUL, ...) and the Unicode line and
/// paragraph separators become visible escapes (<c>\r</c>, <c>\n</c>, <c>\t</c>, <c>\u001b</c>), so a value can neither
/// start a forged line nor drive the terminal.
/// </summary>
internal static class ControlCharacters
{
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(i => (char)i), .. Enumerable.Range(0x7F, 0x21).Select(i => (char)i), '\u2028', '\u2029']);

    /// <summary>The text with its control characters escaped (the same instance when there are none).</summary>
    public static string Escape(string text)
    {
        var first = text.AsSpan().IndexOfAny(Special);
        if (first < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    escaped.Append("\\r");
                    break;
                case '\n':
                    escaped.Append("\\n");
                    break;
                case '\t':
                    escaped.Append("\\t");
                    break;
                default:
                    if (IsSpecial(c))
                    {
                        escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    }
                    else
                    {
                        escaped.Append(c);
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    private static bool IsSpecial(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
