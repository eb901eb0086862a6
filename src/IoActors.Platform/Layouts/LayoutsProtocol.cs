using System.Text.Json;

namespace IoActors.Platform.Layouts;

// ---- requests (to /user/platform/layouts); a refusal answers Status.Failure with a LayoutException ----

/// <summary>The saved layouts, of one type or all; the answer is an <c>IReadOnlyList&lt;PlatformLayout&gt;</c> ordered by type and name.</summary>
internal sealed record ListLayouts(string? Type);

/// <summary>One layout; the answer is a <see cref="LayoutLookup"/>.</summary>
internal sealed record GetLayout(string Type, string Name);

/// <summary>The answer to a lookup: the layout, or <see langword="null"/>.</summary>
internal sealed record LayoutLookup(PlatformLayout? Layout);

/// <summary>Stores a layout (new, or over the one of that type and name); the answer is the layout as stored.</summary>
internal sealed record StoreLayout(PlatformLayout Layout, bool SetAsCurrent, string? Token);

/// <summary>Removes a layout; the answer is the layout removed.</summary>
internal sealed record DeleteLayout(string Type, string Name, string? Token);

/// <summary>Renames a layout; the answer is the layout under its new name.</summary>
internal sealed record RenameLayout(string Type, string OldName, string NewName, string? Token);

/// <summary>Replaces a layout's metadata; the answer is the layout as stored.</summary>
internal sealed record UpdateLayoutMetadata(string Type, string Name, JsonElement Metadata, string? Token);

/// <summary>Imports layouts: merged over the stored ones, or replacing all of them; the answer is the layouts imported.</summary>
internal sealed record ImportLayouts(IReadOnlyList<PlatformLayout> Layouts, bool Replace, string? Token);

/// <summary>Chooses (a name) or clears (<see langword="null"/>) the default Global layout; the answer is a <see cref="LayoutLookup"/> of it.</summary>
internal sealed record SetDefaultLayout(string? Name, string? Token);

/// <summary>The default Global layout; the answer is a <see cref="LayoutLookup"/>.</summary>
internal sealed record GetDefaultLayout;

/// <summary>The current layout (the last restored, or saved with <c>setAsCurrent</c>); the answer is a <see cref="LayoutLookup"/>.</summary>
internal sealed record GetCurrentLayout;

/// <summary>A restore finished: the layout becomes the current one and <see cref="LayoutRestored"/> is published; the answer is the same message.</summary>
internal sealed record LayoutWasRestored(PlatformLayout Layout, string Status, string? Token);

// ---- journaled ----

/// <summary>A layout was stored (journaled).</summary>
internal sealed record LayoutStored(PlatformLayout Layout);

/// <summary>A layout was removed (journaled).</summary>
internal sealed record LayoutDeleted(string Type, string Name);

/// <summary>A layout was renamed (journaled).</summary>
internal sealed record LayoutNameChanged(string Type, string OldName, string NewName, DateTimeOffset At);

/// <summary>Layouts were imported (journaled); <paramref name="Replace"/> dropped every other layout.</summary>
internal sealed record LayoutsImported(IReadOnlyList<PlatformLayout> Layouts, bool Replace);

/// <summary>The default Global layout was chosen or cleared (journaled).</summary>
internal sealed record DefaultLayoutStored(string? Name);

/// <summary>Every stored layout and the default (a snapshot of the layouts journal).</summary>
internal sealed record LayoutsSnapshot(IReadOnlyList<PlatformLayout> Layouts, string? DefaultName);
