namespace IoActors.Hocon.Resolution;

/// <summary>
/// A node that only exists before resolution (a substitution, a concatenation holding one, or a merge stack), with the
/// result the resolver memoizes on it: the tree is made for one resolution, so the memo needs no table.
/// </summary>
internal abstract class HoconUnresolvedValue : HoconValue
{
    private protected HoconUnresolvedValue(HoconOriginRef origin)
        : base(origin)
    {
    }

    internal override bool NeedsResolution => true;

    /// <summary>True once the resolver has resolved the node (<see cref="Resolved"/> may still be null: undefined).</summary>
    public bool IsResolved { get; private set; }

    /// <summary>The resolved value, or <see langword="null"/> for "undefined" (an optional substitution with nothing behind it).</summary>
    public HoconValue? Resolved { get; private set; }

    public void SetResolved(HoconValue? value)
    {
        Resolved = value;
        IsResolved = true;
    }
}
