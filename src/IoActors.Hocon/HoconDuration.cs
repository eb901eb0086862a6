using System.ComponentModel;
using IoActors.Hocon.Units;

namespace IoActors.Hocon;

/// <summary>
/// A duration written the HOCON way (<c>60s</c>, <c>500 ms</c>, <c>2m</c>; a bare number is milliseconds), keeping its text.
/// The configuration binder converts strings to it, so options can hold durations from HOCON or from system.json numbers.
/// </summary>
[TypeConverter(typeof(HoconDurationTypeConverter))]
public readonly record struct HoconDuration
{
    /// <summary>Creates a duration from a <see cref="TimeSpan"/>; the text is the value in milliseconds.</summary>
    /// <param name="value">The duration.</param>
    public HoconDuration(TimeSpan value)
        : this(value, value.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "ms")
    {
    }

    private HoconDuration(TimeSpan value, string text)
    {
        Value = value;
        Text = text;
    }

    /// <summary>The duration.</summary>
    public TimeSpan Value { get; }

    /// <summary>The text it was parsed from (e.g. <c>60s</c>).</summary>
    public string Text => field ?? "0ms";

    /// <summary>Creates a duration of <paramref name="milliseconds"/> milliseconds.</summary>
    /// <param name="milliseconds">The number of milliseconds.</param>
    /// <returns>The duration.</returns>
    public static HoconDuration FromMilliseconds(long milliseconds) => new(TimeSpan.FromMilliseconds(milliseconds), milliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Parses a duration (HOCON.md "Duration format").</summary>
    /// <param name="text">The text, e.g. <c>30s</c> or <c>120000</c>.</param>
    /// <returns>The duration.</returns>
    /// <exception cref="FormatException">The text is not a duration.</exception>
    public static HoconDuration Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Tries to parse a duration (HOCON.md "Duration format").</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The duration.</param>
    /// <returns>True when the text is a duration.</returns>
    public static bool TryParse(string? text, out HoconDuration value) => TryParse(text, out value, out _);

    internal static bool TryParse(string? text, out HoconDuration value, out string? error)
    {
        value = default;
        if (text is null)
        {
            error = "a duration is required";
            return false;
        }

        if (!HoconUnits.TryParseDuration(text, out var span, out error))
        {
            return false;
        }

        value = new HoconDuration(span, text.Trim());
        return true;
    }

    /// <summary>Converts to <see cref="TimeSpan"/>.</summary>
    /// <param name="duration">The duration.</param>
    public static implicit operator TimeSpan(HoconDuration duration) => duration.Value;

    /// <summary>Returns the text it was parsed from.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Text;
}
