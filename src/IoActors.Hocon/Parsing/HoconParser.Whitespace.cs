namespace IoActors.Hocon.Parsing;

/// <summary>Whitespace, newlines and comments (HOCON.md "Whitespace", "Comments"): skipping them and tracking the line.</summary>
internal sealed partial class HoconParser
{
    // Skips whitespace other than newlines. Returns true when something was skipped.
    private bool SkipSpace()
    {
        var start = _pos;
        while (_pos < _text.Length && HoconChars.IsSpace(_text[_pos]))
        {
            _pos++;
        }

        return _pos > start;
    }

    private bool AtComment() =>
        _pos < _text.Length && (_text[_pos] == '#' || (_text[_pos] == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '/'));

    // Skips whitespace, newlines and comments (HOCON.md "Comments"). Returns true when a newline was crossed.
    private bool SkipBlank()
    {
        var sawNewline = false;
        var text = _text;
        var pos = _pos;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c == ' ')
            {
                pos++;
            }
            else if (c == '\n')
            {
                pos++;
                _line++;
                _lineStart = pos;
                sawNewline = true;
            }
            else if (HoconChars.IsSpace(c))
            {
                pos++;
            }
            else if (c == '#' || (c == '/' && pos + 1 < text.Length && text[pos + 1] == '/'))
            {
                var newline = text.IndexOf('\n', pos);
                pos = newline < 0 ? text.Length : newline;
            }
            else
            {
                break;
            }
        }

        _pos = pos;
        return sawNewline;
    }
}
