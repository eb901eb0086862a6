namespace IoActors.Platform.Manager;

/// <summary>One local change the mirror sends to io.Manager; <see cref="Bytes"/> is what it holds in the queue.</summary>
internal abstract record MirrorChange
{
    /// <summary>The bytes of the change (its body), counted against the queue's bound.</summary>
    public abstract long Bytes { get; }

    /// <summary>What it touches, for coalescing: a newer change with the same key replaces a queued one.</summary>
    public abstract string Key { get; }

    /// <summary>The change for logs and events, e.g. <c>preferences of 'notes'</c>.</summary>
    public abstract string Describe { get; }
}

/// <summary>An app's preferences were set (<c>POST /user/prefs/</c> with the whole data, <c>merge: false</c>).</summary>
internal sealed record PrefsSetChange(string App, string Data) : MirrorChange
{
    public override long Bytes => ManagerWire.Bytes(Data) + ManagerWire.Bytes(App);

    public override string Key => "prefs:" + App;

    public override string Describe => $"the preferences of '{App}'";
}

/// <summary>An app's preferences were cleared (<c>DELETE /user/prefs/{app}</c>).</summary>
internal sealed record PrefsDeleteChange(string App) : MirrorChange
{
    public override long Bytes => ManagerWire.Bytes(App);

    public override string Key => "prefs:" + App;

    public override string Describe => $"clearing the preferences of '{App}'";
}

/// <summary>A layout was saved, imported or changed (<c>POST /user/layouts</c>).</summary>
internal sealed record LayoutSaveChange(string Type, string Name, string Definition) : MirrorChange
{
    public override long Bytes => ManagerWire.Bytes(Definition) + ManagerWire.Bytes(Name);

    public override string Key => $"layout:{Type}/{Name}";

    public override string Describe => $"saving the {Type} layout '{Name}'";
}

/// <summary>A layout was removed (<c>DELETE /user/layouts/{id}</c>).</summary>
internal sealed record LayoutDeleteChange(string Type, string Name) : MirrorChange
{
    public override long Bytes => ManagerWire.Bytes(Name);

    public override string Key => $"layout:{Type}/{Name}";

    public override string Describe => $"removing the {Type} layout '{Name}'";
}

/// <summary>A layout was renamed (<c>POST /user/layouts/{id}/rename</c>; saved under its new name when io.Manager has no id for it).</summary>
internal sealed record LayoutRenameChange(string Type, string OldName, string NewName, string Definition) : MirrorChange
{
    public override long Bytes => ManagerWire.Bytes(Definition) + ManagerWire.Bytes(OldName) + ManagerWire.Bytes(NewName);

    // A rename touches two names: it is never coalesced.
    public override string Key => $"rename:{Type}/{OldName}/{NewName}";

    public override string Describe => $"renaming the {Type} layout '{OldName}' to '{NewName}'";
}

/// <summary>The default Global layout was chosen or cleared (<c>POST /user/layouts/default</c>).</summary>
internal sealed record DefaultLayoutChange(string? Name) : MirrorChange
{
    public override long Bytes => ManagerWire.Bytes(Name);

    public override string Key => "default-layout";

    public override string Describe => Name is null ? "clearing the default layout" : $"choosing '{Name}' as the default layout";
}

/// <summary>Asks the mirror to answer <see cref="ManagerImportDone"/> once the import at start is over (done, failed or skipped).</summary>
internal sealed record WaitForManagerImport
{
    public static WaitForManagerImport Instance { get; } = new();
}

/// <summary>
/// Asks the mirror to answer <see cref="ManagerMirrorFlushed"/> once every queued change is delivered, or at once when
/// io.Manager cannot be reached (a retry is pending) or the import at start is not over; sent before goodbye at shutdown.
/// </summary>
internal sealed record FlushManagerMirror
{
    public static FlushManagerMirror Instance { get; } = new();
}

/// <summary>The answer to <see cref="FlushManagerMirror"/>: how many changes were still not delivered.</summary>
internal sealed record ManagerMirrorFlushed(int Remaining);

/// <summary>The answer to <see cref="WaitForManagerImport"/>.</summary>
internal sealed record ManagerImportDone
{
    public static ManagerImportDone Instance { get; } = new();
}

/// <summary>
/// Published when the import at start is over: how many apps' preferences and layouts were imported, the default layout,
/// and what went wrong (empty when all went in). <see cref="Skipped"/> when io.Manager did not answer at start.
/// </summary>
internal sealed record ManagerStateImported(int Preferences, int Layouts, string? DefaultLayout, IReadOnlyList<string> Problems, bool Skipped);

/// <summary>Published when a change could not be delivered and will be sent again after <paramref name="Delay"/> (the retry timer is armed).</summary>
internal sealed record ManagerChangeRetrying(string Change, TimeSpan Delay, string Cause, int QueuedChanges);

/// <summary>Published when a change was delivered to io.Manager, or refused by it for good (<paramref name="Refusal"/>).</summary>
internal sealed record ManagerChangeDelivered(string Change, string? Refusal);
