namespace IoActors.Hocon.Resolution;

/// <summary>An unresolved <c>${path}</c> or <c>${?path}</c>.</summary>
internal sealed class HoconSubstitution : HoconUnresolvedValue
{
    public HoconSubstitution(string[] path, string[]? fallbackPath, bool optional, HoconOriginRef origin)
        : base(origin)
    {
        Path = path;
        FallbackPath = fallbackPath;
        Optional = optional;
    }

    /// <summary>The path to look up, already prefixed with the path of the object an included file was included into.</summary>
    public string[] Path { get; }

    /// <summary>The path as written in an included file, looked up when <see cref="Path"/> is not found (null outside includes).</summary>
    public string[]? FallbackPath { get; }

    /// <summary>True for <c>${?path}</c>.</summary>
    public bool Optional { get; }

    public override HoconValueKind Kind => throw new InvalidOperationException("An unresolved substitution has no kind.");

    /// <summary>The substitution as written, e.g. <c>${?a.b}</c>.</summary>
    public string Display => "${" + (Optional ? "?" : string.Empty) + HoconPathText.Join(FallbackPath ?? Path) + "}";
}
