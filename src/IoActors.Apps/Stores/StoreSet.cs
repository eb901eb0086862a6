using IoActors.Apps.Definitions;

namespace IoActors.Apps.Stores;

/// <summary>
/// A store's last delivered set. An update keeps the last good definition of every name whose new record was rejected,
/// and reports whether the content really changed (same instance or same canonical hash = unchanged).
/// </summary>
internal sealed class StoreSet
{
    private Dictionary<string, AppDefinition> _current = new(StringComparer.Ordinal);

    public long Version { get; private set; }

    public int Count => _current.Count;

    public IReadOnlyList<AppDefinition> Definitions => [.. _current.Values];

    public bool Contains(string name) => _current.ContainsKey(name);

    public IReadOnlyDictionary<string, AppDefinition> Current => _current;

    /// <summary>Replaces the set.</summary>
    /// <param name="accepted">The accepted definitions (names unique).</param>
    /// <param name="keep">Names whose last good definition stays when <paramref name="accepted"/> lacks them.</param>
    /// <returns>Whether the content changed.</returns>
    public bool Update(IReadOnlyList<AppDefinition> accepted, IReadOnlySet<string>? keep)
    {
        var next = new Dictionary<string, AppDefinition>(accepted.Count, StringComparer.Ordinal);
        foreach (var definition in accepted)
        {
            next.TryAdd(definition.Name, definition);
        }

        if (keep is not null)
        {
            foreach (var name in keep)
            {
                if (!next.ContainsKey(name) && _current.TryGetValue(name, out var old))
                {
                    next.Add(name, old);
                }
            }
        }

        var changed = next.Count != _current.Count;
        if (!changed)
        {
            foreach (var (name, definition) in next)
            {
                if (!_current.TryGetValue(name, out var old) || (!ReferenceEquals(old, definition) && old.ContentHash != definition.ContentHash))
                {
                    changed = true;
                    break;
                }
            }
        }

        if (changed)
        {
            _current = next;
            Version++;
        }

        return changed;
    }
}
