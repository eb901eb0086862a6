namespace IoActors.Apps.Definitions;

/// <summary>The documented app types (the <c>"type"</c> top-level key of an app definition).</summary>
public enum AppType
{
    /// <summary>The type is missing or not one of the documented values.</summary>
    Unknown = 0,

    /// <summary><c>"window"</c>: a web app in an io.Connect Window; needs <c>details.url</c>.</summary>
    Window,

    /// <summary><c>"exe"</c>: a native executable or batch file; needs <c>details.path</c>.</summary>
    Exe,

    /// <summary><c>"node"</c>: a Node.js script; needs <c>details.path</c> or <c>details.remote.url</c>.</summary>
    Node,

    /// <summary><c>"clickonce"</c>: a ClickOnce app; needs <c>details.url</c>.</summary>
    ClickOnce,

    /// <summary><c>"citrix"</c>: a Citrix Virtual App; needs <c>details.name</c> (the published name).</summary>
    Citrix,

    /// <summary><c>"workspaces"</c>: a Workspaces App; nothing is required in <c>details</c>.</summary>
    Workspaces,

    /// <summary><c>"webGroup"</c>: the Web Group App; needs <c>details.url</c>.</summary>
    WebGroup,

    /// <summary><c>"childWindow"</c>: a window owned by another app; needs <c>details.owner</c>.</summary>
    ChildWindow,
}
