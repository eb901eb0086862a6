using System.Text.Json;
using IoActors.Apps.Definitions;

namespace IoActors.Apps.Stores;

/// <summary>How <see cref="ImportApps"/> treats the definitions already in the in-memory store.</summary>
public enum ImportMode
{
    /// <summary>The imported set replaces the store's content: apps it lacks are removed (AppRemoved events).</summary>
    Replace = 0,

    /// <summary>The imported definitions are added or replace those with the same name; nothing is removed.</summary>
    Merge,
}

/// <summary>
/// Imports definitions into the in-memory store (send to the stores supervisor or the in-memory store). Reply:
/// <see cref="ImportResult"/>, sent after the registry has been given the new set.
/// </summary>
/// <param name="Definitions">The definition objects (io.Connect or FDC3); each is validated and normalized on its own.</param>
/// <param name="Mode">Replace (the default) or merge.</param>
public sealed record ImportApps(IReadOnlyList<JsonElement> Definitions, ImportMode Mode = ImportMode.Replace);

/// <summary>One definition that was not imported.</summary>
/// <param name="App">The app name, or the position (<c>#3</c>) when the definition has no name.</param>
/// <param name="Error">Every problem, <c>path: message</c>, joined by "; ".</param>
public sealed record ImportError(string App, string Error);

/// <summary>Reply to <see cref="ImportApps"/>.</summary>
/// <param name="Imported">The names imported, in input order.</param>
/// <param name="Errors">The definitions rejected, with their errors.</param>
public sealed record ImportResult(IReadOnlyList<string> Imported, IReadOnlyList<ImportError> Errors)
{
    /// <summary>
    /// Definitions stored but not in effect because a store the conflict rule ranks higher defines the same name (not
    /// in <see cref="Imported"/>). Filled by the App Management API (<c>AppManager.InMemory</c>), which asks the
    /// registry; the store itself does not know the other stores and leaves it empty. The default is none.
    /// </summary>
    public IReadOnlyList<ShadowedImport> Shadowed { get; init; } = [];
}

/// <summary>An imported definition hidden by another store's definition of the same name.</summary>
/// <param name="App">The app name.</param>
/// <param name="By">The id of the store whose definition is in effect.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record ShadowedImport(string App, string By, string Reason);

/// <summary>Query: every in-memory definition. Reply: <see cref="ExportResult"/>.</summary>
public sealed record ExportApps
{
    /// <summary>The shared instance.</summary>
    public static ExportApps Instance { get; } = new();
}

/// <summary>Reply to <see cref="ExportApps"/>.</summary>
/// <param name="Definitions">The in-memory definitions, in import order.</param>
public sealed record ExportResult(IReadOnlyList<AppDefinition> Definitions);

/// <summary>Removes one in-memory definition. Reply: <see cref="RemoveInMemoryAppResult"/>.</summary>
/// <param name="Name">The app name.</param>
public sealed record RemoveInMemoryApp(string Name);

/// <summary>Reply to <see cref="RemoveInMemoryApp"/>.</summary>
/// <param name="Name">The app name.</param>
/// <param name="Removed">Whether the store held it.</param>
public sealed record RemoveInMemoryAppResult(string Name, bool Removed);

/// <summary>Removes every in-memory definition. Reply: <see cref="ClearInMemoryAppsResult"/>.</summary>
public sealed record ClearInMemoryApps
{
    /// <summary>The shared instance.</summary>
    public static ClearInMemoryApps Instance { get; } = new();
}

/// <summary>Reply to <see cref="ClearInMemoryApps"/>.</summary>
/// <param name="Removed">The names removed.</param>
public sealed record ClearInMemoryAppsResult(IReadOnlyList<string> Removed);

/// <summary>Query: whether the in-memory store holds a definition. Reply: <see cref="HasInMemoryAppResult"/>.</summary>
/// <param name="Name">The app name.</param>
public sealed record HasInMemoryApp(string Name);

/// <summary>Reply to <see cref="HasInMemoryApp"/>.</summary>
/// <param name="Name">The app name.</param>
/// <param name="Exists">Whether the in-memory store holds it.</param>
public sealed record HasInMemoryAppResult(string Name, bool Exists);
