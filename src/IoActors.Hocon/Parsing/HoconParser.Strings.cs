using System.Text;

namespace IoActors.Hocon.Parsing;

/// <summary>Quoted strings: the length of a plain (escape-free) one, <c>"""</c> multi-line strings, and JSON strings with their escapes.</summary>
internal sealed partial class HoconParser
{
    // The length of a quoted string's text from `start` (past the opening quote) when it ends at a '"' with no escape or
    // control character before it; otherwise -1 (ReadQuoted then reads it, or reports what is wrong). Most strings are
    // short: their first characters are looked at one by one, and only a longer one is searched vectorized.
    private static int PlainQuotedLength(string text, int start)
    {
        var limit = Math.Min(text.Length, start + 24);
        for (var i = start; i < limit; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                return i - start;
            }

            if (c == '\\' || c < ' ')
            {
                return -1;
            }
        }

        if (limit == text.Length)
        {
            return -1;
        }

        var rest = text.AsSpan(limit).IndexOfAny(HoconChars.QuotedStops);
        return rest >= 0 && text[limit + rest] == '"' ? limit + rest - start : -1;
    }

    private bool IsTripleQuote() =>
        _pos + 2 < _text.Length && _text[_pos] == '"' && _text[_pos + 1] == '"' && _text[_pos + 2] == '"';

    // HOCON.md "Multi-line strings": everything up to the closing """; extra quotes before it belong to the string.
    private string ReadTripleQuoted()
    {
        var origin = Here;
        var start = _pos + 3;
        var end = _text.IndexOf("\"\"\"", start, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error("unterminated \"\"\" string: expected a closing \"\"\"", origin);
        }

        while (end + 3 < _text.Length && _text[end + 3] == '"')
        {
            end++;
        }

        for (var i = start; i < end; i++)
        {
            if (_text[i] == '\n')
            {
                _line++;
                _lineStart = i + 1;
            }
        }

        _pos = end + 3;
        return _context.InternKey(_text.AsSpan(start, end - start));
    }

    // A JSON string with JSON escapes; control characters (including newlines) must be escaped.
    private string ReadQuoted()
    {
        var origin = Here;
        _pos++;
        var start = _pos;
        var stop = _text.AsSpan(start).IndexOfAny(HoconChars.QuotedStops);
        _pos = stop < 0 ? _text.Length : start + stop;
        if (_pos < _text.Length && _text[_pos] == '"')
        {
            var simple = _text[start.._pos];
            _pos++;
            return simple;
        }

        var builder = new StringBuilder();
        builder.Append(_text, start, _pos - start);
        while (true)
        {
            if (AtEnd)
            {
                throw Error("unterminated string: expected a closing '\"' before end of file", origin);
            }

            var c = Current;
            if (c == '"')
            {
                _pos++;
                return builder.ToString();
            }

            if (c == '\n')
            {
                throw Error("unterminated string: expected a closing '\"' before end of line (use \"\"\" for multi-line text)", origin);
            }

            if (c < ' ')
            {
                throw Error($"control character {HoconChars.Describe(c)} in a quoted string: use an escape such as \\t");
            }

            if (c != '\\')
            {
                builder.Append(c);
                _pos++;
                continue;
            }

            if (_pos + 1 >= _text.Length)
            {
                throw Error("unterminated string: expected a closing '\"' before end of file", origin);
            }

            var escape = _text[_pos + 1];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_pos + 6 > _text.Length || !ushort.TryParse(_text.AsSpan(_pos + 2, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code))
                    {
                        throw Error("invalid \\u escape: expected four hexadecimal digits");
                    }

                    builder.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    throw Error($"invalid escape '\\{escape}' in a quoted string: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
            }

            _pos += 2;
        }
    }
}
