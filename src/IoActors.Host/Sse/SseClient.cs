using System.Threading.Channels;

namespace IoActors.Host.Sse;

/// <summary>One connected event-stream client: its filter and its bounded queue.</summary>
internal sealed class SseClient(string id, IReadOnlySet<string>? types, Channel<SseEvent> queue)
{
    public string Id { get; } = id;

    public Channel<SseEvent> Queue { get; } = queue;

    /// <summary>Set when the queue overflowed: the client gets a final "overflow" event and is disconnected.</summary>
    public volatile bool Overflowed;

    /// <summary>Events the client asked to resume after that had already left the replay buffer.</summary>
    public long Missed { get; set; }

    /// <summary>Whether the filter takes an event type (exact name or a prefix ending in '*', case-insensitive).</summary>
    public bool Accepts(string type)
    {
        if (types is null)
        {
            return true;
        }

        foreach (var t in types)
        {
            if (t.EndsWith('*') ? type.StartsWith(t[..^1], StringComparison.OrdinalIgnoreCase) : string.Equals(t, type, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
