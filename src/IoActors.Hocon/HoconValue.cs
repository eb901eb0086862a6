using IoActors.Hocon.Rendering;

namespace IoActors.Hocon;

/// <summary>
/// A node of a parsed HOCON tree: <see cref="HoconObject"/>, <see cref="HoconArray"/> or <see cref="HoconScalar"/>.
/// Values returned by <see cref="HoconConfig"/> are resolved (no substitutions left) and immutable.
/// </summary>
public abstract class HoconValue
{
    private protected HoconValue(HoconOrigin origin)
    {
        Origin = origin;
    }

    /// <summary>Where the value was written.</summary>
    public HoconOrigin Origin { get; }

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
