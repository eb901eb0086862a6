using System.Text;
using IoActors.Hocon.Resolution;

namespace IoActors.Hocon.Parsing;

/// <summary>
/// Parses one HOCON text into an unresolved tree (objects merged as they are read; substitutions kept as nodes).
/// A single forward pass over the characters; every method either consumes input or throws, so it cannot loop.
/// </summary>
internal sealed partial class HoconParser
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
}
