using System.Collections;

namespace IoActors.Hocon;

/// <summary>An ordered list of values.</summary>
public sealed class HoconArray : HoconValue, IReadOnlyList<HoconValue>
{
    // Elements as stored: a scalar that is a slice of the array's text is made when first read (see HoconSlot).
    private Slot[] _items;
    private int _count;

    internal HoconArray(HoconOriginRef origin, List<HoconValue>? items = null)
        : base(origin)
    {
        _items = [];
        if (items is not null)
        {
            _items = new Slot[items.Count];
            foreach (var item in items)
            {
                _items[_count++].Value = item;
            }
        }
    }

    /// <inheritdoc />
    public override HoconValueKind Kind => HoconValueKind.Array;

    /// <inheritdoc />
    public int Count => _count;

    /// <inheritdoc />
    public HoconValue this[int index] => (uint)index < (uint)_count ? ValueAt(index) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Set while parsing when an element needs resolution.</summary>
    internal bool HasUnresolved { get; set; }

    internal override bool NeedsResolution => HasUnresolved;

    /// <summary>The element at a position as stored: a slice of this array's text stays a slice.</summary>
    internal HoconSlot SlotAt(int index)
    {
        ref readonly var item = ref _items[index];
        return item.Value is { } value ? new HoconSlot(value) : HoconSlot.FromParts(item.Offset, item.Bits);
    }

    /// <summary>Appends an element of a container parsed from <paramref name="from"/> (a slice of another text is made into its value).</summary>
    internal void Add(HoconSlot slot, HoconSourceText? from)
    {
        if (slot.IsSlice && !ReferenceEquals(from, SourceText))
        {
            slot = new HoconSlot(slot.ToValue(from));
        }

        if (_count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(4, _count * 2));
        }

        _items[_count++] = new Slot(slot);
    }

    /// <summary>Replaces the element at a position.</summary>
    internal void SetAt(int index, HoconValue value) => _items[index] = new Slot(new HoconSlot(value));

    /// <summary>Removes the elements at <paramref name="positions"/> (ascending), keeping the order of the others.</summary>
    internal void RemoveAt(List<int> positions) => _count = SlotArrays.RemoveAt(_items, _count, positions);

    /// <summary>Appends every element of another array.</summary>
    internal void AddRange(HoconArray other)
    {
        var from = other.SourceText;
        for (var i = 0; i < other._count; i++)
        {
            Add(other.SlotAt(i), from);
        }
    }

    /// <summary>Drops the room reserved beyond the elements (once the array is complete).</summary>
    internal void TrimExcess()
    {
        // A few unused slots cost less than a second array.
        if (_items.Length - _count > 4)
        {
            Array.Resize(ref _items, _count);
        }
    }

    /// <inheritdoc />
    public IEnumerator<HoconValue> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return ValueAt(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal HoconValue ValueAt(int index)
    {
        ref var item = ref _items[index];
        var value = item.Value;
        if (value is not null)
        {
            return value;
        }

        var made = HoconScalar.FromSlice(SourceText!, item.Offset, item.Bits);
        return Interlocked.CompareExchange(ref item.Value, made, null) ?? made;
    }

    private struct Slot
    {
        public HoconValue? Value;
        public readonly int Offset;
        public readonly int Bits;

        public Slot(HoconSlot slot)
        {
            Value = slot.Value;
            Offset = slot.Offset;
            Bits = slot.Bits;
        }
    }
}
