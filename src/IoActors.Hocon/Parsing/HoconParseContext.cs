namespace IoActors.Hocon.Parsing;

/// <summary>State shared by the parser of a file and the parsers of everything it includes.</summary>
internal sealed class HoconParseContext
{
    // Keys repeat a lot in configuration files; sharing their strings saves most key allocations. The cache is
    // direct-mapped (a key replaces whatever shares its slot), so it never grows, whatever the number of distinct keys.
    private const int MinKeySlots = 256;
    private const int MaxKeySlots = 4096;
    private const int MaxInternedPaths = 4096;
    private readonly string?[] _keySlots;
    private readonly int _keyMask;

    // Dotted keys (`a.b.c`) split into their elements, shared by every occurrence of the same text; never modified.
    // Made at the first dotted key.
    private Dictionary<string, string[]>? _paths;
    private Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> _pathLookup;
    private bool _scratchTaken;

    /// <summary>Creates the context.</summary>
    /// <param name="options">The parse options.</param>
    /// <param name="textLength">The length of the main text, to size the key cache.</param>
    /// <param name="buffers">Working arrays to use (given back by the caller once the parse is over), or null for new ones.</param>
    public HoconParseContext(HoconParseOptions options, int textLength = 0, HoconParseBuffers? buffers = null)
    {
        Options = options;
        Buffers = buffers;
        // Pooled slots cost nothing to have; a context without buffers (a path expression) allocates its own, so few.
        var slots = (int)Math.Clamp(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(textLength / 256, 1)), buffers is null ? 64 : MinKeySlots, MaxKeySlots);
        _keySlots = buffers?.KeySlots(slots) ?? new string?[slots];
        _keyMask = slots - 1;
    }

    public HoconParseOptions Options { get; }

    /// <summary>The working arrays of the main text's parser, or null.</summary>
    public HoconParseBuffers? Buffers { get; }

    /// <summary>The pooled per-depth field arrays for the first parser that asks (the main text's); null afterwards.</summary>
    public List<HoconFieldMap.Entry[]>? TakeFieldScratch()
    {
        if (_scratchTaken || Buffers is null)
        {
            return null;
        }

        _scratchTaken = true;
        return Buffers.FieldScratch;
    }

    /// <summary>The files being parsed, outermost first, to detect include cycles.</summary>
    public List<string> IncludeStack { get; } = [];

    /// <summary>Counts substitutions and concatenations created; zero means the tree is already resolved.</summary>
    public int UnresolvedCount { get; set; }

    /// <summary>Returns a shared string equal to <paramref name="key"/>.</summary>
    public string InternKey(ReadOnlySpan<char> key)
    {
        var hash = (uint)key.Length;
        foreach (var c in key)
        {
            hash = (hash * 31) + c;
        }

        var slot = (int)((hash * 2654435769u) >> 20) & _keyMask;
        var existing = _keySlots[slot];
        if (existing is not null && key.SequenceEqual(existing))
        {
            return existing;
        }

        var text = key.ToString();
        _keySlots[slot] = text;
        return text;
    }

    /// <summary>Splits an unquoted dotted key with no empty element into its (interned) elements; the array is shared and must not be changed.</summary>
    public string[] InternPath(ReadOnlySpan<char> dotted)
    {
        if (_paths is null)
        {
            _paths = new Dictionary<string, string[]>(StringComparer.Ordinal);
            _pathLookup = _paths.GetAlternateLookup<ReadOnlySpan<char>>();
        }
        else if (_pathLookup.TryGetValue(dotted, out var existing))
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
        if (_paths.Count < MaxInternedPaths)
        {
            _paths[dotted.ToString()] = elements;
        }

        return elements;
    }
}
