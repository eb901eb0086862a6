using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <summary>
/// Maps a property's raw UTF-8 name to the interned string of a documented property name without allocating, so that
/// validating thousands of definitions does not allocate a string per property. Unknown names map to <see langword="null"/>.
/// </summary>
internal static class KnownNames
{
    private static readonly string[] Names =
    [
        // Top level.
        "name", "type", "title", "icon", "caption", "tooltip", "service", "autoStart", "hidden", "allowMultiple", "ignoreSavedLayout",
        "allowWorkspaceDrop", "keywords", "supportEmails", "customProperties", "asset", "assets", "runPriority", "details", "restartPolicy",
        // details (see DetailsApplicability and the validator's switch).
        "url", "path", "owner", "command", "parameters", "stickyGroup", "userAgent", "nodeVersion", "mode", "backgroundThrottling",
        "hideGroupHeader", "showStickyButton", "showFeedbackButton", "showCloneButton", "allowCollapse", "hasSizeAreas",
        "autoOpenDevTools", "showConsole", "updateFrameConstraints", "default", "width", "height", "minWidth", "minHeight",
        "maxWidth", "maxHeight", "left", "top", "framePool", "preloadScripts", "layouts", "pool", "appParameters", "remote",
        "syncTitleWithDocumentTitle", "zoom", "placement", "docking", "nativeWindowOpen", "saveInLayout", "saveCurrentUrlInLayout",
        "saveCurrentTitleInLayout", "reloadOptions", "navigation", "windowOpen", "downloadSettings", "cascade", "jumpList", "print",
        "printToPdfSettings", "urlLoadOptions",
    ];

    // Keyed by (length, first byte, last byte, a middle byte): collisions are resolved by comparing the bytes.
    private static readonly Dictionary<int, (byte[] Utf8, string Name)[]> Table = Build();

    /// <summary>The interned documented name of <paramref name="property"/>, or <see langword="null"/> when it is not one.</summary>
    public static string? Get(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.Length == 0 || !Table.TryGetValue(Key(raw), out var candidates))
        {
            return raw.IndexOf((byte)'\\') >= 0 ? Intern(property.Name) : null;
        }

        foreach (var (utf8, name) in candidates)
        {
            if (raw.SequenceEqual(utf8))
            {
                return name;
            }
        }

        return raw.IndexOf((byte)'\\') >= 0 ? Intern(property.Name) : null;
    }

    private static string? Intern(string name) => Array.Find(Names, n => n == name);

    private static int Key(ReadOnlySpan<byte> raw) => (raw.Length << 24) | (raw[0] << 16) | (raw[^1] << 8) | raw[raw.Length / 2];

    private static Dictionary<int, (byte[] Utf8, string Name)[]> Build()
    {
        var table = new Dictionary<int, (byte[] Utf8, string Name)[]>();
        foreach (var name in Names.Distinct())
        {
            var utf8 = Encoding.UTF8.GetBytes(name);
            var key = Key(utf8);
            table[key] = table.TryGetValue(key, out var existing) ? [.. existing, (utf8, name)] : [(utf8, name)];
        }

        return table;
    }
}
