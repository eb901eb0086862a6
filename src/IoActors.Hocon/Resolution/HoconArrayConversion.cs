using System.Globalization;

namespace IoActors.Hocon.Resolution;

/// <summary>HOCON.md "Conversion of numerically-indexed objects to arrays": done lazily, only where a list is expected.</summary>
internal static class HoconArrayConversion
{
    /// <summary>Returns the array for an object with integer keys (sorted, other keys ignored), or null when it has none.</summary>
    public static HoconArray? TryConvert(HoconObject obj)
    {
        List<(long Index, HoconValue Value)>? indexed = null;
        foreach (var (key, value) in obj)
        {
            if (key.Length > 0 && char.IsAsciiDigit(key[0])
                && long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                (indexed ??= []).Add((index, value));
            }
        }

        if (indexed is null)
        {
            return null;
        }

        indexed.Sort((a, b) => a.Index.CompareTo(b.Index));
        var items = new List<HoconValue>(indexed.Count);
        var unresolved = false;
        foreach (var (_, value) in indexed)
        {
            items.Add(value);
            unresolved |= value.NeedsResolution;
        }

        return new HoconArray(obj.OriginRef, items) { HasUnresolved = unresolved };
    }
}
