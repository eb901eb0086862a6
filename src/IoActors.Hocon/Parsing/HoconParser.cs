using System.Text;
using IoActors.Hocon.Resolution;

namespace IoActors.Hocon.Parsing;

/// <summary>
/// Parses one HOCON text into an unresolved tree (objects merged as they are read; substitutions kept as nodes).
/// A single forward pass over the characters; every method either consumes input or throws, so it cannot loop.
/// </summary>
internal sealed class HoconParser
{
    // Nesting deeper than this is certainly not a configuration; it would only risk the stack.
    private const int MaxDepth = 256;

    private readonly string _text;
    private readonly string? _source;
    private readonly HoconSourceText _file;
    private readonly string? _directory;
    private readonly HoconParseContext _context;

    // The path of the object an included file was included into; prefixes every substitution in this file.
    private readonly string[] _prefix;
    private StringBuilder? _scratch;

    // The keys of the objects being parsed, outermost first (starting with the prefix); only turned into an array for += and include.
    private readonly List<string> _path;

    // Per nesting depth, the array the fields of the object being parsed there are collected in before they are
    // copied to an array of the exact size (objects would otherwise be left with up to half their array unused).
    private readonly List<HoconFieldMap.Entry[]> _fieldScratch;
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private int _depth;

    public HoconParser(string text, string? source, string? directory, HoconParseContext context, string[] prefix)
    {
        _text = text;
        _source = source;
        _file = new HoconSourceText(source, text);
        _directory = directory;
        _context = context;
        _prefix = prefix;
        _path = new List<string>(prefix.Length + 8);
        _path.AddRange(prefix);

        // The main text's parser works in the context's pooled arrays; an included file's parser (which runs while the
        // arrays of the depths above it are in use) has its own.
        _fieldScratch = context.TakeFieldScratch() ?? [];
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _text[_pos];

    private HoconOrigin Here => new(_source, _line, _pos - _lineStart + 1);

    // The current position in the compact form values store (line and column are computed only if asked for).
    private HoconOriginRef At => new(_file, _pos);

    /// <summary>Parses the whole text; the root must be an object (braces optional) — HOCON.md "Omit root braces".</summary>
    public HoconObject ParseRoot()
    {
        SkipBlank();
        if (!AtEnd && Current == '[')
        {
            throw Error("expected an object at the root of the file, found an array");
        }

        var root = new HoconObject(At);
        if (!AtEnd && Current == '{')
        {
            _pos++;
            ParseFieldsWithScratch(root, braces: true);
            SkipBlank();
            if (!AtEnd)
            {
                throw Error($"expected end of file after the closing '}}', found {HoconChars.Describe(Current)}");
            }
        }
        else
        {
            ParseFieldsWithScratch(root, braces: false);
        }

        return root;
    }

    /// <summary>Parses a path expression such as <c>a.b."c.d"</c> (HOCON.md "Path expressions").</summary>
    public static string[] ParsePathExpression(string path)
    {
        if (path.Length > 0 && path.AsSpan().IndexOfAny("\"\\ \t$") < 0 && path[0] != '.' && path[^1] != '.' && !path.Contains("..", StringComparison.Ordinal))
        {
            return path.Split('.');
        }

        var parser = new HoconParser(path, "path", null, new HoconParseContext(HoconParseOptions.Default), []);
        var result = parser.ParsePath(forSubstitution: true);
        parser.SkipSpace();
        if (!parser.AtEnd)
        {
            throw parser.Error($"invalid path '{path}': unexpected {HoconChars.Describe(parser.Current)}");
        }

        return result;
    }

    private HoconException Error(string reason) => new(reason, Here);

    private HoconException Error(string reason, HoconOrigin origin) => new(reason, origin);

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

    private void SkipComment()
    {
        var newline = _text.IndexOf('\n', _pos);
        _pos = newline < 0 ? _text.Length : newline;
    }

    private void NewLine()
    {
        _pos++;
        _line++;
        _lineStart = _pos;
    }

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

    private void ParseFieldsWithScratch(HoconObject target, bool braces)
    {
        var depth = _depth;
        while (_fieldScratch.Count <= depth)
        {
            _fieldScratch.Add(new HoconFieldMap.Entry[16]);
        }

        target.UseScratch(_fieldScratch[depth]);
        ParseFields(target, braces);
        _fieldScratch[depth] = target.ReturnScratch();
    }

    // HOCON.md "Commas": fields may be separated by a comma or a newline; one trailing comma is allowed.
    private void ParseFields(HoconObject target, bool braces)
    {
        var openedAt = Here;
        var canTakeComma = false;
        var needSeparator = false;
        while (true)
        {
            var sawNewline = SkipBlank();
            if (AtEnd)
            {
                if (braces)
                {
                    throw Error($"expected '}}' to close the object opened at line {openedAt.Line}, column {openedAt.Column - 1}, found end of file");
                }

                return;
            }

            var c = Current;
            if (c == '}')
            {
                if (!braces)
                {
                    throw Error("unbalanced '}': the file has no opening '{'");
                }

                _pos++;
                return;
            }

            if (c == ',')
            {
                if (!canTakeComma)
                {
                    throw Error("unexpected ',': expected a field (two commas in a row, or a comma before the first field)");
                }

                _pos++;
                canTakeComma = false;
                needSeparator = false;
                continue;
            }

            if (needSeparator && !sawNewline)
            {
                throw Error($"expected ',' or a newline between fields, found {HoconChars.Describe(c)}");
            }

            ParseField(target);
            canTakeComma = true;
            needSeparator = true;
        }
    }

    private bool AtKeyword(string keyword)
    {
        if (string.CompareOrdinal(_text, _pos, keyword, 0, keyword.Length) != 0)
        {
            return false;
        }

        var after = _pos + keyword.Length;
        return after >= _text.Length || _text[after] == '\n' || _text[after] == '"' || HoconChars.IsSpace(_text[after]);
    }

    private void ParseField(HoconObject target)
    {
        // HOCON.md "Include syntax": an unquoted `include` at the start of a key starts an include statement.
        if (Current == 'i' && AtKeyword("include"))
        {
            var includeOrigin = Here;
            _pos += "include".Length;
            ParseInclude(target, includeOrigin);
            return;
        }

        var keyOrigin = At;
        var key = TryParseSimpleKey(out var simple) ? simple : new HoconFieldKey(ParsePath(forSubstitution: false));
        if (_prefix.Length + _depth + key.Length > MaxDepth)
        {
            throw Error($"objects are nested more than {MaxDepth} deep (counting the elements of dotted keys)", keyOrigin.ToOrigin());
        }

        // HOCON.md "Key-value separator": `=` may stand anywhere JSON allows `:`, and JSON allows any whitespace (newlines
        // too) before it; comments are whitespace to the end of their line. The key itself ended at the newline.
        SkipBlank();
        var append = false;
        if (AtEnd)
        {
            throw Error($"expected ':', '=', '+=' or '{{' after the key '{HoconPathText.Join(key.ToArray())}', found end of file");
        }

        var c = Current;
        if (c is ':' or '=')
        {
            _pos++;
        }
        else if (c == '+' && _pos + 1 < _text.Length && _text[_pos + 1] == '=')
        {
            _pos += 2;
            append = true;
        }
        else if (c != '{')
        {
            throw Error($"expected ':', '=', '+=' or '{{' after the key '{HoconPathText.Join(key.ToArray())}', found {HoconChars.Describe(c)}");
        }

        SkipBlank();
        var valueOrigin = At;
        var value = ParseValue(key);
        if (append)
        {
            // HOCON.md "The += field separator": `a += b` means `a = ${?a} [b]`.
            var previous = new HoconSubstitution(PathArray(key.ToArray()), null, optional: true, keyOrigin);
            var appended = value.ToValue(_file);
            var element = new HoconArray(valueOrigin, [appended]) { HasUnresolved = appended.NeedsResolution };
            _context.UnresolvedCount++;
            value = new HoconConcatenation([previous, element], valueOrigin);
        }

        // HOCON.md "Paths as keys": a.b.c = v is a { b { c = v } }.
        if (key.Single is { } single)
        {
            SetField(target, single, value);
        }
        else
        {
            SetPath(target, key.ToArray(), value, keyOrigin);
        }
    }

    // Walks (creating as needed) the objects of a dotted key and merges the value into the last one.
    private void SetPath(HoconObject target, string[] key, HoconSlot value, HoconOriginRef origin)
    {
        var needsResolution = value.Value is { NeedsResolution: true };
        var current = target;
        for (var i = 0; i < key.Length - 1; i++)
        {
            if (needsResolution)
            {
                current.HasUnresolved = true;
            }

            var existing = current.Get(key[i]);
            switch (existing)
            {
                case HoconObject obj:
                    current = obj;
                    continue;
                case HoconMergeStack { Layers: [.., HoconObject top] }:
                    current = top;
                    continue;
            }

            var child = new HoconObject(origin);
            var merged = HoconMerger.MergeParsed(existing, child);
            current.Set(key[i], merged);
            if (merged.NeedsResolution)
            {
                current.HasUnresolved = true;
            }

            current = child;
        }

        SetField(current, key[^1], value);
    }

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

    private void SetField(HoconObject target, string key, HoconSlot value)
    {
        // One lookup: a new key is appended, a repeated one merged in place.
        var position = target.IndexOf(key);
        if (value.Value is not { } incoming)
        {
            // A scalar hides whatever the key held before (HOCON.md "Duplicate keys"): nothing to merge.
            if (position < 0)
            {
                target.Add(key, value, _file);
            }
            else
            {
                target.SetAt(position, value, _file);
            }

            return;
        }

        HoconValue merged;
        if (position < 0)
        {
            merged = incoming;
            target.Add(key, incoming);
        }
        else
        {
            merged = HoconMerger.MergeParsed(target.ValueAt(position), incoming);
            target.SetAt(position, merged);
        }

        if (merged.NeedsResolution)
        {
            target.HasUnresolved = true;
        }
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

    // HOCON.md "Substitutions": ${path} or ${?path}; paths are absolute, fixed up inside included files.
    private HoconValue ParseSubstitution()
    {
        var origin = At;
        _pos += 2;
        var optional = false;
        if (!AtEnd && Current == '?')
        {
            optional = true;
            _pos++;
        }

        var path = TryParseSimpleSubstitutionPath() ?? ParsePath(forSubstitution: true);
        SkipSpace();
        if (AtEnd || Current != '}')
        {
            var found = AtEnd ? "end of file" : HoconChars.Describe(Current);
            throw Error($"expected '}}' to close the substitution, found {found}");
        }

        _pos++;
        _context.UnresolvedCount++;
        return _prefix.Length == 0
            ? new HoconSubstitution(path, null, optional, origin)
            : new HoconSubstitution(Concat(_prefix, path), path, optional, origin);
    }

    // The common shape `${a.b.c}`: an unquoted path right before the closing brace, split without building strings.
    private string[]? TryParseSimpleSubstitutionPath()
    {
        var run = HoconChars.UnquotedRunLength(_text, _pos);
        var end = _pos + run;
        if (run == 0 || end >= _text.Length || _text[end] != '}')
        {
            return null;
        }

        var span = _text.AsSpan(_pos, run);
        string[] path;
        if (!span.Contains('.'))
        {
            path = [_context.InternKey(span)];
        }
        else if (span[0] == '.' || span[^1] == '.' || span.IndexOf("..") >= 0)
        {
            // Empty elements are left to ParsePath to report.
            return null;
        }
        else
        {
            path = _context.InternPath(span);
        }

        _pos = end;
        return path;
    }

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

    // HOCON.md "Includes": include "f", include file("f"), include required("f") / required(file("f")).
    private void ParseInclude(HoconObject target, HoconOrigin origin)
    {
        SkipBlank();
        var required = false;
        var closers = 0;
        if (TryConsume("required("))
        {
            required = true;
            closers++;
            SkipBlank();
        }

        if (TryConsume("file("))
        {
            closers++;
            SkipBlank();
        }
        else if (StartsWith("url(") || StartsWith("classpath("))
        {
            throw Error("include url(...) and classpath(...) are not supported: include a file instead");
        }

        if (AtEnd || Current != '"')
        {
            var found = AtEnd ? "end of file" : HoconChars.Describe(Current);
            throw Error($"expected a quoted file name after include, found {found}");
        }

        var name = ReadQuoted();
        for (var i = 0; i < closers; i++)
        {
            SkipBlank();
            if (AtEnd || Current != ')')
            {
                var found = AtEnd ? "end of file" : HoconChars.Describe(Current);
                throw Error($"expected ')' to close the include, found {found}");
            }

            _pos++;
        }

        if (name.Contains("://", StringComparison.Ordinal))
        {
            throw Error($"include of the URL '{name}' is not supported: include a file instead", origin);
        }

        var baseDirectory = _directory ?? _context.Options.BaseDirectory ?? Directory.GetCurrentDirectory();
        var full = Path.GetFullPath(Path.IsPathRooted(name) ? name : Path.Combine(baseDirectory, name));
        var candidates = Path.HasExtension(full) ? new[] { full } : new[] { full + ".json", full + ".conf" };
        var found2 = false;
        foreach (var candidate in candidates)
        {
            if (!File.Exists(candidate))
            {
                continue;
            }

            found2 = true;
            var included = ParseIncludedFile(candidate, PathArray(null), origin);
            foreach (var (key, value) in included)
            {
                SetField(target, key, value);
            }
        }

        if (!found2 && required)
        {
            throw Error($"required include '{name}' not found (looked for {string.Join(", ", candidates)})", origin);
        }
    }

    private HoconObject ParseIncludedFile(string file, string[] path, HoconOrigin origin)
    {
        var stack = _context.IncludeStack;
        if (stack.Contains(file, StringComparer.Ordinal))
        {
            throw Error($"include cycle: {string.Join(" -> ", stack.Select(Path.GetFileName))} -> {Path.GetFileName(file)}", origin);
        }

        if (stack.Count >= _context.Options.MaxIncludeDepth)
        {
            throw Error($"includes are nested more than {_context.Options.MaxIncludeDepth} deep", origin);
        }

        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HoconException($"cannot read the included file '{file}': {ex.Message}", origin.Source, origin.Line, origin.Column, innerException: ex);
        }

        stack.Add(file);
        try
        {
            var parser = new HoconParser(text, file, Path.GetDirectoryName(file), _context, path);
            return parser.ParseRoot();
        }
        finally
        {
            stack.RemoveAt(stack.Count - 1);
        }
    }

    private bool StartsWith(string text) => string.CompareOrdinal(_text, _pos, text, 0, text.Length) == 0;

    private bool TryConsume(string text)
    {
        if (!StartsWith(text))
        {
            return false;
        }

        _pos += text.Length;
        return true;
    }
}
