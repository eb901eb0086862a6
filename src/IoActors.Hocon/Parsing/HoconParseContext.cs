namespace IoActors.Hocon.Parsing;

/// <summary>State shared by the parser of a file and the parsers of everything it includes.</summary>
internal sealed class HoconParseContext
{
    // Keys repeat a lot in configuration files; sharing their strings saves most key allocations.
    private const int MaxInternedKeys = 4096;
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _keyLookup;

    // Dotted keys (`a.b.c`) split into their elements, shared by every occurrence of the same text; never modified.
    private readonly Dictionary<string, string[]> _paths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _pathLookup;

    public HoconParseContext(HoconParseOptions options)
    {
        Options = options;
        _keyLookup = _keys.GetAlternateLookup<ReadOnlySpan<char>>();
        _pathLookup = _paths.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public HoconParseOptions Options { get; }

    /// <summary>The files being parsed, outermost first, to detect include cycles.</summary>
    public List<string> IncludeStack { get; } = [];

    /// <summary>Counts substitutions and concatenations created; zero means the tree is already resolved.</summary>
    public int UnresolvedCount { get; set; }

    /// <summary>Returns a shared string equal to <paramref name="key"/>.</summary>
    public string InternKey(ReadOnlySpan<char> key)
    {
        if (_keyLookup.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var text = key.ToString();
        if (_keys.Count < MaxInternedKeys)
        {
            _keys[text] = text;
        }

        return text;
    }

    /// <summary>Splits an unquoted dotted key with no empty element into its (interned) elements; the array is shared and must not be changed.</summary>
    public string[] InternPath(ReadOnlySpan<char> dotted)
    {
        if (_pathLookup.TryGetValue(dotted, out var existing))
        {
            return existing;
        }

        var elements = new string[dotted.Count('.') + 1];
        var rest = dotted;
        for (var i = 0; i < elements.Length - 1; i++)
        {
            var dot = rest.IndexOf('.');
            elements[i] = InternKey(rest[..dot]);
            rest = rest[(dot + 1)..];
        }

        elements[^1] = InternKey(rest);
        if (_paths.Count < MaxInternedKeys)
        {
            _paths[dotted.ToString()] = elements;
        }

        return elements;
    }
}
