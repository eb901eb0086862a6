using IoActors.Hocon.Rendering;

namespace IoActors.Hocon;

/// <summary>
/// A node of a parsed HOCON tree: <see cref="HoconObject"/>, <see cref="HoconArray"/> or <see cref="HoconScalar"/>.
/// Values returned by <see cref="HoconConfig"/> are resolved (no substitutions left) and immutable.
/// </summary>
public abstract class HoconValue
{
    // The origin in its compact form (see HoconOriginRef), kept as two fields so it takes 12 bytes, not a padded 16.
    private readonly object? _originSource;
    private readonly int _originOffset;

    private protected HoconValue(HoconOriginRef origin, int bits = 0)
    {
        _originSource = origin.Source;
        _originOffset = origin.Offset;
        Bits = bits;
    }

    /// <summary>32 bits a derived class may use for its own small fields (they would otherwise be padding).</summary>
    private protected int Bits { get; }

    /// <summary>Where the value was written.</summary>
    public HoconOrigin Origin => OriginRef.ToOrigin();

    /// <summary>The origin in its compact form, to give a derived value the same origin without computing it.</summary>
    internal HoconOriginRef OriginRef => HoconOriginRef.FromParts(_originSource, _originOffset);

    /// <summary>The text the value was parsed from, or <see langword="null"/>; a container's slices are slices of it.</summary>
    internal HoconSourceText? SourceText => _originSource as HoconSourceText;

    /// <summary>The JSON type of the value.</summary>
    public abstract HoconValueKind Kind { get; }

    /// <summary>True when this node (or something inside it) still holds a substitution or concatenation.</summary>
    internal virtual bool NeedsResolution => false;

    /// <summary>Renders the value as JSON.</summary>
    /// <param name="indented">Whether to indent the output.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool indented = true) => HoconJsonWriter.Write(this, indented);

    /// <summary>Renders the value as HOCON-style text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => HoconTextWriter.Write(this);
}
