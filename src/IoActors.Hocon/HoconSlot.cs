namespace IoActors.Hocon;

/// <summary>
/// A value as an object field or array element stores it: the value itself, or, for a scalar that is a plain slice of
/// the text its container was parsed from, only the slice (offset and the scalar's packed kind/length bits), so
/// parsing allocates nothing for it. The <see cref="HoconScalar"/> is made the first time the value is read.
/// </summary>
internal readonly struct HoconSlot
{
    public HoconSlot(HoconValue value)
    {
        Value = value;
    }

    private HoconSlot(int offset, int bits)
    {
        Offset = offset;
        Bits = bits;
    }

    /// <summary>The value, or <see langword="null"/> while it is a slice of the container's text.</summary>
    public HoconValue? Value { get; }

    /// <summary>For a slice: the offset of the value in the container's text.</summary>
    public int Offset { get; }

    /// <summary>For a slice: the scalar's kind, quote flag and length (see <see cref="HoconScalar"/>).</summary>
    public int Bits { get; }

    public bool IsSlice => Value is null;

    /// <summary>A slice from its stored parts.</summary>
    public static HoconSlot FromParts(int offset, int bits) => new(offset, bits);

    public static implicit operator HoconSlot(HoconValue value) => new(value);

    /// <summary>A scalar that is <paramref name="length"/> characters of the text at <paramref name="offset"/> (one further when quoted).</summary>
    public static HoconSlot Slice(HoconSourceText file, HoconValueKind kind, int offset, int length, bool quoted) =>
        length > HoconScalar.MaxLazyLength
            ? new HoconSlot(new HoconScalar(kind, file, offset, length, quoted))
            : new HoconSlot(offset, HoconScalar.SliceBits(kind, length, quoted));

    /// <summary>The value, made from the text of <paramref name="file"/> (the container's) for a slice.</summary>
    public HoconValue ToValue(HoconSourceText? file) => Value ?? HoconScalar.FromSlice(file!, Offset, Bits);

    /// <summary>The slot with its value made, for a container whose text may differ from <paramref name="file"/>.</summary>
    public HoconSlot Materialized(HoconSourceText? file) => Value is null ? new HoconSlot(ToValue(file)) : this;
}
