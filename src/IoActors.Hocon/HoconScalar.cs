using System.Globalization;

namespace IoActors.Hocon;

/// <summary>A string, number, boolean or null value, with its text as written (numbers keep e.g. <c>1e5</c>).</summary>
public sealed class HoconScalar : HoconValue
{
    private readonly HoconValueKind _kind;

    internal HoconScalar(HoconValueKind kind, string text, HoconOrigin origin, bool isWhitespace = false)
        : base(origin)
    {
        _kind = kind;
        Text = text;
        IsWhitespace = isWhitespace;
    }

    /// <inheritdoc />
    public override HoconValueKind Kind => _kind;

    /// <summary>The value as text: the string itself, the number as written, <c>true</c>/<c>false</c>, or <c>null</c>.</summary>
    public string Text { get; }

    /// <summary>True for the whitespace kept between the parts of a value concatenation (never in a resolved tree).</summary>
    internal bool IsWhitespace { get; }

    /// <summary>Gets the value as a string (numbers and booleans convert; null does not).</summary>
    /// <returns>The text, or <see langword="null"/> for the null value.</returns>
    public string? AsString() => _kind == HoconValueKind.Null ? null : Text;

    /// <summary>Tries to read the value as a number (strings that hold a JSON number convert).</summary>
    /// <param name="value">The number.</param>
    /// <returns>True when the value is a number.</returns>
    public bool TryGetDouble(out double value)
    {
        value = 0;
        return _kind is HoconValueKind.Number or HoconValueKind.String
            && double.TryParse(Text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Tries to read the value as a boolean: true/false, and the strings yes/no, on/off.</summary>
    /// <param name="value">The boolean.</param>
    /// <returns>True when the value converts.</returns>
    public bool TryGetBoolean(out bool value)
    {
        value = false;
        if (_kind is not (HoconValueKind.Boolean or HoconValueKind.String))
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

    internal static HoconScalar Null(HoconOrigin origin) => new(HoconValueKind.Null, "null", origin);

    internal static HoconScalar String(string text, HoconOrigin origin) => new(HoconValueKind.String, text, origin);
}
