namespace IoActors.Host.Api;

/// <summary>
/// The serialized body of <c>GET /api/apps</c> per store filter, for one registry sequence number: apps change far less
/// often than they are listed, so a list is serialized once per change instead of once per request.
/// </summary>
internal sealed class AppsResponseCache
{
    // Sequence numbers restart with the process: the epoch keeps an old entity tag from matching a new set.
    private readonly string _epoch = Guid.NewGuid().ToString("N")[..12];
    private readonly object _gate = new();
    private readonly Dictionary<string, byte[]> _bodies = new(StringComparer.Ordinal);
    private long _sequence = -1;

    /// <summary>The body for <paramref name="filter"/> at <paramref name="sequence"/>; built with <paramref name="build"/> on a miss.</summary>
    public byte[] Get(long sequence, string filter, Func<byte[]> build)
    {
        lock (_gate)
        {
            if (sequence == _sequence && _bodies.TryGetValue(filter, out var cached))
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
                _bodies[filter] = body;
            }
        }

        return body;
    }

    /// <summary>The entity tag of the list for <paramref name="filter"/> at <paramref name="sequence"/>.</summary>
    public string ETag(long sequence, string filter) => $"\"{_epoch}-{sequence}-{filter}\"";
}
