using System.Globalization;

namespace IoActors.Hocon;

/// <summary>A string, number, boolean or null value, with its text as written (numbers keep e.g. <c>1e5</c>).</summary>
public sealed class HoconScalar : HoconValue
{
    // The kind, two flags and the length of a lazy text share the base class's spare 32 bits (a scalar is 40 bytes).
    private const int KindMask = 0x7;
    private const int WhitespaceFlag = 0x8;
    private const int QuotedFlag = 0x10;
    private const int LengthShift = 5;

    /// <summary>The longest text kept as a lazy slice; longer ones are made into strings at once.</summary>
    internal const int MaxLazyLength = int.MaxValue >> LengthShift;

    // Null until first read for a value that is a plain slice of its source text (see the lazy constructor).
    private string? _text;

    internal HoconScalar(HoconValueKind kind, string text, HoconOriginRef origin, bool isWhitespace = false)
        : base(origin, (int)kind | (isWhitespace ? WhitespaceFlag : 0))
    {
        _text = text;
    }

    /// <summary>
    /// A value whose text is exactly <paramref name="length"/> characters of the source starting at <paramref name="offset"/>
    /// (one further when <paramref name="quoted"/>, past the opening quote); the string is made on first read.
    /// </summary>
    internal HoconScalar(HoconValueKind kind, HoconSourceText file, int offset, int length, bool quoted)
        : base(new HoconOriginRef(file, offset), (int)kind | (quoted ? QuotedFlag : 0) | (length << LengthShift))
    {
        if (length > MaxLazyLength)
        {
            _text = file.Text.Substring(quoted ? offset + 1 : offset, length);
        }
    }

    /// <summary>The kind, quote flag and length of a slice, packed as the lazy constructor packs them.</summary>
    internal static int SliceBits(HoconValueKind kind, int length, bool quoted) => (int)kind | (quoted ? QuotedFlag : 0) | (length << LengthShift);

    /// <summary>The scalar of a slice (see <see cref="HoconSlot"/>): its origin is <paramref name="offset"/> in <paramref name="file"/>.</summary>
    internal static HoconScalar FromSlice(HoconSourceText file, int offset, int bits) => new(file, offset, bits);

    private HoconScalar(HoconSourceText file, int offset, int bits)
        : base(new HoconOriginRef(file, offset), bits)
    {
    }

    /// <summary>The kind packed in slice bits.</summary>
    internal static HoconValueKind KindOfSlice(int bits) => (HoconValueKind)(bits & KindMask);

    /// <inheritdoc />
    public override HoconValueKind Kind => (HoconValueKind)(Bits & KindMask);

    /// <summary>The value as text: the string itself, the number as written, <c>true</c>/<c>false</c>, or <c>null</c>.</summary>
    public string Text => _text ?? Materialize();

    /// <summary>True for the whitespace kept between the parts of a value concatenation (never in a resolved tree).</summary>
    internal bool IsWhitespace => (Bits & WhitespaceFlag) != 0;

    private string Materialize()
    {
        // Two threads may both make the string; either result is the same text.
        var origin = OriginRef;
        var bits = Bits;
        var start = origin.Offset + ((bits & QuotedFlag) != 0 ? 1 : 0);
        var text = ((HoconSourceText)origin.Source!).Text.Substring(start, bits >>> LengthShift);
        _text = text;
        return text;
    }

    /// <summary>Gets the value as a string (numbers and booleans convert; null does not).</summary>
    /// <returns>The text, or <see langword="null"/> for the null value.</returns>
    public string? AsString() => Kind == HoconValueKind.Null ? null : Text;

    /// <summary>Tries to read the value as a number (strings that hold a JSON number convert).</summary>
    /// <param name="value">The number.</param>
    /// <returns>True when the value is a number.</returns>
    public bool TryGetDouble(out double value)
    {
        value = 0;
        return Kind is HoconValueKind.Number or HoconValueKind.String
            && double.TryParse(Text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Tries to read the value as a boolean: true/false, and the strings yes/no, on/off.</summary>
    /// <param name="value">The boolean.</param>
    /// <returns>True when the value converts.</returns>
    public bool TryGetBoolean(out bool value)
    {
        value = false;
        if (Kind is not (HoconValueKind.Boolean or HoconValueKind.String))
        {
            return false;
        }

        switch (Text)
        {
            case "true" or "yes" or "on":
                value = true;
                return true;
            case "false" or "no" or "off":
                return true;
            default:
                return false;
        }
    }

    /// <summary>Returns <see cref="Text"/>.</summary>
    /// <returns>The text of the value.</returns>
    public override string ToString() => Text;

    internal static HoconScalar Null(HoconOriginRef origin) => new(HoconValueKind.Null, "null", origin);

    internal static HoconScalar String(string text, HoconOriginRef origin) => new(HoconValueKind.String, text, origin);
}
