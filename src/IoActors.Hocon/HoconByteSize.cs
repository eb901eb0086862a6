using System.ComponentModel;
using IoActors.Hocon.Units;

namespace IoActors.Hocon;

/// <summary>
/// A size in bytes written the HOCON way (<c>512K</c>, <c>10MB</c>, <c>1 GiB</c>; a bare number is bytes), keeping its text.
/// <c>kB/MB/GB…</c> are powers of 1000; <c>K/Ki/KiB, M/Mi/MiB…</c> are powers of 1024 (HOCON.md "Size in bytes format").
/// </summary>
[TypeConverter(typeof(HoconByteSizeTypeConverter))]
public readonly record struct HoconByteSize
{
    private HoconByteSize(long bytes, string text)
    {
        Bytes = bytes;
        Text = text;
    }

    /// <summary>The size in bytes.</summary>
    public long Bytes { get; }

    /// <summary>The text it was parsed from (e.g. <c>10MB</c>).</summary>
    public string Text => field ?? "0";

    /// <summary>Creates a size of <paramref name="bytes"/> bytes.</summary>
    /// <param name="bytes">The number of bytes.</param>
    /// <returns>The size.</returns>
    public static HoconByteSize FromBytes(long bytes) => new(bytes, bytes.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Parses a size in bytes.</summary>
    /// <param name="text">The text, e.g. <c>10MB</c>.</param>
    /// <returns>The size.</returns>
    /// <exception cref="FormatException">The text is not a size.</exception>
    public static HoconByteSize Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Tries to parse a size in bytes.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The size.</param>
    /// <returns>True when the text is a size.</returns>
    public static bool TryParse(string? text, out HoconByteSize value) => TryParse(text, out value, out _);

    internal static bool TryParse(string? text, out HoconByteSize value, out string? error)
    {
        value = default;
        if (text is null)
        {
            error = "a size is required";
            return false;
        }

        if (!HoconUnits.TryParseByteSize(text, out var bytes, out error))
        {
            return false;
        }

        value = new HoconByteSize(bytes, text.Trim());
        return true;
    }

    /// <summary>Returns the text it was parsed from.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Text;
}
