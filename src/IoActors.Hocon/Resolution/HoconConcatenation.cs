namespace IoActors.Hocon.Resolution;

/// <summary>A value concatenation that holds at least one substitution; whitespace between parts is kept as whitespace scalars.</summary>
internal sealed class HoconConcatenation : HoconUnresolvedValue
{
    public HoconConcatenation(List<HoconValue> parts, HoconOriginRef origin)
        : base(origin)
    {
        Parts = parts;
    }

    public List<HoconValue> Parts { get; }

    public override HoconValueKind Kind => throw new InvalidOperationException("An unresolved concatenation has no kind.");
}
