using System.Security.Cryptography;
using System.Text;
using IoActors.Apps.Definitions;

namespace IoActors.Host.Api;

/// <summary>
/// The serialized body of <c>GET /api/apps</c> for one registry sequence number: apps change far less often than they
/// are listed, so a list is serialized once per change instead of once per request. Only the closed set of filters is
/// kept (the whole list and one list per store kind), so the cache holds at most four bodies whatever callers send; a
/// filter on a store's source is serialized per request.
/// </summary>
internal sealed class AppsResponseCache
{
    // Sequence numbers restart with the process: the epoch keeps an old entity tag from matching a new set.
    private readonly string _epoch = Guid.NewGuid().ToString("N")[..12];
    private readonly object _gate = new();
    private readonly Dictionary<string, byte[]> _bodies = new(StringComparer.Ordinal);
    private long _sequence = -1;

    /// <summary>How many bodies are cached (at most one per cacheable filter).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _bodies.Count;
            }
        }
    }

    /// <summary>The body for <paramref name="store"/> at <paramref name="sequence"/>; built with <paramref name="build"/> on a miss.</summary>
    /// <param name="sequence">The registry sequence number the list is from.</param>
    /// <param name="store">The <c>?store=</c> filter, or <see langword="null"/> for the whole list.</param>
    /// <param name="build">Serializes the list.</param>
    public byte[] Get(long sequence, string? store, Func<byte[]> build)
    {
        if (CacheKey(store) is not { } key)
        {
            return build();
        }

        lock (_gate)
        {
            if (sequence == _sequence && _bodies.TryGetValue(key, out var cached))
            {
                return cached;
            }
        }

        var body = build();
        lock (_gate)
        {
            if (sequence > _sequence)
            {
                _sequence = sequence;
                _bodies.Clear();
            }

            if (sequence == _sequence)
            {
                _bodies[key] = body;
            }
        }

        return body;
    }

    /// <summary>The entity tag of the list for <paramref name="store"/> at <paramref name="sequence"/> (header-safe whatever the filter holds).</summary>
    public string ETag(long sequence, string? store) => $"\"{_epoch}-{sequence}-{CacheKey(store) ?? Hash(store!)}\"";

    // "*" for the whole list, the kind's name for a store kind filter, null for anything else.
    private static string? CacheKey(string? store) =>
        store is null ? "*" : Array.Find(Enum.GetNames<StoreKind>(), n => string.Equals(n, store, StringComparison.OrdinalIgnoreCase))?.ToLowerInvariant();

    private static string Hash(string store) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(store)).AsSpan(0, 8));
}
