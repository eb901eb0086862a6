using System.Text.Json.Nodes;
using IoActors.Gateway.Server;
using Akka.Actor;

namespace IoActors.Gateway.Internal;

/// <summary>A stream registered by the server peer; pushes go through the router so they stay ordered with snapshots.</summary>
internal sealed class ServerStream : IGatewayStream
{
    private readonly IActorRef _router;

    public ServerStream(string name, GatewaySubscriptionHandler? onSubscribe, IActorRef router, Func<JsonObject, string?>? branchOf = null)
    {
        Name = name;
        OnSubscribe = onSubscribe;
        _router = router;
        BranchOf = branchOf;
    }

    /// <summary>
    /// For a stream with branches: the branch a subscription belongs to, from its arguments (null: none, it gets only
    /// pushes to every subscriber). Null for a stream without branches.
    /// </summary>
    public Func<JsonObject, string?>? BranchOf { get; }

    public string Name { get; }

    /// <summary>
    /// Whether a subscription's snapshot is a sequence: the handler returns a JSON array and each of its items reaches the
    /// subscriber as its own snapshot event, in order (the windows library wants a "Configuration" then a "Snapshot").
    /// </summary>
    public bool SnapshotSequence { get; init; }

    public GatewaySubscriptionHandler? OnSubscribe { get; }

    /// <summary>
    /// For a versioned stream: runs for each new subscription instead of <see cref="OnSubscribe"/> and returns the
    /// snapshot with the version of the last push it already includes. The pushes that reached the subscription while
    /// it ran and are no newer than that are dropped, so a subscriber gets each change once: in the snapshot or after it.
    /// </summary>
    public Func<GatewayInvocation, CancellationToken, ValueTask<(JsonNode? Snapshot, long Version)>>? OnVersionedSubscribe { get; init; }

    /// <summary>Live subscription ids; touched only by the router.</summary>
    public HashSet<string> Subscriptions { get; } = new(StringComparer.Ordinal);

    public void Push(JsonNode data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _router.Tell(new StreamPush(this, data), ActorRefs.NoSender);
    }

    /// <summary>Sends data to the current subscribers of a versioned stream (see <see cref="OnVersionedSubscribe"/>).</summary>
    /// <param name="data">The data.</param>
    /// <param name="version">The version of the state after this change; it grows with every push.</param>
    public void Push(JsonNode data, long version)
    {
        ArgumentNullException.ThrowIfNull(data);
        _router.Tell(new StreamPush(this, data, null, version), ActorRefs.NoSender);
    }

    /// <summary>Sends data to the current subscribers of one branch (see <see cref="BranchOf"/>).</summary>
    public void Push(string branch, JsonNode data)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(data);
        _router.Tell(new StreamPush(this, data, branch), ActorRefs.NoSender);
    }
}
