namespace IoActors.Hocon.Parsing;

/// <summary>State shared by the parser of a file and the parsers of everything it includes.</summary>
internal sealed class HoconParseContext
{
    // Keys repeat a lot in configuration files; sharing their strings saves most key allocations.
    private const int MaxInternedKeys = 4096;
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _keyLookup;

    public HoconParseContext(HoconParseOptions options)
    {
        Options = options;
        _keyLookup = _keys.GetAlternateLookup<ReadOnlySpan<char>>();
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
}
