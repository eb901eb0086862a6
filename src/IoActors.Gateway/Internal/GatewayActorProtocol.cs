using System.Text.Json.Nodes;
using IoActors.Gateway.Server;
using Akka.Actor;

namespace IoActors.Gateway.Internal;

/// <summary>A new WebSocket was accepted; the router creates its connection actor and replies with its ref.</summary>
internal sealed record OpenConnection(Outbox Outbox, string Remote, DirectRoute Route);

/// <summary>A parsed JSON message from the client, for its connection actor.</summary>
internal sealed record ClientFrame(JsonObject Message);

/// <summary>The client's socket closed (or failed); the connection actor cleans up and stops.</summary>
internal sealed record ClientClosed(string Reason);

/// <summary>The handshake timer fired.</summary>
internal sealed record HandshakeTimedOut
{
    public static readonly HandshakeTimedOut Instance = new();
}

/// <summary>A connection completed its handshake.</summary>
internal sealed record PeerLogin(PeerState Peer);

/// <summary>A message from a logged-in peer, for the router.</summary>
internal sealed record PeerFrame(string PeerId, JsonObject Message, string Domain, string Type);

/// <summary>A logged-in peer went away.</summary>
internal sealed record PeerLeft(string PeerId, string Reason);

/// <summary>Registers a server-peer method (Handler set) or stream (Stream set).</summary>
internal sealed record RegisterServerMethod(string Name, GatewayMethodHandler? Handler, ServerStream? Stream, TaskCompletionSource Done);

/// <summary>Removes a server-peer method or stream.</summary>
internal sealed record UnregisterServerMethod(string Name, TaskCompletionSource Done);

/// <summary>
/// Data pushed to every subscriber of a server-peer stream; on a versioned stream (see
/// <see cref="ServerStream.OnVersionedSubscribe"/>) with the version of the state it brings, else 0.
/// </summary>
internal sealed record StreamPush(ServerStream Stream, JsonNode Data, string? Branch = null, long Version = 0);

/// <summary>
/// A server-peer stream's subscription handler finished: the snapshot to post first, or a rejection; on a versioned
/// stream with the version of the last push the snapshot includes.
/// </summary>
internal sealed record SnapshotReady(string SubscriptionId, JsonNode? Snapshot, string? Error, long Version = 0);

/// <summary>Invoke a method on every client that registered it (with <paramref name="OnlyPeer"/>: on that client only).</summary>
internal sealed record InvokeClients(string Method, JsonObject? Arguments, TaskCompletionSource<IReadOnlyList<(GatewayPeerInfo Peer, Task<GatewayInvokeResult> Result)>> Reply, string? OnlyPeer = null);

/// <summary>List the logged-in peers.</summary>
internal sealed record GetPeers(TaskCompletionSource<IReadOnlyList<GatewayPeerInfo>> Reply);

/// <summary>Ties a peer to a platform instance after the fact (T42.ACS.RegisterInstance).</summary>
internal sealed record BindInstance(string PeerId, string InstanceId, string ApplicationName);

/// <summary>Close every connection.</summary>
internal sealed record CloseAll(TaskCompletionSource Done);

/// <summary>Ask the connection actor to send its welcome and tell the router (used after async auth checks).</summary>
internal sealed record ConnectionRef(IActorRef Ref);

/// <summary>A connection actor stopped (normally after its socket closed, or after a failure): its peer is removed and its socket closed.</summary>
internal sealed record ConnectionTerminated(IActorRef Connection, Outbox Outbox);
