namespace IoActors.Hocon;

/// <summary>Where a value was written: the source (file path or name), line and column (both 1-based).</summary>
/// <param name="Source">The file path or source name; <see langword="null"/> for text without a name.</param>
/// <param name="Line">The 1-based line, or 0 when the value did not come from text (e.g. an environment variable).</param>
/// <param name="Column">The 1-based column, or 0 when unknown.</param>
public readonly record struct HoconOrigin(string? Source, int Line, int Column)
{
    /// <summary>Renders the origin as <c>source:line:col</c> (or a shorter form when parts are unknown).</summary>
    /// <returns>The origin as text.</returns>
    public override string ToString()
    {
        var source = Source ?? "<string>";
        return Line > 0 ? $"{source}:{Line}:{Column}" : source;
    }
}
