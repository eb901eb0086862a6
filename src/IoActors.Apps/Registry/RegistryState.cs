using IoActors.Apps.Definitions;

namespace IoActors.Apps.Registry;

/// <summary>
/// The registry's merged view as a pure, single-threaded state machine: applies store sets, resolves name conflicts and
/// yields the events of each change. The actor wraps it; the benchmark drives it directly.
/// </summary>
internal sealed class RegistryState
{
    private readonly Dictionary<string, StoreEntry> _stores = new(StringComparer.Ordinal);

    // Stores ordered by rank (then id), rebuilt when a store appears or leaves; few stores, so a list is fastest.
    private List<StoreEntry> _ranked = [];
    private readonly Dictionary<string, RegisteredApp> _apps = new(StringComparer.Ordinal);

    // The conflict key (stores in rule order) last reported per name, so a conflict is reported once, not on every poll.
    private readonly Dictionary<string, string> _reportedConflicts = new(StringComparer.Ordinal);

    /// <summary>The sequence number of the last event.</summary>
    public long Sequence { get; private set; }

    /// <summary>The merged apps by name.</summary>
    public IReadOnlyDictionary<string, RegisteredApp> Apps => _apps;

    /// <summary>Whether a set from the store has been applied.</summary>
    public bool HasStore(string storeId) => _stores.ContainsKey(storeId);

    /// <summary>The store's current apps ordered by name, or empty.</summary>
    public IReadOnlyList<RegisteredApp> AppsOf(string storeId)
    {
        if (!_stores.TryGetValue(storeId, out var entry))
        {
            return [];
        }

        var list = new List<RegisteredApp>(entry.Apps.Count);
        foreach (var definition in entry.Apps.Values)
        {
            list.Add(new RegisteredApp(definition, entry.Id, entry.Kind));
        }

        list.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return list;
    }

    /// <summary>Every app ordered by name.</summary>
    public IReadOnlyList<RegisteredApp> Snapshot()
    {
        var list = new List<RegisteredApp>(_apps.Values);
        list.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return list;
    }

    /// <summary>Applies a store's complete set.</summary>
    /// <param name="snapshot">The set.</param>
    /// <param name="events">Receives the events, in sequence order.</param>
    /// <param name="conflicts">Receives newly appeared conflicts.</param>
    public void Apply(StoreSnapshot snapshot, List<RegistryEvent> events, List<AppNameConflict> conflicts)
    {
        var changed = new List<string>();
        if (!_stores.TryGetValue(snapshot.StoreId, out var entry))
        {
            entry = new StoreEntry(snapshot.StoreId, snapshot.Kind, snapshot.Rank);
            _stores.Add(entry.Id, entry);
            Rerank();
        }
        else if (entry.Kind != snapshot.Kind || entry.Rank != snapshot.Rank)
        {
            changed.AddRange(entry.Apps.Keys);
            entry.Kind = snapshot.Kind;
            entry.Rank = snapshot.Rank;
            Rerank();
        }

        var next = new Dictionary<string, AppDefinition>(snapshot.Definitions.Count, StringComparer.Ordinal);
        foreach (var definition in snapshot.Definitions)
        {
            // First wins if a store ever sends a duplicate name; stores reject duplicates themselves.
            if (!next.TryAdd(definition.Name, definition))
            {
                continue;
            }

            if (!entry.Apps.TryGetValue(definition.Name, out var old))
            {
                changed.Add(definition.Name);
            }
            else if (!ReferenceEquals(old, definition) && old.ContentHash != definition.ContentHash)
            {
                changed.Add(definition.Name);
            }
        }

        foreach (var name in entry.Apps.Keys)
        {
            if (!next.ContainsKey(name))
            {
                changed.Add(name);
            }
        }

        entry.Apps = next;
        Resolve(changed, events, conflicts);
    }

    /// <summary>Removes a store and its apps.</summary>
    public void RemoveStore(string storeId, List<RegistryEvent> events, List<AppNameConflict> conflicts)
    {
        if (!_stores.Remove(storeId, out var entry))
        {
            return;
        }

        Rerank();
        Resolve([.. entry.Apps.Keys], events, conflicts);
    }

    /// <summary>
    /// Resolves every name again from the stores' sets (after a change that did not finish): afterwards the merged view is
    /// what the sets give, and each difference to what was published is in <paramref name="events"/>.
    /// </summary>
    public void Reconcile(List<RegistryEvent> events, List<AppNameConflict> conflicts)
    {
        Rerank();
        var names = new List<string>(_apps.Keys);
        foreach (var store in _stores.Values)
        {
            names.AddRange(store.Apps.Keys);
        }

        Resolve(names, events, conflicts);
    }

    private void Rerank()
    {
        _ranked = [.. _stores.Values.OrderBy(s => s.Rank).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    private void Resolve(List<string> names, List<RegistryEvent> events, List<AppNameConflict> conflicts)
    {
        if (names.Count == 0)
        {
            return;
        }

        names.Sort(StringComparer.Ordinal);
        string? previousName = null;
        foreach (var name in names)
        {
            if (name == previousName)
            {
                continue;
            }

            previousName = name;
            StoreEntry? winner = null;
            AppDefinition? definition = null;
            List<string>? shadowed = null;
            foreach (var store in _ranked)
            {
                if (!store.Apps.TryGetValue(name, out var d))
                {
                    continue;
                }

                if (winner is null)
                {
                    winner = store;
                    definition = d;
                }
                else
                {
                    (shadowed ??= []).Add(store.Id);
                }
            }

            TrackConflict(name, winner, shadowed, conflicts);
            _apps.TryGetValue(name, out var current);
            if (winner is null)
            {
                if (current is not null)
                {
                    _apps.Remove(name);
                    events.Add(new AppRemoved(++Sequence, current));
                }

                continue;
            }

            var app = current is not null && ReferenceEquals(current.Definition, definition) && current.StoreId == winner.Id && current.StoreKind == winner.Kind
                ? current
                : new RegisteredApp(definition!, winner.Id, winner.Kind);
            _apps[name] = app;
            if (current is null)
            {
                events.Add(new AppAdded(++Sequence, app));
            }
            else if (current.ContentHash != app.ContentHash || current.IsSystem != app.IsSystem)
            {
                events.Add(new AppChanged(++Sequence, current, app));
            }
        }
    }

    private void TrackConflict(string name, StoreEntry? winner, List<string>? shadowed, List<AppNameConflict> conflicts)
    {
        if (winner is null || shadowed is null)
        {
            _reportedConflicts.Remove(name);
            return;
        }

        var key = winner.Id + "\n" + string.Join("\n", shadowed);
        if (_reportedConflicts.TryGetValue(name, out var reported) && reported == key)
        {
            return;
        }

        _reportedConflicts[name] = key;
        conflicts.Add(new AppNameConflict(name, winner.Id, shadowed));
    }

    private sealed class StoreEntry(string id, StoreKind kind, int rank)
    {
        public string Id { get; } = id;

        public StoreKind Kind { get; set; } = kind;

        public int Rank { get; set; } = rank;

        public Dictionary<string, AppDefinition> Apps { get; set; } = new(StringComparer.Ordinal);
    }
}
