using System.Collections;

namespace IoActors.Hocon;

/// <summary>An ordered list of values.</summary>
public sealed class HoconArray : HoconValue, IReadOnlyList<HoconValue>
{
    private readonly List<HoconValue> _items;

    internal HoconArray(HoconOriginRef origin, List<HoconValue>? items = null)
        : base(origin)
    {
        _items = items ?? [];
    }

    /// <inheritdoc />
    public override HoconValueKind Kind => HoconValueKind.Array;

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public HoconValue this[int index] => _items[index];

    /// <summary>Set while parsing when an element needs resolution.</summary>
    internal bool HasUnresolved { get; set; }

    internal override bool NeedsResolution => HasUnresolved;

    internal List<HoconValue> Items => _items;

    /// <inheritdoc />
    public IEnumerator<HoconValue> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
