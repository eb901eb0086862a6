using System.Text.Json;
using System.Text.RegularExpressions;
using IoActors.Apps.Definitions;

namespace IoActors.Platform.Instances.Windows;

/// <summary>How the window title follows <c>document.title</c> (<c>details.syncTitleWithDocumentTitle</c>).</summary>
internal enum TitleSync
{
    /// <summary>The title follows <c>document.title</c> (the default).</summary>
    Follow,

    /// <summary>The title stays the instance's.</summary>
    Off,

    /// <summary>Follows <c>document.title</c> until a custom title is set, which then wins.</summary>
    PreserveCustomTitle,
}

/// <summary>The window details the Chromium host applies, read from the effective definition; bad values are errors naming the field.</summary>
internal sealed record WindowDetails(
    string? Url,
    int? Left,
    int? Top,
    int? Width,
    int? Height,
    bool Hidden,
    int MaxReloads,
    TimeSpan ReloadInterval,
    TitleSync TitleSync,
    double ZoomFactor,
    Regex? NavigationAllowed,
    Regex? WindowOpenAllowed,
    bool DownloadsEnabled,
    string? DownloadPath,
    WindowPlacement? Placement = null)
{
    /// <summary>Reads the details of <paramref name="definition"/>.</summary>
    /// <exception cref="LaunchException">A detail has a value of the wrong kind or out of range; the message names it.</exception>
    public static WindowDetails Read(AppDefinition definition)
    {
        var problems = new List<string>();
        var reload = DetailsReader.Element(definition, "reloadOptions");
        var zoom = DetailsReader.Element(definition, "zoom");
        var zoomFactor = DetailsReader.Number(zoom, "defaultFactor") ?? 100;
        if (zoomFactor is < 25 or > 500)
        {
            problems.Add($"details.zoom.defaultFactor: {zoomFactor} must be within 25 to 500");
            zoomFactor = 100;
        }

        var downloads = DetailsReader.Element(definition, "downloadSettings");
        var details = new WindowDetails(
            DetailsReader.String(definition, "url"),
            Int(definition, "left", problems),
            Int(definition, "top", problems),
            Int(definition, "width", problems, min: 1),
            Int(definition, "height", problems, min: 1),
            DetailsReader.Bool(definition.Details, "hidden") ?? false,
            (int)Math.Max(0, DetailsReader.Number(reload, "maxAttempts") ?? 0),
            TimeSpan.FromMilliseconds(Math.Max(0, DetailsReader.Number(reload, "timeout") ?? 0)),
            ReadTitleSync(definition, problems),
            zoomFactor / 100,
            Pattern(DetailsReader.Element(definition, "navigation"), "navigation", problems),
            Pattern(DetailsReader.Element(definition, "windowOpen"), "windowOpen", problems),
            DetailsReader.Bool(downloads, "enable") ?? true,
            DetailsReader.String(downloads, "path"),
            WindowPlacement.Read(DetailsReader.Element(definition, "placement"), problems));
        if (problems.Count > 0)
        {
            throw new LaunchException($"{definition.TypeName} app '{definition.Name}': " + string.Join("; ", problems));
        }

        return details;
    }

    private static int? Int(AppDefinition definition, string name, List<string> problems, int min = int.MinValue)
    {
        var element = DetailsReader.Element(definition, name);
        switch (element.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when element.TryGetDouble(out var value) && value >= min && value <= int.MaxValue:
                return (int)Math.Round(value);
            default:
                problems.Add($"details.{name}: {element.GetRawText()} must be a number{(min > int.MinValue ? $" >= {min}" : string.Empty)}");
                return null;
        }
    }

    private static TitleSync ReadTitleSync(AppDefinition definition, List<string> problems)
    {
        var element = DetailsReader.Element(definition, "syncTitleWithDocumentTitle");
        switch (element.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.True:
                return TitleSync.Follow;
            case JsonValueKind.False:
                return TitleSync.Off;
            case JsonValueKind.String when element.GetString() == "preserveCustomTitle":
                return TitleSync.PreserveCustomTitle;
            default:
                problems.Add($"details.syncTitleWithDocumentTitle: {element.GetRawText()} must be true, false or \"preserveCustomTitle\"");
                return TitleSync.Follow;
        }
    }

    private static Regex? Pattern(JsonElement obj, string name, List<string> problems)
    {
        if (DetailsReader.String(obj, "allowed") is not { } pattern)
        {
            return null;
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            problems.Add($"details.{name}.allowed: \"{pattern}\" is not a valid regular expression ({e.Message})");
            return null;
        }
    }
}
