using System.Text.Json.Nodes;
using IoActors.Gateway.Server;
using Akka.Actor;

namespace IoActors.Gateway.Internal;

/// <summary>What the router knows about one peer (a client connection, or the platform's server peer).</summary>
internal sealed class PeerState
{
    public PeerState(string id, JsonObject identity, string? instanceId, Outbox? outbox, IActorRef? connection)
    {
        Id = id;
        Identity = identity;
        InstanceId = instanceId;
        Outbox = outbox;
        Connection = connection;
    }

    public string Id { get; }

    /// <summary>The resolved identity, sent in peer-added.</summary>
    public JsonObject Identity { get; }

    public string? InstanceId { get; set; }

    /// <summary>Null for the server peer.</summary>
    public Outbox? Outbox { get; }

    public IActorRef? Connection { get; }

    public bool InAgm { get; set; }

    public bool InBus { get; set; }

    /// <summary>Registered methods by the peer's own method id, as announced in methods-added.</summary>
    public Dictionary<string, JsonObject> Methods { get; } = new(StringComparer.Ordinal);

    /// <summary>Subscriptions where this peer subscribes.</summary>
    public HashSet<string> Subscribed { get; } = new(StringComparer.Ordinal);

    /// <summary>Subscriptions where this peer serves the stream.</summary>
    public HashSet<string> Serving { get; } = new(StringComparer.Ordinal);

    /// <summary>Invocations this peer is serving (ids issued by the gateway).</summary>
    public HashSet<string> InvocationsServing { get; } = new(StringComparer.Ordinal);

    /// <summary>Contexts this peer subscribes to.</summary>
    public HashSet<string> Contexts { get; } = new(StringComparer.Ordinal);

    /// <summary>Bus subscription ids of this peer.</summary>
    public HashSet<string> BusSubscriptions { get; } = new(StringComparer.Ordinal);

    public GatewayPeerInfo Info => new(Id, Identity["application"] is JsonValue v && v.TryGetValue<string>(out var app) ? app : null, InstanceId, Identity);

    public bool IsServerPeer => Outbox is null;
}
