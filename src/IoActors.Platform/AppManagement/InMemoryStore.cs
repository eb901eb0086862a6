using System.Text.Json;
using IoActors.Apps.Definitions;
using IoActors.Apps.Stores;
using IoActors.Kernel;

namespace IoActors.Platform.AppManagement;

/// <summary>The in-memory app store of the App Management API (<c>io.appManager.inMemory</c>): only definitions provided at runtime.</summary>
public sealed class InMemoryStore
{
    private readonly IActorRef _stores;
    private readonly TimeSpan _timeout;

    internal InMemoryStore(IActorRef stores, TimeSpan timeout)
    {
        _stores = stores;
        _timeout = timeout;
    }

    /// <summary>Imports definitions (<c>import(definitions, mode)</c>); the registry has them when this completes.</summary>
    /// <param name="definitions">The definitions as JSON objects.</param>
    /// <param name="mode"><see cref="ImportMode.Replace"/> (the default) replaces every in-memory definition; <see cref="ImportMode.Merge"/> replaces same-named ones.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The imported names and the errors (<c>{app, error}</c>).</returns>
    public Task<ImportResult> ImportAsync(IEnumerable<JsonElement> definitions, ImportMode mode = ImportMode.Replace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        return _stores.Ask<ImportResult>(new ImportApps(definitions.Select(d => d.Clone()).ToList(), mode), _timeout, cancellationToken);
    }

    /// <summary>Exports the in-memory definitions (<c>export()</c>).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The definitions.</returns>
    public async Task<IReadOnlyList<AppDefinition>> ExportAsync(CancellationToken cancellationToken = default) =>
        (await _stores.Ask<ExportResult>(ExportApps.Instance, _timeout, cancellationToken).ConfigureAwait(false)).Definitions;

    /// <summary>Removes one in-memory definition (<c>remove(name)</c>).</summary>
    /// <param name="name">The app name.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Whether it existed.</returns>
    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken = default) =>
        (await _stores.Ask<RemoveInMemoryAppResult>(new RemoveInMemoryApp(name), _timeout, cancellationToken).ConfigureAwait(false)).Removed;

    /// <summary>Removes every in-memory definition (<c>clear()</c>).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The removed names.</returns>
    public async Task<IReadOnlyList<string>> ClearAsync(CancellationToken cancellationToken = default) =>
        (await _stores.Ask<ClearInMemoryAppsResult>(ClearInMemoryApps.Instance, _timeout, cancellationToken).ConfigureAwait(false)).Removed;
}
