using System.Text.Json.Nodes;

namespace IoActors.Gateway.Internal;

/// <summary>One interop stream subscription.</summary>
internal sealed class SubscriptionState
{
    public SubscriptionState(string id, string subscriberId, string requestId, string serverId, string methodId)
    {
        Id = id;
        SubscriberId = subscriberId;
        RequestId = requestId;
        ServerId = serverId;
        MethodId = methodId;
    }

    public string Id { get; }

    public string SubscriberId { get; }

    /// <summary>The subscribe message's request id, answered by subscribed or error.</summary>
    public string RequestId { get; }

    public string ServerId { get; }

    public string MethodId { get; }

    /// <summary>The server's stream id once accepted (client servers).</summary>
    public string? StreamId { get; set; }

    public bool Accepted { get; set; }

    /// <summary>The server-peer stream, when the platform serves it.</summary>
    public ServerStream? ServerStream { get; set; }

    /// <summary>The branch of a server-peer stream with branches this subscription belongs to, or null.</summary>
    public string? Branch { get; set; }

    /// <summary>Pushes that arrived before the snapshot was delivered (server-peer streams).</summary>
    public List<StreamPush>? Queued { get; set; }
}
