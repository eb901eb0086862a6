using IoActors.Hocon.Resolution;

namespace IoActors.Hocon.Parsing;

/// <summary>Values: value concatenation, single values (objects, strings, substitutions, unquoted scalars) and arrays.</summary>
internal sealed partial class HoconParser
{
    // A value, or a value concatenation of several on one line (HOCON.md "Value concatenation").
    private HoconSlot ParseValue(HoconFieldKey key)
    {
        HoconSlot first = default;
        var any = false;
        List<HoconValue>? parts = null;
        var origin = At;
        while (true)
        {
            var spaceStart = _pos;
            var spaceOrigin = At;
            SkipSpace();
            if (AtEnd)
            {
                break;
            }

            var c = Current;
            if (c is '\n' or ',' or '}' or ']' || AtComment())
            {
                break;
            }

            var space = any && _pos > spaceStart ? _text[spaceStart.._pos] : null;
            var value = ParseSingle(key);
            if (!any)
            {
                first = value;
                any = true;
                continue;
            }

            parts ??= [first.ToValue(_file)];
            if (space is not null)
            {
                parts.Add(new HoconScalar(HoconValueKind.String, space, spaceOrigin, isWhitespace: true));
            }

            parts.Add(value.ToValue(_file));
        }

        if (!any)
        {
            var found = AtEnd ? "end of file" : HoconChars.Describe(Current);
            throw Error($"expected a value, found {found}");
        }

        if (parts is null)
        {
            return first;
        }

        return HoconMerger.Concatenate(parts, origin, _context);
    }

    private HoconSlot ParseSingle(HoconFieldKey key)
    {
        var origin = At;
        var c = Current;
        switch (c)
        {
            case '{':
            {
                _pos++;
                Enter();
                var obj = new HoconObject(origin);
                var pathLength = _path.Count;
                key.AppendTo(_path);
                ParseFieldsWithScratch(obj, braces: true);
                _path.RemoveRange(pathLength, _path.Count - pathLength);
                _depth--;
                return obj;
            }

            case '[':
                return ParseArray(key);
            case '"':
            {
                if (IsTripleQuote())
                {
                    return HoconScalar.String(ReadTripleQuoted(), origin);
                }

                // A string without escapes is a slice of the text: its string is made when first read.
                var plain = PlainQuotedLength(_text, _pos + 1);
                if (plain >= 0)
                {
                    var quoted = HoconSlot.Slice(_file, HoconValueKind.String, _pos, plain, quoted: true);
                    _pos += plain + 2;
                    return quoted;
                }

                return HoconScalar.String(ReadQuoted(), origin);
            }

            case '$':
                if (_pos + 1 < _text.Length && _text[_pos + 1] == '{')
                {
                    return ParseSubstitution();
                }

                throw Error("unexpected '$': substitutions are written ${path}; quote the text to use '$' literally");
        }

        if (HoconChars.IsForbidden(c))
        {
            throw Error($"unexpected {HoconChars.Describe(c)}: expected a value (quote the text to use this character)");
        }

        // HOCON.md "Unquoted strings": a run of allowed characters; a run that is exactly true/false/null or a
        // number keeps that type, anything else (e.g. `10ms`, `truefoo`) is a string with the same text.
        var start = _pos;
        _pos += HoconChars.UnquotedRunLength(_text, _pos);

        var span = _text.AsSpan(start, _pos - start);
        switch (span[0])
        {
            case 't' when span.SequenceEqual("true"):
            case 'f' when span.SequenceEqual("false"):
                return HoconSlot.Slice(_file, HoconValueKind.Boolean, start, span.Length, quoted: false);
            case 'n' when span.SequenceEqual("null"):
                return HoconSlot.Slice(_file, HoconValueKind.Null, start, span.Length, quoted: false);
        }

        var kind = (char.IsAsciiDigit(span[0]) || span[0] == '-') && HoconChars.IsJsonNumber(span) ? HoconValueKind.Number : HoconValueKind.String;
        return HoconSlot.Slice(_file, kind, start, span.Length, quoted: false);
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Error($"objects and arrays are nested more than {MaxDepth} deep");
        }
    }

    private HoconArray ParseArray(HoconFieldKey key)
    {
        var array = new HoconArray(At);
        var openedAt = Here;
        _pos++;
        Enter();
        var canTakeComma = false;
        var needSeparator = false;
        while (true)
        {
            var sawNewline = SkipBlank();
            if (AtEnd)
            {
                throw Error($"expected ']' to close the array opened at line {openedAt.Line}, column {openedAt.Column}, found end of file");
            }

            var c = Current;
            if (c == ']')
            {
                _pos++;
                _depth--;
                array.TrimExcess();
                return array;
            }

            if (c == ',')
            {
                if (!canTakeComma)
                {
                    throw Error("unexpected ',': expected an array element (two commas in a row, or a comma before the first element)");
                }

                _pos++;
                canTakeComma = false;
                needSeparator = false;
                continue;
            }

            if (needSeparator && !sawNewline)
            {
                throw Error($"expected ',' or a newline between array elements, found {HoconChars.Describe(c)}");
            }

            if (c == '}')
            {
                throw Error("unexpected '}': expected an array element or ']'");
            }

            var element = ParseValue(key);
            array.Add(element, _file);
            if (element.Value is { NeedsResolution: true })
            {
                array.HasUnresolved = true;
            }

            canTakeComma = true;
            needSeparator = true;
        }
    }
}
