namespace IoActors.Apps.Definitions;

/// <summary>A set of app types, for the table of which <c>details</c> properties do something for which type.</summary>
[Flags]
internal enum AppTypeSet
{
    None = 0,
    Window = 1 << 0,
    Exe = 1 << 1,
    Node = 1 << 2,
    ClickOnce = 1 << 3,
    Citrix = 1 << 4,
    Workspaces = 1 << 5,
    WebGroup = 1 << 6,
    ChildWindow = 1 << 7,

    /// <summary>Windows of the web kind that the docs call "window": a child window is a window too.</summary>
    Windows = Window | ChildWindow,
    All = Window | Exe | Node | ClickOnce | Citrix | Workspaces | WebGroup | ChildWindow,
}
