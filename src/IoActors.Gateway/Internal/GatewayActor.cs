using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using IoActors.Gateway.Server;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace IoActors.Gateway.Internal;

/// <summary>
/// The gateway's router (/user/.../gateway): parent of one connection actor per client, owner of the shared
/// state (peers, methods, pending invocations, subscriptions, contexts, bus) and of the platform's server peer. Split by
/// domain into partial files: global, agm, streams, contexts, bus, peers leaving, server peer.
/// </summary>
/// <remarks>
/// Supervision: a frame never takes the router down (it is checked where it enters, and a handler that throws answers
/// the sender with an error). Should the router fail anyway, its supervisor restarts it: the failed incarnation closes
/// every client with 1012 (service restart: reconnect) and tells the peer observer they left; the new one starts with
/// no peers, contexts or subscriptions, and with the server peer's methods and streams from
/// <see cref="GatewayCore.ServerMethods"/> (same ids), so the platform methods are there for the clients that reconnect.
/// </remarks>
internal sealed partial class GatewayActor : ReceiveActor
{
    /// <summary>The close status of a restart (RFC 6455 registry: 1012 Service Restart); clients reconnect.</summary>
    internal const WebSocketCloseStatus ServiceRestart = (WebSocketCloseStatus)1012;

    private readonly GatewayCore _core;
    private readonly Dictionary<string, PeerState> _peers = new(StringComparer.Ordinal);
    private readonly PeerState _server;
    // Client-to-client calls waiting for yield/error: invocation id → caller and its request id.
    private readonly Dictionary<string, (string CallerId, string RequestId, string ServerId)> _invocations = new(StringComparer.Ordinal);
    // Server-peer calls to clients waiting for yield/error.
    private readonly Dictionary<string, (string ServerId, TaskCompletionSource<GatewayInvokeResult> Reply)> _serverInvocations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SubscriptionState> _subscriptions = new(StringComparer.Ordinal);
    // (server peer id, stream id) → subscription ids.
    private readonly Dictionary<(string, string), HashSet<string>> _streams = new();
    private readonly Dictionary<string, ContextState> _contexts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _contextNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BusSubscription> _bus = new(StringComparer.Ordinal);
    private readonly RawAgmWriter _rawWriter = new();
    private readonly Action<IActorRef> _started;
    private readonly Action _stopped;
    private long _nextId;

    public GatewayActor(GatewayCore core, string serverPeerId, Action<IActorRef> started, Action stopped)
    {
        _core = core;
        _started = started;
        _stopped = stopped;
        var identity = new JsonObject
        {
            ["application"] = "IoActors",
            ["applicationName"] = "IoActors",
            ["instance"] = serverPeerId,
            ["machine"] = Environment.MachineName,
            ["user"] = core.Options.User,
            ["environment"] = core.Options.Environment,
            ["region"] = core.Options.Region,
            ["process"] = Environment.ProcessId,
            ["api"] = "ioactors",
        };
        _server = new PeerState(serverPeerId, identity, null, null, null) { InAgm = true };
        _peers.Add(serverPeerId, _server);
        foreach (var method in core.ServerMethods.All)
        {
            // A restarted router serves what the server peer registered before (no client is connected yet to tell).
            _server.Methods[method.Id] = method.Definition();
        }

        CreateServerContexts();
        Receive<DefineServerContexts>(OnDefineServerContexts);
        Receive<OpenConnection>(OnOpen);
        Receive<PeerLogin>(OnLogin);
        Receive<PeerFrame>(OnFrame);
        Receive<PeerRawFrame>(OnRawFrame);
        Receive<PeerLeft>(l => RemovePeer(l.PeerId, l.Reason));
        Receive<RegisterServerMethod>(OnRegisterServerMethod);
        Receive<UnregisterServerMethod>(OnUnregisterServerMethod);
        Receive<StreamPush>(OnStreamPush);
        Receive<SnapshotReady>(OnSnapshotReady);
        Receive<InvokeClients>(OnInvokeClients);
        Receive<GetPeers>(g => g.Reply.TrySetResult(_peers.Values.Where(p => !p.IsServerPeer).Select(p => p.Info).ToList()));
        Receive<BindInstance>(OnBindInstance);
        Receive<CloseAll>(OnCloseAll);
        Receive<ConnectionTerminated>(OnConnectionTerminated);
    }

    protected override SupervisorStrategy SupervisorStrategy() => Akka.Actor.SupervisorStrategy.StoppingStrategy;

    protected override void PreStart() => _started(Self);

    protected override void PreRestart(Exception reason, object? message)
    {
        _core.Logger.LogError(reason, "The gateway router failed while handling {Message}; it restarts, and its {Count} client(s) are closed with 1012 to reconnect", message?.GetType().Name ?? "(no message)", _peers.Count - 1);
        foreach (var peer in _peers.Values.Where(p => !p.IsServerPeer))
        {
            peer.Outbox?.Close(ServiceRestart, "The gateway restarted after an internal error; reconnect.");
            NotifyObserver(peer, loggedIn: false);
        }

        FailServerInvocations("The gateway restarted.");
        foreach (var method in _core.ServerMethods.All)
        {
            // Their subscribers are gone with the clients.
            method.Stream?.Subscriptions.Clear();
        }

        // The connection actors go with this incarnation; unlike the default, no PostStop: the gateway has not stopped.
        foreach (var child in Context.GetChildren())
        {
            Context.Stop(child);
        }
    }

    protected override void PostRestart(Exception reason)
    {
        _core.Logger.LogWarning("The gateway router restarted with the server peer's {Count} method(s) and stream(s)", _server.Methods.Count);
        PreStart();
    }

    protected override void PostStop()
    {
        // Stopped with the platform (or the gateway): every client is told, not left with a dead connection.
        CloseClients();
        _stopped();
    }

    private string NextId(string prefix) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}{++_nextId}");

    private void OnOpen(OpenConnection open)
    {
        var child = Context.ActorOf(Props.Create(() => new ConnectionActor(_core, open.Outbox, open.Remote, open.Route)), NextId("conn-"));
        Context.WatchWith(child, new ConnectionTerminated(child, open.Outbox));
        Sender.Tell(child);
    }

    private void OnConnectionTerminated(ConnectionTerminated terminated)
    {
        var peer = _peers.Values.FirstOrDefault(p => p.Connection is not null && p.Connection.Equals(terminated.Connection));
        if (peer is not null)
        {
            RemovePeer(peer.Id, "connection closed");
        }

        terminated.Outbox.Close(WebSocketCloseStatus.InternalServerError, "The connection's session ended.");
    }

    private void OnLogin(PeerLogin login)
    {
        var peer = login.Peer;
        _peers[peer.Id] = peer;
        foreach (var ctx in _contexts.Values)
        {
            var added = Wire.Message(Wire.Global, "context-added", null, peer.Id);
            added["name"] = ctx.Name;
            added["context_id"] = ctx.Id;
            added["creator_id"] = ctx.OwnerId;
            peer.Outbox!.Send(added);
        }

        NotifyObserver(peer, loggedIn: true);
    }

    private void OnBindInstance(BindInstance bind)
    {
        if (_peers.TryGetValue(bind.PeerId, out var peer) && !peer.IsServerPeer)
        {
            peer.InstanceId = bind.InstanceId;
            peer.Identity["instance"] = bind.InstanceId;
            peer.Identity["application"] = bind.ApplicationName;
            peer.Identity["applicationName"] = bind.ApplicationName;
            NotifyObserver(peer, loggedIn: true);
        }
    }

    private void OnFrame(PeerFrame frame)
    {
        if (!_peers.TryGetValue(frame.PeerId, out var peer))
        {
            return;
        }

        var msg = frame.Message;
        try
        {
            switch (frame.Domain)
            {
                case Wire.Global:
                    OnGlobal(peer, frame.Type, msg);
                    break;
                case Wire.Agm:
                    if (!peer.InAgm)
                    {
                        Reply(peer, Wire.Error(Wire.Agm, Wire.Id(msg, "request_id"), peer.Id, Wire.ErrNotJoined, $"Join the agm domain before sending '{frame.Type}'."));
                        return;
                    }

                    OnAgm(peer, frame.Type, msg);
                    break;
                case Wire.Metrics:
                    // Metrics are accepted and ignored (define/publish are fire-and-forget).
                    break;
                case Wire.Bus:
                    OnBus(peer, frame.Type, msg);
                    break;
                case var declined when DeclinedDomains.Contains(declined):
                    OnDeclinedDomain(peer, declined, frame.Type, msg);
                    break;
                default:
                    Reply(peer, Wire.Error(frame.Domain, Wire.Id(msg, "request_id"), peer.Id, Wire.ErrUnhandled, $"Unknown domain '{frame.Domain}'."));
                    break;
            }
        }
        catch (Exception ex)
        {
            // The frame passed the entry checks, so this is a handler's fault, not the client's; the sender gets an
            // error and the router (every other client's session) goes on.
            if (ex is not (InvalidOperationException or FormatException or ArgumentException or System.Text.Json.JsonException))
            {
                _core.Logger.LogWarning(ex, "Handling a '{Type}' message of peer {PeerId} in domain {Domain} failed", frame.Type, peer.Id, frame.Domain);
            }

            Reply(peer, Wire.Error(frame.Domain, SafeRequestId(msg), peer.Id, Wire.ErrInvalidMessage, $"Invalid '{frame.Type}' message: {ex.Message}"));
        }
    }

    private static string? SafeRequestId(JsonObject msg)
    {
        try
        {
            return Wire.Id(msg, "request_id");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Tells the peer observer (the platform methods) that a peer logged in or left; a failing observer is logged, never rethrown.</summary>
    private void NotifyObserver(PeerState peer, bool loggedIn)
    {
        try
        {
            _core.PeerObserver?.Invoke(peer.Info, loggedIn);
        }
        catch (Exception ex)
        {
            _core.Logger.LogWarning(ex, "The peer observer failed for peer {PeerId}", peer.Id);
        }
    }

    private static void Reply(PeerState peer, JsonObject msg) => peer.Outbox?.Send(msg);

    private static void Unhandled(PeerState peer, string domain, string type, JsonObject msg) =>
        Reply(peer, Wire.Error(domain, Wire.Id(msg, "request_id"), peer.Id, Wire.ErrUnhandled, $"Unknown message type '{type}' in domain '{domain}'."));

    private void OnCloseAll(CloseAll close)
    {
        CloseClients();
        close.Done.TrySetResult();
        Debug.Assert(_server.IsServerPeer, "server peer has no outbox");
    }

    private void CloseClients()
    {
        foreach (var peer in _peers.Values)
        {
            peer.Outbox?.Close(WebSocketCloseStatus.EndpointUnavailable, "The platform is shutting down.");
        }

        FailServerInvocations("The gateway is stopping.");
    }

    private void FailServerInvocations(string reason)
    {
        foreach (var pending in _serverInvocations.Values)
        {
            pending.Reply.TrySetResult(new GatewayInvokeResult(_server.Info, false, null, reason));
        }

        _serverInvocations.Clear();
    }
}
