namespace IoActors.Hocon.Resolution;

/// <summary>
/// Successive definitions of one field that could not be merged while parsing because at least one is a substitution
/// or concatenation. Layers run oldest first; resolution goes from the newest down (HOCON.md "Self-Referential Substitutions").
/// </summary>
internal sealed class HoconMergeStack : HoconUnresolvedValue
{
    public HoconMergeStack(List<HoconValue> layers)
        : base(layers[^1].OriginRef)
    {
        Layers = layers;
    }

    public List<HoconValue> Layers { get; }

    public override HoconValueKind Kind => throw new InvalidOperationException("An unresolved merge has no kind.");
}
