using System.Text;

namespace IoActors.Hocon.Parsing;

/// <summary>Keys and paths: the fast path for simple keys, the separator look-ahead, path expressions and path arrays.</summary>
internal sealed partial class HoconParser
{
    // The common key shapes, `name`, `a.b.c` or `"name"` right before the separator, without building a path.
    private bool TryParseSimpleKey(out HoconFieldKey result)
    {
        var start = _pos;
        string key;
        result = default;
        if (Current == '"')
        {
            if (IsTripleQuote())
            {
                return false;
            }

            var line = _line;
            var lineStart = _lineStart;
            var close = PlainQuotedLength(_text, start + 1);
            if (close >= 0)
            {
                key = _context.InternKey(_text.AsSpan(start + 1, close));
                _pos = start + close + 2;
            }
            else
            {
                key = ReadQuoted();
            }

            if (!AtSeparatorAfterSpace())
            {
                _pos = start;
                _line = line;
                _lineStart = lineStart;
                return false;
            }

            result = new HoconFieldKey(key);
            return true;
        }

        var run = HoconChars.UnquotedRunLength(_text, start);
        var end = start + run;
        if (run == 0 || end >= _text.Length)
        {
            return false;
        }

        _pos = end;
        if (!AtSeparatorAfterSpace())
        {
            _pos = start;
            return false;
        }

        var span = _text.AsSpan(start, run);
        if (!span.Contains('.'))
        {
            result = new HoconFieldKey(_context.InternKey(span));
            return true;
        }

        // A dotted key: empty elements (leading, trailing or double dots) are left to ParsePath to report.
        if (span[0] == '.' || span[^1] == '.' || span.IndexOf("..") >= 0)
        {
            _pos = start;
            return false;
        }

        result = new HoconFieldKey(_context.InternPath(span));
        return true;
    }

    // Whether a separator follows, past whitespace, newlines and comments (positions are not moved: ParseField skips them).
    private bool AtSeparatorAfterSpace()
    {
        var text = _text;
        var probe = _pos;
        while (probe < text.Length)
        {
            var c0 = text[probe];
            if (c0 == '\n' || HoconChars.IsSpace(c0))
            {
                probe++;
            }
            else if (c0 == '#' || (c0 == '/' && probe + 1 < text.Length && text[probe + 1] == '/'))
            {
                var newline = text.IndexOf('\n', probe);
                probe = newline < 0 ? text.Length : newline;
            }
            else
            {
                break;
            }
        }

        if (probe >= text.Length)
        {
            return false;
        }

        var c = _text[probe];
        return c is ':' or '=' or '{' || (c == '+' && probe + 1 < _text.Length && _text[probe + 1] == '=');
    }

    // The path of the object being parsed, followed by `last`.
    private string[] PathArray(string[]? last)
    {
        var result = new string[_path.Count + (last?.Length ?? 0)];
        _path.CopyTo(result);
        last?.CopyTo(result, _path.Count);
        return result;
    }

    private static string[] Concat(string[] left, string[] right)
    {
        if (left.Length == 0)
        {
            return right;
        }

        var result = new string[left.Length + right.Length];
        left.CopyTo(result, 0);
        right.CopyTo(result, left.Length);
        return result;
    }

    // HOCON.md "Path expressions": quoted parts are taken whole, `.` outside quotes separates elements,
    // whitespace between parts is kept, empty elements must be quoted.
    private string[] ParsePath(bool forSubstitution)
    {
        var segments = new List<string>(4);
        var current = (_scratch ??= new StringBuilder()).Clear();
        var currentHasContent = false;
        var any = false;
        var startOrigin = Here;
        while (true)
        {
            var spaceStart = _pos;
            SkipSpace();
            if (AtEnd)
            {
                break;
            }

            var c = Current;
            if (c == '"')
            {
                if (any)
                {
                    current.Append(_text, spaceStart, _pos - spaceStart);
                }

                current.Append(IsTripleQuote() ? ReadTripleQuoted() : ReadQuoted());
                currentHasContent = true;
                any = true;
                continue;
            }

            if (c == '\n' || HoconChars.IsForbidden(c) || AtComment())
            {
                break;
            }

            if (any)
            {
                current.Append(_text, spaceStart, _pos - spaceStart);
            }

            any = true;
            while (_pos < _text.Length)
            {
                c = _text[_pos];
                if (c == '\n' || HoconChars.IsSpace(c) || HoconChars.IsForbidden(c) || AtComment())
                {
                    break;
                }

                if (c == '.')
                {
                    if (!currentHasContent)
                    {
                        throw Error("empty path element: a path may not start or end with '.' or contain '..' (quote an empty key as \"\")");
                    }

                    segments.Add(current.ToString());
                    current.Clear();
                    currentHasContent = false;
                }
                else
                {
                    current.Append(c);
                    currentHasContent = true;
                }

                _pos++;
            }
        }

        if (!any)
        {
            var found = AtEnd ? "end of file" : HoconChars.Describe(Current);
            throw Error(forSubstitution ? $"expected a path inside '${{ }}', found {found}" : $"expected a key, found {found}");
        }

        if (!currentHasContent)
        {
            throw Error("empty path element: a path may not start or end with '.' or contain '..' (quote an empty key as \"\")", startOrigin);
        }

        segments.Add(current.ToString());
        return [.. segments];
    }
}
