namespace IoActors.Apps.Definitions;

/// <summary>Which documented <c>details</c> properties do something for which app types (from the "valid only for apps of type" notes).</summary>
internal static class DetailsApplicability
{
    private const AppTypeSet W = AppTypeSet.Windows;
    private const AppTypeSet NativeLike = W | AppTypeSet.Exe | AppTypeSet.ClickOnce | AppTypeSet.Citrix;
    private const AppTypeSet Sized = AppTypeSet.All & ~AppTypeSet.Node;

    public static readonly IReadOnlyDictionary<string, AppTypeSet> Table = new Dictionary<string, AppTypeSet>(StringComparer.Ordinal)
    {
        ["mode"] = W,
        ["nativeWindowOpen"] = W,
        ["reloadOptions"] = W,
        ["navigation"] = W,
        ["windowOpen"] = W,
        ["backgroundThrottling"] = W,
        ["docking"] = W,
        ["hideGroupHeader"] = W,
        ["stickyGroup"] = W,
        ["downloadSettings"] = W,
        ["print"] = W,
        ["printToPdfSettings"] = W,
        ["userAgent"] = W,
        ["hasSizeAreas"] = W,
        ["urlLoadOptions"] = W,
        ["saveCurrentUrlInLayout"] = W,
        ["saveCurrentTitleInLayout"] = W,
        ["cascade"] = NativeLike,
        ["showStickyButton"] = NativeLike,
        ["showFeedbackButton"] = NativeLike,
        ["showCloneButton"] = NativeLike,
        ["allowCollapse"] = NativeLike,
        ["saveInLayout"] = NativeLike,
        ["placement"] = W | AppTypeSet.Exe,
        ["jumpList"] = W | AppTypeSet.Exe | AppTypeSet.ClickOnce | AppTypeSet.Workspaces,
        ["zoom"] = W | AppTypeSet.Workspaces | AppTypeSet.WebGroup,
        ["syncTitleWithDocumentTitle"] = W | AppTypeSet.Workspaces,
        ["width"] = Sized,
        ["height"] = Sized,
        ["minWidth"] = Sized,
        ["minHeight"] = Sized,
        ["maxWidth"] = Sized,
        ["maxHeight"] = Sized,
        ["left"] = Sized,
        ["top"] = Sized,
        ["nodeVersion"] = AppTypeSet.Node,
        ["showConsole"] = AppTypeSet.Node,
        ["remote"] = AppTypeSet.Node,
        ["command"] = AppTypeSet.Exe,
        ["parameters"] = AppTypeSet.Exe | AppTypeSet.Citrix | AppTypeSet.Node,
        ["layouts"] = AppTypeSet.Workspaces,
        ["updateFrameConstraints"] = AppTypeSet.Workspaces,
        ["framePool"] = AppTypeSet.Workspaces,
        ["pool"] = AppTypeSet.WebGroup,
        ["autoOpenDevTools"] = W | AppTypeSet.WebGroup,
        ["preloadScripts"] = W | AppTypeSet.WebGroup,
        ["appParameters"] = AppTypeSet.ClickOnce,
        ["url"] = W | AppTypeSet.ClickOnce | AppTypeSet.WebGroup | AppTypeSet.Workspaces,
        ["path"] = AppTypeSet.Exe | AppTypeSet.Node,
        ["owner"] = AppTypeSet.ChildWindow,
    };

    /// <summary><see cref="Table"/> keyed by the very strings <see cref="KnownNames.Get"/> returns (a reference lookup: no hashing of the name).</summary>
    public static readonly Dictionary<string, AppTypeSet> ByName = new(Table, ReferenceEqualityComparer.Instance);

    public static AppTypeSet ToSet(AppType type) => type switch
    {
        AppType.Window => AppTypeSet.Window,
        AppType.Exe => AppTypeSet.Exe,
        AppType.Node => AppTypeSet.Node,
        AppType.ClickOnce => AppTypeSet.ClickOnce,
        AppType.Citrix => AppTypeSet.Citrix,
        AppType.Workspaces => AppTypeSet.Workspaces,
        AppType.WebGroup => AppTypeSet.WebGroup,
        AppType.ChildWindow => AppTypeSet.ChildWindow,
        _ => AppTypeSet.None,
    };

    public static string Describe(AppTypeSet set)
    {
        var names = new List<string>();
        foreach (var (flag, name) in Names)
        {
            if ((set & flag) != 0)
            {
                names.Add(name);
            }
        }

        return string.Join(", ", names);
    }

    private static readonly (AppTypeSet Flag, string Name)[] Names =
    [
        (AppTypeSet.Window, "window"), (AppTypeSet.Exe, "exe"), (AppTypeSet.Node, "node"), (AppTypeSet.ClickOnce, "clickonce"),
        (AppTypeSet.Citrix, "citrix"), (AppTypeSet.Workspaces, "workspaces"), (AppTypeSet.WebGroup, "webGroup"), (AppTypeSet.ChildWindow, "childWindow"),
    ];
}
