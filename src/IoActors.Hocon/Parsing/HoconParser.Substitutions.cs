using IoActors.Hocon.Resolution;

namespace IoActors.Hocon.Parsing;

/// <summary>Substitutions: <c>${path}</c> and <c>${?path}</c>, with the fast path for simple paths.</summary>
internal sealed partial class HoconParser
{
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
}
