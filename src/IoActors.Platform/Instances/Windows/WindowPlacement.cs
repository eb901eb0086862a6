using System.Globalization;
using System.Text.Json;

namespace IoActors.Platform.Instances.Windows;

/// <summary>A length of <c>details.placement</c>: pixels, or a percentage of the screen's extent on that axis.</summary>
/// <param name="Value">The number.</param>
/// <param name="Percent">Whether it is a percentage.</param>
internal readonly record struct PlacementLength(double Value, bool Percent)
{
    /// <summary>The pixels on an axis <paramref name="extent"/> pixels long.</summary>
    public int Of(int extent) => (int)Math.Round(Percent ? extent * Value / 100 : Value);
}

/// <summary>A screen's work area, in pixels.</summary>
internal readonly record struct ScreenArea(int Left, int Top, int Width, int Height);

/// <summary>
/// <c>details.placement</c>: a position on the screen from alignments and margins (io.Connect's placement settings).
/// Applied once when the window is created; <c>snapped</c> and <c>display</c> are read but have no further effect here
/// (one screen, no resolution changes to follow).
/// </summary>
internal sealed record WindowPlacement(
    string Horizontal,
    string Vertical,
    PlacementLength? Width,
    PlacementLength? Height,
    PlacementLength? Left,
    PlacementLength? Top,
    PlacementLength? Right,
    PlacementLength? Bottom)
{
    private static readonly string[] HorizontalValues = ["left", "right", "center", "stretch"];
    private static readonly string[] VerticalValues = ["top", "bottom", "center", "stretch"];

    /// <summary>Reads <paramref name="element"/> (<c>details.placement</c>); <see langword="null"/> when absent; bad values go to <paramref name="problems"/>.</summary>
    public static WindowPlacement? Read(JsonElement element, List<string> problems)
    {
        if (element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"details.placement: {element.GetRawText()} must be an object");
            return null;
        }

        var horizontal = Alignment(element, "horizontalAlignment", HorizontalValues, problems);
        var vertical = Alignment(element, "verticalAlignment", VerticalValues, problems);

        // One alignment set makes the other default to stretch; with neither, the margins place the window from the top left.
        return new WindowPlacement(
            horizontal ?? (vertical is null ? "left" : "stretch"),
            vertical ?? (horizontal is null ? "top" : "stretch"),
            Length(element, "width", problems),
            Length(element, "height", problems),
            Length(element, "left", problems),
            Length(element, "top", problems),
            Length(element, "right", problems),
            Length(element, "bottom", problems));
    }

    /// <summary>The window bounds on <paramref name="screen"/>; a size the placement leaves out is <paramref name="width"/> × <paramref name="height"/>.</summary>
    public WindowBounds Resolve(ScreenArea screen, int width, int height)
    {
        var (x, w) = Axis(Horizontal, "left", "right", screen.Left, screen.Width, Width, Left, Right, width);
        var (y, h) = Axis(Vertical, "top", "bottom", screen.Top, screen.Height, Height, Top, Bottom, height);
        return new WindowBounds(x, y, w, h);
    }

    private static (int Position, int Size) Axis(
        string alignment, string start, string end, int origin, int extent, PlacementLength? size, PlacementLength? before, PlacementLength? after, int fallback)
    {
        var lead = before?.Of(extent) ?? 0;
        var trail = after?.Of(extent) ?? 0;
        if (alignment == "stretch")
        {
            return (origin + lead, Math.Max(1, extent - lead - trail));
        }

        var length = Math.Max(1, size?.Of(extent) ?? fallback);
        var position = alignment == start ? origin + lead
            : alignment == end ? origin + extent - trail - length
            : origin + ((extent - length) / 2) + lead - trail;
        return (position, length);
    }

    private static string? Alignment(JsonElement placement, string name, string[] values, List<string> problems)
    {
        if (!placement.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && values.Contains(value.GetString()))
        {
            return value.GetString();
        }

        problems.Add($"details.placement.{name}: {value.GetRawText()} must be one of {string.Join(", ", values)}");
        return null;
    }

    private static PlacementLength? Length(JsonElement placement, string name, List<string> problems)
    {
        if (!placement.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var pixels) && pixels >= 0)
        {
            return new PlacementLength(pixels, false);
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!.Trim();
            var percent = text.EndsWith('%');
            var number = percent ? text[..^1] : text.EndsWith("px", StringComparison.OrdinalIgnoreCase) ? text[..^2] : text;
            if (double.TryParse(number.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0 && (!percent || parsed <= 100))
            {
                return new PlacementLength(parsed, percent);
            }
        }

        problems.Add($"details.placement.{name}: {value.GetRawText()} must be a number of pixels, \"<n>px\" or \"<n>%\" (0–100)");
        return null;
    }
}
