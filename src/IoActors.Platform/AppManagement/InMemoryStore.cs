using System.Text.Json;
using IoActors.Apps.Definitions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using Akka.Actor;
using Akka.Event;

namespace IoActors.Platform.AppManagement;

/// <summary>The in-memory app store of the App Management API (<c>io.appManager.inMemory</c>): only definitions provided at runtime.</summary>
public sealed class InMemoryStore
{
    private readonly IActorRef _stores;
    private readonly IActorRef _registry;
    private readonly TimeSpan _timeout;

    internal InMemoryStore(IActorRef stores, IActorRef registry, TimeSpan timeout)
    {
        _stores = stores;
        _registry = registry;
        _timeout = timeout;
    }

    /// <summary>
    /// Imports definitions (<c>import(definitions, mode)</c>); the registry has them when this completes. A definition
    /// whose name another store defines is stored but not in effect (the conflict rule ranks the in-memory store last):
    /// it is reported in <see cref="ImportResult.Shadowed"/>, with the store that wins, instead of in <see cref="ImportResult.Imported"/>.
    /// </summary>
    /// <param name="definitions">The definitions as JSON objects.</param>
    /// <param name="mode"><see cref="ImportMode.Replace"/> (the default) replaces every in-memory definition; <see cref="ImportMode.Merge"/> replaces same-named ones.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The imported names, the shadowed ones and the errors (<c>{app, error}</c>).</returns>
    public async Task<ImportResult> ImportAsync(IEnumerable<JsonElement> definitions, ImportMode mode = ImportMode.Replace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var result = await _stores.Ask<ImportResult>(new ImportApps(definitions.Select(d => d.Clone()).ToList(), mode), _timeout, cancellationToken).ConfigureAwait(false);
        if (result.Imported.Count == 0)
        {
            return result;
        }

        // The stores gave the registry the new set before answering, so it is in the registry's mailbox ahead of this.
        var snapshot = await _registry.Ask<AppsSnapshot>(GetApps.Instance, _timeout, cancellationToken).ConfigureAwait(false);
        var winners = snapshot.Apps.ToDictionary(a => a.Name, a => a.StoreId, StringComparer.Ordinal);
        var imported = new List<string>();
        var shadowed = new List<ShadowedImport>();
        foreach (var name in result.Imported)
        {
            if (winners.TryGetValue(name, out var store) && store != AppStores.InMemoryStoreId)
            {
                shadowed.Add(new ShadowedImport(name, store, $"store '{store}' also defines '{name}' and wins (the in-memory store ranks after every configured store); the imported definition is kept and takes effect if '{store}' drops the app"));
            }
            else
            {
                imported.Add(name);
            }
        }

        return shadowed.Count == 0 ? result : result with { Imported = imported, Shadowed = shadowed };
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
