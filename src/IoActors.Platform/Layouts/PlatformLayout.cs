using System.Text.Json;

namespace IoActors.Platform.Layouts;

/// <summary>
/// A saved layout (<c>io.layouts</c>), in its headless meaning: the instances that ran when it was saved, each as a
/// component with its app, context, title and the bounds its window reported.
/// </summary>
/// <param name="Name">The name, unique per type.</param>
/// <param name="Type">The layout type: <c>Global</c> (what <c>save</c> records), or a type an import brought in
/// (<c>ApplicationDefault</c>, <c>Workspace</c>, <c>Activity</c>, <c>Swimlane</c>), kept as given.</param>
/// <param name="Components">The components, in the order the instances started.</param>
/// <param name="Context">The layout's context (a JSON object, empty when none was given).</param>
/// <param name="Metadata">The layout's metadata (a JSON object, empty when none was given).</param>
/// <param name="Version">The layout format version (1 for what IoActors saves; kept as given on import).</param>
/// <param name="SavedAt">When it was saved, imported or last changed.</param>
public sealed record PlatformLayout(
    string Name,
    string Type,
    IReadOnlyList<LayoutComponent> Components,
    JsonElement Context,
    JsonElement Metadata,
    int Version,
    DateTimeOffset SavedAt);

/// <summary>One component of a layout: a window instance of an app (io.Connect's <c>LayoutComponent</c>).</summary>
/// <param name="Type">The component type: <c>window</c> for what IoActors saves.</param>
/// <param name="Application">The app's name.</param>
/// <param name="State">The component's state, a JSON object: <c>instanceId</c>, <c>context</c>, <c>title</c> and, when
/// known, <c>bounds</c> (<c>{left, top, width, height}</c>); an imported layout keeps whatever it carries.</param>
public sealed record LayoutComponent(string Type, string Application, JsonElement State);

/// <summary>What <see cref="LayoutsManager.SaveAsync"/> saves (<c>io.layouts.save</c>).</summary>
/// <param name="Name">The layout name.</param>
public sealed record LayoutSaveRequest(string Name)
{
    /// <summary>The type; only <c>Global</c> is saved from running instances.</summary>
    public string Type { get; init; } = LayoutTypes.Global;

    /// <summary>The layout's context, or <see langword="null"/> for none.</summary>
    public JsonElement? Context { get; init; }

    /// <summary>The layout's metadata, or <see langword="null"/> for none.</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>Instances to leave out (<c>ignoreInstances</c>).</summary>
    public IReadOnlyList<string>? IgnoreInstances { get; init; }

    /// <summary>Only these instances (<c>instances</c>), or <see langword="null"/> for every running one.</summary>
    public IReadOnlyList<string>? Instances { get; init; }

    /// <summary>Whether the saved layout becomes the current one (<c>setAsCurrent</c>).</summary>
    public bool SetAsCurrent { get; init; }

    /// <summary>Whether to save the components without their contexts (<c>ignoreContexts</c>).</summary>
    public bool IgnoreContexts { get; init; }

    /// <summary>
    /// What the instances' own clients reported for the save (io.Connect asks each window for its save context), by
    /// instance ID; an instance without a report is saved with its current context and its definition's bounds.
    /// </summary>
    public IReadOnlyDictionary<string, LayoutInstanceReport>? Reported { get; init; }

    /// <summary>A correlation token the change event carries back (the client waits for the event of its own request).</summary>
    public string? Token { get; init; }
}

/// <summary>What an instance's client reported when a layout was saved.</summary>
/// <param name="Context">The context to save for it (its <c>onSaveRequested</c> answer), or <see langword="null"/>.</param>
/// <param name="Bounds">Its window's bounds (<c>{left, top, width, height}</c>), or <see langword="null"/> when it has no window.</param>
public sealed record LayoutInstanceReport(JsonElement? Context, JsonElement? Bounds);

/// <summary>What <see cref="LayoutsManager.RestoreAsync"/> restores (<c>io.layouts.restore</c>).</summary>
/// <param name="Name">The layout name.</param>
public sealed record LayoutRestoreRequest(string Name)
{
    /// <summary>The type of the layout to restore.</summary>
    public string Type { get; init; } = LayoutTypes.Global;

    /// <summary>A context merged over each component's context (its top-level properties win), or <see langword="null"/>.</summary>
    public JsonElement? Context { get; init; }

    /// <summary>Whether the running instances are stopped first (<c>closeRunningInstances</c>, default on); service apps stay.</summary>
    public bool CloseRunningInstances { get; init; } = true;

    /// <summary>Instances not to stop (<c>closeMe: false</c> puts the caller here).</summary>
    public IReadOnlyList<string>? ExcludeFromClosing { get; init; }

    /// <summary>A correlation token the restored event carries back.</summary>
    public string? Token { get; init; }
}

/// <summary>What a restore did.</summary>
/// <param name="Layout">The layout restored.</param>
/// <param name="Started">The instances started, one per component that started.</param>
/// <param name="Failed">The components that did not start, with why.</param>
/// <param name="Stopped">The instances stopped before the start.</param>
public sealed record LayoutRestoreResult(PlatformLayout Layout, IReadOnlyList<Instances.InstanceInfo> Started, IReadOnlyList<LayoutComponentFailure> Failed, IReadOnlyList<string> Stopped)
{
    /// <summary><c>Success</c> (every component started), <c>PartialSuccess</c> (some did) or <c>Failed</c> (none did, of at least one).</summary>
    public string Status => Failed.Count == 0 ? "Success" : Started.Count > 0 ? "PartialSuccess" : "Failed";
}

/// <summary>A layout component that did not start on restore.</summary>
/// <param name="Application">The component's app.</param>
/// <param name="Reason">Why (unknown app, failed start).</param>
public sealed record LayoutComponentFailure(string Application, string Reason);

/// <summary>The layout types io.Connect names.</summary>
public static class LayoutTypes
{
    /// <summary>A layout of running app instances (what <c>save</c> records).</summary>
    public const string Global = "Global";

    /// <summary>Every type a layout may have (<c>Global</c>, <c>ApplicationDefault</c>, <c>Workspace</c>, <c>Activity</c>, <c>Swimlane</c>).</summary>
    public static IReadOnlyList<string> All { get; } = [Global, "ApplicationDefault", "Workspace", "Activity", "Swimlane"];
}

/// <summary>A layout request was refused: a blank or unknown name, an unknown type, an invalid import, or a size bound.</summary>
public sealed class LayoutException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong, naming the layout, the field and the value.</param>
    public LayoutException(string message)
        : base(message)
    {
    }

    internal LayoutException(string message, bool unknownLayout)
        : base(message)
    {
        IsUnknownLayout = unknownLayout;
    }

    /// <summary>Whether the request named a layout that is not saved (rather than being malformed or past a bound).</summary>
    public bool IsUnknownLayout { get; }
}

/// <summary>A change of the saved layouts, published on the event stream (and the HTTP API's event stream).</summary>
public abstract record LayoutEvent
{
    /// <summary>The correlation token of the request that caused it, or <see langword="null"/>.</summary>
    public string? Token { get; init; }
}

/// <summary>A layout was saved or imported under a new name.</summary>
/// <param name="Layout">The layout.</param>
public sealed record LayoutAdded(PlatformLayout Layout) : LayoutEvent;

/// <summary>A layout was saved again, imported over, or its metadata updated.</summary>
/// <param name="Layout">The layout as it is now.</param>
public sealed record LayoutChanged(PlatformLayout Layout) : LayoutEvent;

/// <summary>A layout was removed (or dropped by an import that replaced them all).</summary>
/// <param name="Layout">The layout as it was.</param>
public sealed record LayoutRemoved(PlatformLayout Layout) : LayoutEvent;

/// <summary>A layout was renamed.</summary>
/// <param name="Layout">The layout under its new name.</param>
/// <param name="OldName">Its previous name.</param>
public sealed record LayoutRenamed(PlatformLayout Layout, string OldName) : LayoutEvent;

/// <summary>A layout was restored.</summary>
/// <param name="Layout">The layout.</param>
/// <param name="Status">The restore's status (<see cref="LayoutRestoreResult.Status"/>).</param>
public sealed record LayoutRestored(PlatformLayout Layout, string Status) : LayoutEvent;

/// <summary>The default Global layout (restored when the platform has booted) was chosen or cleared.</summary>
/// <param name="Name">The default layout's name, or <see langword="null"/> once cleared.</param>
public sealed record DefaultLayoutChanged(string? Name) : LayoutEvent;
