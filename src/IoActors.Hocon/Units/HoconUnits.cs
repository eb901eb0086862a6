using System.Globalization;

namespace IoActors.Hocon.Units;

/// <summary>HOCON.md "Units format", "Duration format" and "Size in bytes format".</summary>
internal static class HoconUnits
{
    private const double TicksPerNanosecond = 0.01;

    /// <summary>Parses a duration: a number and an optional lowercase unit; a bare number is milliseconds.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value, out string? error)
    {
        value = default;
        if (!Split(text, out var number, out var unit, out error))
        {
            return false;
        }

        double ticksPerUnit;
        switch (unit)
        {
            case "ns" or "nano" or "nanos" or "nanosecond" or "nanoseconds": ticksPerUnit = TicksPerNanosecond; break;
            case "us" or "micro" or "micros" or "microsecond" or "microseconds": ticksPerUnit = TimeSpan.TicksPerMicrosecond; break;
            case "" or "ms" or "milli" or "millis" or "millisecond" or "milliseconds": ticksPerUnit = TimeSpan.TicksPerMillisecond; break;
            case "s" or "second" or "seconds": ticksPerUnit = TimeSpan.TicksPerSecond; break;
            case "m" or "minute" or "minutes": ticksPerUnit = TimeSpan.TicksPerMinute; break;
            case "h" or "hour" or "hours": ticksPerUnit = TimeSpan.TicksPerHour; break;
            case "d" or "day" or "days": ticksPerUnit = TimeSpan.TicksPerDay; break;
            default:
                error = $"unknown duration unit '{unit}' in '{text}': expected ns, us, ms, s, m, h or d (or their long forms)";
                return false;
        }

        var ticks = Math.Round(number * ticksPerUnit);
        if (double.IsNaN(ticks) || ticks >= long.MaxValue || ticks <= long.MinValue)
        {
            error = $"duration '{text}' is out of range";
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>Parses a size in bytes: a number and an optional unit (kB = 1000, K/Ki/KiB = 1024, ...); a bare number is bytes.</summary>
    public static bool TryParseByteSize(string text, out long value, out string? error)
    {
        value = 0;
        if (!Split(text, out var number, out var unit, out error))
        {
            return false;
        }

        var factor = ByteFactor(unit);
        if (factor is null)
        {
            error = $"unknown size unit '{unit}' in '{text}': expected B, kB, MB, GB, TB, K, Ki, KiB, M, Mi, MiB, G, ... (or their long forms)";
            return false;
        }

        var bytes = Math.Floor(number * factor.Value);
        if (double.IsNaN(bytes) || bytes >= 9.2233720368547758E18 || bytes <= -9.2233720368547758E18)
        {
            error = $"size '{text}' does not fit in 64 bits";
            return false;
        }

        value = (long)bytes;
        return true;
    }

    private static double? ByteFactor(string unit)
    {
        switch (unit)
        {
            case "" or "B" or "b" or "byte" or "bytes": return 1;
        }

        string[] decimalNames = ["k", "M", "G", "T", "P", "E", "Z", "Y"];
        string[] decimalLong = ["kilo", "mega", "giga", "tera", "peta", "exa", "zetta", "yotta"];
        string[] binaryLong = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi"];
        for (var i = 0; i < decimalNames.Length; i++)
        {
            var power = i + 1;
            var upper = decimalNames[i].ToUpperInvariant();
            var lower = decimalNames[i].ToLowerInvariant();
            if (unit == decimalNames[i] + "B" || unit == decimalLong[i] + "byte" || unit == decimalLong[i] + "bytes")
            {
                return Math.Pow(1000, power);
            }

            if (unit == upper || unit == lower || unit == upper + "i" || unit == upper + "iB" || unit == binaryLong[i] + "byte" || unit == binaryLong[i] + "bytes")
            {
                return Math.Pow(1024, power);
            }
        }

        return null;
    }

    // "optional whitespace, a number, optional whitespace, an optional unit of letters, optional whitespace".
    private static bool Split(string text, out double number, out string unit, out string? error)
    {
        number = 0;
        unit = string.Empty;
        var trimmed = text.AsSpan().Trim();
        var end = trimmed.Length;
        while (end > 0 && char.IsLetter(trimmed[end - 1]))
        {
            end--;
        }

        unit = trimmed[end..].ToString();
        var numberText = trimmed[..end].TrimEnd();
        if (numberText.IsEmpty || !double.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out number) || !double.IsFinite(number))
        {
            error = $"'{text}' is not a number followed by an optional unit";
            return false;
        }

        error = null;
        return true;
    }
}
