using System.Text.Json.Nodes;
using IoActors.Gateway.Server;
using Akka.Actor;

namespace IoActors.Gateway.Internal;

/// <summary>A stream registered by the server peer; pushes go through the router so they stay ordered with snapshots.</summary>
internal sealed class ServerStream : IGatewayStream
{
    private readonly IActorRef _router;

    public ServerStream(string name, GatewaySubscriptionHandler? onSubscribe, IActorRef router)
    {
        Name = name;
        OnSubscribe = onSubscribe;
        _router = router;
    }

    public string Name { get; }

    public GatewaySubscriptionHandler? OnSubscribe { get; }

    /// <summary>Live subscription ids; touched only by the router.</summary>
    public HashSet<string> Subscriptions { get; } = new(StringComparer.Ordinal);

    public void Push(JsonNode data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _router.Tell(new StreamPush(this, data), ActorRefs.NoSender);
    }
}
