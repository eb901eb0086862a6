namespace IoActors.Hocon.Parsing;

/// <summary>Includes: the <c>include</c> keyword, <c>file(...)</c> / <c>required(...)</c>, reading the included file, and cycle and depth checks.</summary>
internal sealed partial class HoconParser
{
    private bool AtKeyword(string keyword)
    {
        if (string.CompareOrdinal(_text, _pos, keyword, 0, keyword.Length) != 0)
        {
            return false;
        }

        var after = _pos + keyword.Length;
        return after >= _text.Length || _text[after] == '\n' || _text[after] == '"' || HoconChars.IsSpace(_text[after]);
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
