namespace IoActors.Hocon.Parsing;

/// <summary>State shared by the parser of a file and the parsers of everything it includes.</summary>
internal sealed class HoconParseContext
{
    public HoconParseContext(HoconParseOptions options)
    {
        Options = options;
    }

    public HoconParseOptions Options { get; }

    /// <summary>The files being parsed, outermost first, to detect include cycles.</summary>
    public List<string> IncludeStack { get; } = [];

    /// <summary>Counts substitutions and concatenations created; zero means the tree is already resolved.</summary>
    public int UnresolvedCount { get; set; }
}
