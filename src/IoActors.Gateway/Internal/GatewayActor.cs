using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using IoActors.Gateway.Server;
using IoActors.Kernel;
using Microsoft.Extensions.Logging;

namespace IoActors.Gateway.Internal;

/// <summary>
/// The gateway's router (/user/.../gateway): parent of one connection actor per client, owner of the shared
/// state (peers, methods, pending invocations, subscriptions, contexts, bus) and of the platform's server peer.
/// </summary>
internal sealed class GatewayActor : ReceiveActor
{
    private readonly GatewayCore _core;
    private readonly Dictionary<string, PeerState> _peers = new(StringComparer.Ordinal);
    private readonly PeerState _server;
    private readonly Dictionary<string, (GatewayMethodHandler? Handler, ServerStream? Stream, string Name)> _serverMethods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _serverMethodIds = new(StringComparer.Ordinal);
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
    private readonly Action<IActorRef> _started;
    private readonly Action _stopped;
    private long _nextId;
    private int _nextServerMethodId;

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

        Receive<OpenConnection>(OnOpen);
        Receive<PeerLogin>(OnLogin);
        Receive<PeerFrame>(OnFrame);
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

    protected override SupervisorStrategy SupervisorStrategy() => Kernel.SupervisorStrategy.StoppingStrategy;

    protected override void PreStart() => _started(Self);

    protected override void PostStop()
    {
        // Stopped with the platform (or the gateway): every client is told, not left with a dead connection.
        CloseClients();
        _stopped();
    }

    private string NextId(string prefix) => prefix + (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void OnOpen(OpenConnection open)
    {
        var child = Context.ActorOf(Props.Create(() => new ConnectionActor(_core, open.Outbox, open.Remote)), NextId("conn-"));
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

        _core.PeerObserver?.Invoke(peer.Info, true);
    }

    private void OnBindInstance(BindInstance bind)
    {
        if (_peers.TryGetValue(bind.PeerId, out var peer) && !peer.IsServerPeer)
        {
            peer.InstanceId = bind.InstanceId;
            peer.Identity["instance"] = bind.InstanceId;
            _core.PeerObserver?.Invoke(peer.Info, true);
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
                default:
                    Reply(peer, Wire.Error(frame.Domain, Wire.Id(msg, "request_id"), peer.Id, Wire.ErrUnhandled, $"Unknown domain '{frame.Domain}'."));
                    break;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or System.Text.Json.JsonException)
        {
            Reply(peer, Wire.Error(frame.Domain, Wire.Id(msg, "request_id"), peer.Id, Wire.ErrInvalidMessage, $"Invalid '{frame.Type}' message: {ex.Message}"));
        }
    }

    private static void Reply(PeerState peer, JsonObject msg) => peer.Outbox?.Send(msg);

    private static void Unhandled(PeerState peer, string domain, string type, JsonObject msg) =>
        Reply(peer, Wire.Error(domain, Wire.Id(msg, "request_id"), peer.Id, Wire.ErrUnhandled, $"Unknown message type '{type}' in domain '{domain}'."));

    // ---------------------------------------------------------------- global domain

    private void OnGlobal(PeerState peer, string type, JsonObject msg)
    {
        var requestId = Wire.Id(msg, "request_id");
        switch (type)
        {
            case "ping":
                return;
            case "join":
                OnJoin(peer, msg, requestId);
                return;
            case "leave":
                OnLeave(peer, msg, requestId);
                return;
            case "create-token":
            {
                var token = Wire.Message(Wire.Global, "token", requestId, peer.Id);
                token["token"] = _core.Tokens.Issue(peer.InstanceId ?? peer.Id, peer.Identity["application"]?.ToString() ?? peer.Id);
                Reply(peer, token);
                return;
            }

            case "create-context":
                OnCreateContext(peer, msg, requestId);
                return;
            case "update-context":
                OnUpdateContext(peer, msg, requestId);
                return;
            case "subscribe-context":
                OnSubscribeContext(peer, msg, requestId);
                return;
            case "unsubscribe-context":
            {
                if (Wire.Str(msg, "context_id") is { } id && _contexts.TryGetValue(id, out var ctx))
                {
                    ctx.Subscribers.Remove(peer.Id);
                    peer.Contexts.Remove(id);
                    DestroyIfUnreferenced(ctx);
                }

                Reply(peer, Wire.Success(Wire.Global, requestId, peer.Id));
                return;
            }

            case "destroy-context":
            {
                if (Wire.Str(msg, "context_id") is not { } id || !_contexts.TryGetValue(id, out var ctx))
                {
                    Reply(peer, Wire.Error(Wire.Global, requestId, peer.Id, Wire.ErrInvalidContext, $"Unable to find context with id '{Wire.Str(msg, "context_id")}'."));
                    return;
                }

                DestroyContext(ctx, "destroyed");
                Reply(peer, Wire.Success(Wire.Global, requestId, peer.Id));
                return;
            }

            default:
                Unhandled(peer, Wire.Global, type, msg);
                return;
        }
    }

    private void OnJoin(PeerState peer, JsonObject msg, string? requestId)
    {
        var destination = Wire.Str(msg, "destination");
        switch (destination)
        {
            case Wire.Agm:
                Reply(peer, Wire.Success(Wire.Agm, requestId, peer.Id));
                if (peer.InAgm)
                {
                    return;
                }

                peer.InAgm = true;
                var addedForOthers = PeerAdded(peer);
                foreach (var other in _peers.Values)
                {
                    if (other == peer || !other.InAgm)
                    {
                        continue;
                    }

                    peer.Outbox!.Send(WithPeerId(PeerAdded(other), peer.Id));
                    if (other.Methods.Count > 0)
                    {
                        peer.Outbox.Send(MethodsAdded(other, other.Methods.Values, peer.Id));
                    }

                    other.Outbox?.Send(WithPeerId((JsonObject)addedForOthers.DeepClone(), other.Id));
                }

                return;
            case Wire.Metrics:
                Reply(peer, Wire.Success(Wire.Metrics, requestId, peer.Id));
                return;
            case Wire.Bus:
                peer.InBus = true;
                Reply(peer, Wire.Success(Wire.Bus, requestId, peer.Id));
                return;
            default:
                Reply(peer, Wire.Error(destination ?? Wire.Global, requestId, peer.Id, Wire.ErrUnhandled, $"Domain '{destination ?? "(none)"}' is not supported by this gateway (supported: agm, metrics, bus; contexts live in global)."));
                return;
        }
    }

    private void OnLeave(PeerState peer, JsonObject msg, string? requestId)
    {
        var destination = Wire.Str(msg, "destination") ?? Wire.Global;
        if (destination == Wire.Agm && peer.InAgm)
        {
            LeaveAgm(peer, "left");
        }
        else if (destination == Wire.Bus)
        {
            peer.InBus = false;
        }

        Reply(peer, Wire.Success(destination, requestId, peer.Id));
    }

    private static JsonObject WithPeerId(JsonObject msg, string peerId)
    {
        msg["peer_id"] = peerId;
        return msg;
    }

    private static JsonObject PeerAdded(PeerState peer)
    {
        var m = Wire.Message(Wire.Agm, "peer-added", null, null);
        m["new_peer_id"] = peer.Id;
        m["identity"] = peer.Identity.DeepClone();
        m["meta"] = new JsonObject { ["local"] = true };
        return m;
    }

    private static JsonObject MethodsAdded(PeerState server, IEnumerable<JsonObject> methods, string recipient)
    {
        var m = Wire.Message(Wire.Agm, "methods-added", null, recipient);
        m["server_id"] = server.Id;
        var list = new JsonArray();
        foreach (var method in methods)
        {
            list.Add(method.DeepClone());
        }

        m["methods"] = list;
        return m;
    }

    // ---------------------------------------------------------------- agm domain

    private void OnAgm(PeerState peer, string type, JsonObject msg)
    {
        switch (type)
        {
            case "register":
                OnRegister(peer, msg);
                return;
            case "unregister":
                OnUnregister(peer, msg);
                return;
            case "call":
                OnCall(peer, msg);
                return;
            case "yield":
                OnYield(peer, msg);
                return;
            case "error":
                OnClientError(peer, msg);
                return;
            case "subscribe":
                OnSubscribe(peer, msg);
                return;
            case "accepted":
                OnAccepted(peer, msg);
                return;
            case "publish":
                OnPublish(peer, msg);
                return;
            case "post":
                OnPost(peer, msg);
                return;
            case "drop-subscription":
                OnDrop(peer, msg);
                return;
            case "unsubscribe":
                OnUnsubscribe(peer, msg);
                return;
            default:
                Unhandled(peer, Wire.Agm, type, msg);
                return;
        }
    }

    private void OnRegister(PeerState peer, JsonObject msg)
    {
        var requestId = Wire.Id(msg, "request_id");
        if (msg["methods"] is not JsonArray methods)
        {
            Reply(peer, Wire.Error(Wire.Agm, requestId, peer.Id, Wire.ErrInvalidMessage, "register: field 'methods' is missing or not an array."));
            return;
        }

        var added = new List<JsonObject>();
        var problems = new List<string>();
        for (var i = 0; i < methods.Count; i++)
        {
            if (methods[i] is not JsonObject m || Wire.Id(m, "id") is not { } id || Wire.Str(m, "name") is not { Length: > 0 } name)
            {
                problems.Add($"methods[{i}] needs a string 'id' and a non-empty string 'name'");
                continue;
            }

            if (peer.Methods.Values.Any(x => Wire.Str(x, "name") == name && Wire.Id(x, "id") != id))
            {
                problems.Add($"methods[{i}] '{name}' is already registered by this peer");
                continue;
            }

            var clean = (JsonObject)m.DeepClone();
            clean["id"] = id;
            peer.Methods[id] = clean;
            added.Add(clean);
        }

        if (problems.Count > 0)
        {
            Reply(peer, Wire.Error(Wire.Agm, requestId, peer.Id, Wire.ErrInvalidMessage, "register: " + string.Join("; ", problems) + "."));
        }
        else
        {
            Reply(peer, Wire.Success(Wire.Agm, requestId, peer.Id));
        }

        if (added.Count > 0)
        {
            AnnounceMethods(peer, added, "methods-added");
        }
    }

    private void AnnounceMethods(PeerState server, List<JsonObject> methods, string type)
    {
        foreach (var other in _peers.Values)
        {
            if (!other.InAgm || other.IsServerPeer)
            {
                continue;
            }

            if (type == "methods-added")
            {
                other.Outbox!.Send(MethodsAdded(server, methods, other.Id));
            }
            else
            {
                var m = Wire.Message(Wire.Agm, "methods-removed", null, other.Id);
                m["server_id"] = server.Id;
                m["methods"] = new JsonArray(methods.Select(x => (JsonNode?)JsonValue.Create(Wire.Id(x, "id"))).ToArray());
                other.Outbox!.Send(m);
            }
        }
    }

    private void OnUnregister(PeerState peer, JsonObject msg)
    {
        var requestId = Wire.Id(msg, "request_id");
        var removed = new List<JsonObject>();
        if (msg["methods"] is JsonArray ids)
        {
            foreach (var node in ids)
            {
                var id = node is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : null;
                if (id is not null && peer.Methods.Remove(id, out var method))
                {
                    removed.Add(method);
                    CancelServedSubscriptions(peer, id, "Method unregistered");
                }
            }
        }

        Reply(peer, Wire.Success(Wire.Agm, requestId, peer.Id));
        if (removed.Count > 0)
        {
            AnnounceMethods(peer, removed, "methods-removed");
        }
    }

    private void OnCall(PeerState caller, JsonObject msg)
    {
        var requestId = Wire.Id(msg, "request_id");
        var serverId = Wire.Str(msg, "server_id");
        var methodId = Wire.Id(msg, "method_id");
        if (requestId is null || serverId is null || methodId is null)
        {
            Reply(caller, Wire.Error(Wire.Agm, requestId, caller.Id, Wire.ErrInvalidMessage, "call: fields 'request_id', 'server_id' and 'method_id' are required."));
            return;
        }

        if (!_peers.TryGetValue(serverId, out var server) || !server.InAgm)
        {
            Reply(caller, Wire.Error(Wire.Agm, requestId, caller.Id, Wire.ErrUnknownPeer, $"call: no peer with id '{serverId}'."));
            return;
        }

        if (!server.Methods.ContainsKey(methodId))
        {
            Reply(caller, Wire.Error(Wire.Agm, requestId, caller.Id, Wire.ErrUnknownMethod, $"call: peer '{serverId}' has no method with id '{methodId}'."));
            return;
        }

        var args = Wire.Take(msg, "arguments_kv") as JsonObject ?? new JsonObject();
        if (server.IsServerPeer)
        {
            RunServerMethod(caller, requestId, methodId, args);
            return;
        }

        var invocationId = NextId("i");
        _invocations[invocationId] = (caller.Id, requestId, server.Id);
        server.InvocationsServing.Add(invocationId);
        var invoke = Wire.Message(Wire.Agm, "invoke", null, server.Id);
        invoke["invocation_id"] = invocationId;
        invoke["method_id"] = methodId;
        invoke["caller_id"] = caller.Id;
        invoke["arguments_kv"] = args;
        invoke["context"] = msg["context"]?.DeepClone() ?? new JsonObject();
        server.Outbox!.Send(invoke);
    }

    private void RunServerMethod(PeerState caller, string requestId, string methodId, JsonObject args)
    {
        var (handler, _, name) = _serverMethods[methodId];
        var outbox = caller.Outbox!;
        var callerId = caller.Id;
        if (handler is null)
        {
            outbox.Send(Wire.Error(Wire.Agm, requestId, callerId, Wire.ErrInvalidMessage, $"'{name}' is a stream: subscribe to it instead of calling it."));
            return;
        }

        var invocation = new GatewayInvocation(name, args, caller.Info);
        var stopping = _core.Stopping.Token;
        var logger = _core.Logger;
        _ = Task.Run(async () =>
        {
            JsonObject reply;
            try
            {
                var result = await handler(invocation, stopping).ConfigureAwait(false);
                reply = Wire.Message(Wire.Agm, "result", requestId, callerId);
                reply["result"] = result ?? new JsonObject();
            }
            catch (GatewayMethodException ex)
            {
                reply = Wire.Error(Wire.Agm, requestId, callerId, Wire.ErrClient, ex.Message);
                if (ex.Context is not null)
                {
                    reply["context"] = ex.Context;
                }
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Server method {Method} failed", name);
                reply = Wire.Error(Wire.Agm, requestId, callerId, Wire.ErrClient, $"{name} failed: {ex.Message}");
            }

            outbox.Send(reply);
        });
    }

    private void OnYield(PeerState server, JsonObject msg)
    {
        var invocationId = Wire.Id(msg, "invocation_id");
        if (invocationId is null)
        {
            Reply(server, Wire.Error(Wire.Agm, Wire.Id(msg, "request_id"), server.Id, Wire.ErrInvalidMessage, "yield: field 'invocation_id' is required."));
            return;
        }

        if (_invocations.Remove(invocationId, out var pending) && pending.ServerId == server.Id)
        {
            server.InvocationsServing.Remove(invocationId);
            if (_peers.TryGetValue(pending.CallerId, out var caller))
            {
                var result = Wire.Message(Wire.Agm, "result", pending.RequestId, caller.Id);
                result["result"] = Wire.Take(msg, "result") ?? new JsonObject();
                caller.Outbox?.Send(result);
            }

            return;
        }

        if (_serverInvocations.Remove(invocationId, out var own) && own.ServerId == server.Id)
        {
            server.InvocationsServing.Remove(invocationId);
            own.Reply.TrySetResult(new GatewayInvokeResult(server.Info, true, Wire.Take(msg, "result"), null));
        }

        // A yield for an unknown or timed-out invocation is dropped.
    }

    private void OnClientError(PeerState peer, JsonObject msg)
    {
        var id = Wire.Id(msg, "request_id") ?? Wire.Id(msg, "invocation_id");
        if (id is null)
        {
            return;
        }

        var reason = Wire.Str(msg, "reason") ?? "";
        if (_invocations.Remove(id, out var pending) && pending.ServerId == peer.Id)
        {
            peer.InvocationsServing.Remove(id);
            if (_peers.TryGetValue(pending.CallerId, out var caller))
            {
                var error = Wire.Error(Wire.Agm, pending.RequestId, caller.Id, Wire.Str(msg, "reason_uri") ?? Wire.ErrClient, reason);
                if (Wire.Take(msg, "context") is { } context)
                {
                    error["context"] = context;
                }

                caller.Outbox?.Send(error);
            }

            return;
        }

        if (_serverInvocations.Remove(id, out var own) && own.ServerId == peer.Id)
        {
            peer.InvocationsServing.Remove(id);
            own.Reply.TrySetResult(new GatewayInvokeResult(peer.Info, false, null, reason));
            return;
        }

        if (_subscriptions.TryGetValue(id, out var sub) && sub.ServerId == peer.Id && !sub.Accepted)
        {
            RemoveSubscription(sub);
            if (_peers.TryGetValue(sub.SubscriberId, out var subscriber))
            {
                subscriber.Outbox?.Send(Wire.Error(Wire.Agm, sub.RequestId, subscriber.Id, Wire.ErrSubscription, reason));
            }
        }
    }

    private void OnSubscribe(PeerState subscriber, JsonObject msg)
    {
        var requestId = Wire.Id(msg, "request_id");
        var serverId = Wire.Str(msg, "server_id");
        var methodId = Wire.Id(msg, "method_id");
        if (requestId is null || serverId is null || methodId is null)
        {
            Reply(subscriber, Wire.Error(Wire.Agm, requestId, subscriber.Id, Wire.ErrInvalidMessage, "subscribe: fields 'request_id', 'server_id' and 'method_id' are required."));
            return;
        }

        if (!_peers.TryGetValue(serverId, out var server) || !server.InAgm)
        {
            Reply(subscriber, Wire.Error(Wire.Agm, requestId, subscriber.Id, Wire.ErrUnknownPeer, $"subscribe: no peer with id '{serverId}'."));
            return;
        }

        if (!server.Methods.TryGetValue(methodId, out var method))
        {
            Reply(subscriber, Wire.Error(Wire.Agm, requestId, subscriber.Id, Wire.ErrUnknownMethod, $"subscribe: peer '{serverId}' has no method with id '{methodId}'."));
            return;
        }

        var args = Wire.Take(msg, "arguments_kv") as JsonObject ?? new JsonObject();
        var sub = new SubscriptionState(NextId("s"), subscriber.Id, requestId, server.Id, methodId);
        _subscriptions[sub.Id] = sub;
        subscriber.Subscribed.Add(sub.Id);
        server.Serving.Add(sub.Id);

        if (server.IsServerPeer)
        {
            var (_, stream, name) = _serverMethods[methodId];
            if (stream is null)
            {
                RemoveSubscription(sub);
                Reply(subscriber, Wire.Error(Wire.Agm, requestId, subscriber.Id, Wire.ErrSubscription, $"'{name}' is not a stream."));
                return;
            }

            sub.ServerStream = stream;
            sub.Queued = [];
            stream.Subscriptions.Add(sub.Id);
            var subscribed = Wire.Message(Wire.Agm, "subscribed", requestId, subscriber.Id);
            subscribed["subscription_id"] = sub.Id;
            subscriber.Outbox!.Send(subscribed);
            sub.Accepted = true;
            RunSubscriptionHandler(sub, stream, new GatewayInvocation(name, args, subscriber.Info));
            return;
        }

        var interest = Wire.Message(Wire.Agm, "add-interest", null, server.Id);
        interest["subscription_id"] = sub.Id;
        interest["method_id"] = methodId;
        interest["caller_id"] = subscriber.Id;
        interest["arguments_kv"] = args;
        interest["flags"] = method["flags"]?.DeepClone() ?? new JsonObject();
        interest["context"] = new JsonObject();
        server.Outbox!.Send(interest);
    }

    private void RunSubscriptionHandler(SubscriptionState sub, ServerStream stream, GatewayInvocation request)
    {
        var self = Self;
        var stopping = _core.Stopping.Token;
        var logger = _core.Logger;
        if (stream.OnSubscribe is null)
        {
            self.Tell(new SnapshotReady(sub.Id, null, null), ActorRefs.NoSender);
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                var snapshot = await stream.OnSubscribe(request, stopping).ConfigureAwait(false);
                self.Tell(new SnapshotReady(sub.Id, snapshot, null), ActorRefs.NoSender);
            }
            catch (Exception ex)
            {
                if (ex is not GatewayMethodException)
                {
                    logger.LogWarning(ex, "Subscription handler of {Stream} failed", stream.Name);
                }

                self.Tell(new SnapshotReady(sub.Id, null, ex.Message), ActorRefs.NoSender);
            }
        });
    }

    private void OnSnapshotReady(SnapshotReady ready)
    {
        if (!_subscriptions.TryGetValue(ready.SubscriptionId, out var sub) || !_peers.TryGetValue(sub.SubscriberId, out var subscriber))
        {
            return;
        }

        if (ready.Error is not null)
        {
            RemoveSubscription(sub);
            var cancelled = Wire.Message(Wire.Agm, "subscription-cancelled", null, subscriber.Id);
            cancelled["subscription_id"] = sub.Id;
            cancelled["reason_uri"] = Wire.ErrSubscription;
            cancelled["reason"] = ready.Error;
            subscriber.Outbox?.Send(cancelled);
            return;
        }

        if (ready.Snapshot is not null)
        {
            subscriber.Outbox?.Send(Event(sub, subscriber.Id, ready.Snapshot, oob: true, snapshot: true));
        }

        var queued = sub.Queued;
        sub.Queued = null;
        if (queued is not null)
        {
            foreach (var data in queued)
            {
                subscriber.Outbox?.Send(Event(sub, subscriber.Id, data.DeepClone(), oob: false, snapshot: false));
            }
        }
    }

    private static JsonObject Event(SubscriptionState sub, string recipient, JsonNode data, bool oob, bool snapshot)
    {
        var e = Wire.Message(Wire.Agm, "event", null, recipient);
        e["subscription_id"] = sub.Id;
        e["oob"] = oob;
        e["snapshot"] = snapshot;
        e["data"] = data;
        return e;
    }

    private void OnStreamPush(StreamPush push)
    {
        foreach (var subId in push.Stream.Subscriptions)
        {
            if (!_subscriptions.TryGetValue(subId, out var sub) || !_peers.TryGetValue(sub.SubscriberId, out var subscriber))
            {
                continue;
            }

            if (sub.Queued is not null)
            {
                sub.Queued.Add(push.Data);
                continue;
            }

            subscriber.Outbox?.Send(Event(sub, subscriber.Id, push.Data.DeepClone(), oob: false, snapshot: false));
        }
    }

    private void OnAccepted(PeerState server, JsonObject msg)
    {
        var subId = Wire.Id(msg, "subscription_id");
        if (subId is null || !_subscriptions.TryGetValue(subId, out var sub) || sub.ServerId != server.Id || sub.Accepted)
        {
            return;
        }

        sub.Accepted = true;
        sub.StreamId = Wire.Id(msg, "stream_id") ?? "";
        var key = (server.Id, sub.StreamId);
        if (!_streams.TryGetValue(key, out var set))
        {
            _streams[key] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(sub.Id);
        if (_peers.TryGetValue(sub.SubscriberId, out var subscriber))
        {
            var subscribed = Wire.Message(Wire.Agm, "subscribed", sub.RequestId, subscriber.Id);
            subscribed["subscription_id"] = sub.Id;
            subscriber.Outbox?.Send(subscribed);
        }
    }

    private void OnPublish(PeerState server, JsonObject msg)
    {
        var streamId = Wire.Id(msg, "stream_id");
        if (streamId is null || !_streams.TryGetValue((server.Id, streamId), out var set) || set.Count == 0)
        {
            return;
        }

        var data = msg["data"];
        var shared = set.Count == 1;
        foreach (var subId in set)
        {
            if (_subscriptions.TryGetValue(subId, out var sub) && _peers.TryGetValue(sub.SubscriberId, out var subscriber))
            {
                var payload = shared ? Wire.Take(msg, "data") ?? new JsonObject() : data?.DeepClone() ?? new JsonObject();
                subscriber.Outbox?.Send(Event(sub, subscriber.Id, payload, oob: false, snapshot: false));
            }
        }
    }

    private void OnPost(PeerState server, JsonObject msg)
    {
        var subId = Wire.Id(msg, "subscription_id");
        if (subId is null || !_subscriptions.TryGetValue(subId, out var sub) || sub.ServerId != server.Id)
        {
            return;
        }

        if (_peers.TryGetValue(sub.SubscriberId, out var subscriber))
        {
            subscriber.Outbox?.Send(Event(sub, subscriber.Id, Wire.Take(msg, "data") ?? new JsonObject(), oob: true, snapshot: false));
        }
    }

    private void OnDrop(PeerState server, JsonObject msg)
    {
        var subId = Wire.Id(msg, "subscription_id");
        if (subId is null || !_subscriptions.TryGetValue(subId, out var sub) || sub.ServerId != server.Id)
        {
            return;
        }

        CancelSubscription(sub, Wire.Str(msg, "reason") ?? "Dropped by the server");
    }

    private void OnUnsubscribe(PeerState subscriber, JsonObject msg)
    {
        var subId = Wire.Id(msg, "subscription_id");
        if (subId is not null && _subscriptions.TryGetValue(subId, out var sub) && sub.SubscriberId == subscriber.Id)
        {
            RemoveSubscription(sub);
            TellServerInterestRemoved(sub, Wire.Str(msg, "reason") ?? "Unsubscribed");
        }

        Reply(subscriber, Wire.Success(Wire.Agm, Wire.Id(msg, "request_id"), subscriber.Id));
    }

    private void TellServerInterestRemoved(SubscriptionState sub, string reason)
    {
        if (_peers.TryGetValue(sub.ServerId, out var server) && !server.IsServerPeer)
        {
            var removed = Wire.Message(Wire.Agm, "remove-interest", null, server.Id);
            removed["subscription_id"] = sub.Id;
            removed["method_id"] = sub.MethodId;
            removed["caller_id"] = sub.SubscriberId;
            removed["reason"] = reason;
            server.Outbox?.Send(removed);
        }
    }

    private void CancelSubscription(SubscriptionState sub, string reason)
    {
        RemoveSubscription(sub);
        if (_peers.TryGetValue(sub.SubscriberId, out var subscriber))
        {
            var cancelled = Wire.Message(Wire.Agm, "subscription-cancelled", null, subscriber.Id);
            cancelled["subscription_id"] = sub.Id;
            cancelled["reason_uri"] = "";
            cancelled["reason"] = reason;
            subscriber.Outbox?.Send(cancelled);
        }
    }

    private void CancelServedSubscriptions(PeerState server, string methodId, string reason)
    {
        foreach (var subId in server.Serving.ToList())
        {
            if (_subscriptions.TryGetValue(subId, out var sub) && sub.MethodId == methodId)
            {
                CancelSubscription(sub, reason);
            }
        }
    }

    private void RemoveSubscription(SubscriptionState sub)
    {
        _subscriptions.Remove(sub.Id);
        if (_peers.TryGetValue(sub.SubscriberId, out var subscriber))
        {
            subscriber.Subscribed.Remove(sub.Id);
        }

        if (_peers.TryGetValue(sub.ServerId, out var server))
        {
            server.Serving.Remove(sub.Id);
        }

        if (sub.StreamId is not null && _streams.TryGetValue((sub.ServerId, sub.StreamId), out var set))
        {
            set.Remove(sub.Id);
            if (set.Count == 0)
            {
                _streams.Remove((sub.ServerId, sub.StreamId));
            }
        }

        sub.ServerStream?.Subscriptions.Remove(sub.Id);
    }

    // ---------------------------------------------------------------- contexts (global domain)

    private void OnCreateContext(PeerState peer, JsonObject msg, string? requestId)
    {
        var name = Wire.Str(msg, "name");
        if (string.IsNullOrEmpty(name))
        {
            Reply(peer, Wire.Error(Wire.Global, requestId, peer.Id, Wire.ErrInvalidMessage, "create-context: field 'name' is required."));
            return;
        }

        if (_contextNames.TryGetValue(name, out var existingId))
        {
            var ctx0 = _contexts[existingId];
            ctx0.Subscribers.Add(peer.Id);
            peer.Contexts.Add(ctx0.Id);
            var again = Wire.Message(Wire.Global, "context-created", requestId, peer.Id);
            again["context_id"] = ctx0.Id;
            again["data"] = ctx0.Data.DeepClone();
            Reply(peer, again);
            return;
        }

        var data = Wire.Take(msg, "data") as JsonObject ?? new JsonObject();
        var lifetime = Wire.Str(msg, "lifetime") ?? "retained";
        var ctx = new ContextState(NextId("c"), name, data, peer.Id, lifetime);
        _contexts[ctx.Id] = ctx;
        _contextNames[name] = ctx.Id;
        ctx.Subscribers.Add(peer.Id);
        peer.Contexts.Add(ctx.Id);
        var created = Wire.Message(Wire.Global, "context-created", requestId, peer.Id);
        created["context_id"] = ctx.Id;
        Reply(peer, created);
        foreach (var other in _peers.Values)
        {
            if (other == peer || other.IsServerPeer)
            {
                continue;
            }

            var added = Wire.Message(Wire.Global, "context-added", null, other.Id);
            added["name"] = name;
            added["context_id"] = ctx.Id;
            added["creator_id"] = peer.Id;
            other.Outbox!.Send(added);
        }
    }

    private void OnUpdateContext(PeerState peer, JsonObject msg, string? requestId)
    {
        var id = Wire.Str(msg, "context_id");
        if (id is null || !_contexts.TryGetValue(id, out var ctx))
        {
            Reply(peer, Wire.Error(Wire.Global, requestId, peer.Id, Wire.ErrInvalidContext, $"Unable to find context with id '{id}'."));
            return;
        }

        if (msg["delta"] is not JsonObject delta)
        {
            Reply(peer, Wire.Error(Wire.Global, requestId, peer.Id, Wire.ErrInvalidMessage, "update-context: field 'delta' is missing or not an object."));
            return;
        }

        ctx.Data = ContextDelta.Apply(ctx.Data, delta);
        Reply(peer, Wire.Success(Wire.Global, requestId, peer.Id));
        foreach (var subscriberId in ctx.Subscribers)
        {
            if (subscriberId == peer.Id || !_peers.TryGetValue(subscriberId, out var subscriber))
            {
                continue;
            }

            var updated = Wire.Message(Wire.Global, "context-updated", null, subscriber.Id);
            updated["context_id"] = ctx.Id;
            updated["updater_id"] = peer.Id;
            updated["delta"] = delta.DeepClone();
            subscriber.Outbox?.Send(updated);
        }
    }

    private void OnSubscribeContext(PeerState peer, JsonObject msg, string? requestId)
    {
        var id = Wire.Str(msg, "context_id");
        if (id is null || !_contexts.TryGetValue(id, out var ctx))
        {
            Reply(peer, Wire.Error(Wire.Global, requestId, peer.Id, Wire.ErrInvalidContext, $"Unable to find context with id '{id}'."));
            return;
        }

        ctx.Subscribers.Add(peer.Id);
        peer.Contexts.Add(ctx.Id);
        var subscribed = Wire.Message(Wire.Global, "subscribed-context", requestId, peer.Id);
        subscribed["context_id"] = ctx.Id;
        subscribed["name"] = ctx.Name;
        subscribed["data"] = ctx.Data.DeepClone();
        Reply(peer, subscribed);
    }

    private void DestroyIfUnreferenced(ContextState ctx)
    {
        if (ctx.Lifetime == "ref-counted" && ctx.Subscribers.Count == 0)
        {
            DestroyContext(ctx, "unreferenced");
        }
    }

    private void DestroyContext(ContextState ctx, string reason)
    {
        _contexts.Remove(ctx.Id);
        _contextNames.Remove(ctx.Name);
        foreach (var p in _peers.Values)
        {
            p.Contexts.Remove(ctx.Id);
            if (p.IsServerPeer)
            {
                continue;
            }

            var destroyed = Wire.Message(Wire.Global, "context-destroyed", null, p.Id);
            destroyed["context_id"] = ctx.Id;
            destroyed["reason"] = reason;
            p.Outbox!.Send(destroyed);
        }
    }

    // ---------------------------------------------------------------- bus domain

    private void OnBus(PeerState peer, string type, JsonObject msg)
    {
        var requestId = Wire.Id(msg, "request_id");
        switch (type)
        {
            case "subscribe":
            {
                var topic = Wire.Str(msg, "topic");
                if (string.IsNullOrEmpty(topic))
                {
                    Reply(peer, Wire.Error(Wire.Bus, requestId, peer.Id, Wire.ErrInvalidMessage, "subscribe: field 'topic' is required."));
                    return;
                }

                var sub = new BusSubscription(NextId("b"), peer.Id, topic, Wire.Str(msg, "routing_key"));
                _bus[sub.Id] = sub;
                peer.BusSubscriptions.Add(sub.Id);
                var subscribed = Wire.Message(Wire.Bus, "subscribed", requestId, peer.Id);
                subscribed["subscription_id"] = sub.Id;
                Reply(peer, subscribed);
                return;
            }

            case "unsubscribe":
            {
                if (Wire.Id(msg, "subscription_id") is { } id && _bus.Remove(id))
                {
                    peer.BusSubscriptions.Remove(id);
                }

                Reply(peer, Wire.Success(Wire.Bus, requestId, peer.Id));
                return;
            }

            case "publish":
            {
                var topic = Wire.Str(msg, "topic");
                var routingKey = Wire.Str(msg, "routing_key");
                Reply(peer, Wire.Success(Wire.Bus, requestId, peer.Id));
                foreach (var sub in _bus.Values)
                {
                    if (sub.Topic != topic || (sub.RoutingKey is not null && routingKey is not null && sub.RoutingKey != routingKey))
                    {
                        continue;
                    }

                    if (_peers.TryGetValue(sub.PeerId, out var target))
                    {
                        var e = Wire.Message(Wire.Bus, "event", null, target.Id);
                        e["subscription_id"] = sub.Id;
                        e["data"] = msg["data"]?.DeepClone();
                        e["publisher-identity"] = peer.Identity.DeepClone();
                        target.Outbox?.Send(e);
                    }
                }

                return;
            }

            default:
                Unhandled(peer, Wire.Bus, type, msg);
                return;
        }
    }

    // ---------------------------------------------------------------- peers leaving

    private void LeaveAgm(PeerState peer, string reason)
    {
        peer.InAgm = false;
        foreach (var subId in peer.Subscribed.ToList())
        {
            if (_subscriptions.TryGetValue(subId, out var sub))
            {
                RemoveSubscription(sub);
                TellServerInterestRemoved(sub, "Subscriber left");
            }
        }

        foreach (var subId in peer.Serving.ToList())
        {
            if (_subscriptions.TryGetValue(subId, out var sub))
            {
                if (sub.Accepted)
                {
                    CancelSubscription(sub, "Server left");
                }
                else
                {
                    RemoveSubscription(sub);
                    if (_peers.TryGetValue(sub.SubscriberId, out var subscriber))
                    {
                        subscriber.Outbox?.Send(Wire.Error(Wire.Agm, sub.RequestId, subscriber.Id, Wire.ErrPeerGone, "The server left before accepting the subscription."));
                    }
                }
            }
        }

        foreach (var invocationId in peer.InvocationsServing)
        {
            if (_invocations.Remove(invocationId, out var pending) && _peers.TryGetValue(pending.CallerId, out var caller))
            {
                caller.Outbox?.Send(Wire.Error(Wire.Agm, pending.RequestId, caller.Id, Wire.ErrPeerGone, $"Peer '{peer.Id}' disconnected before answering."));
            }

            if (_serverInvocations.Remove(invocationId, out var own))
            {
                own.Reply.TrySetResult(new GatewayInvokeResult(peer.Info, false, null, "Peer disconnected before answering."));
            }
        }

        peer.InvocationsServing.Clear();
        if (peer.Methods.Count > 0)
        {
            AnnounceMethods(peer, peer.Methods.Values.ToList(), "methods-removed");
            peer.Methods.Clear();
        }

        foreach (var other in _peers.Values)
        {
            if (other == peer || !other.InAgm || other.IsServerPeer)
            {
                continue;
            }

            var removed = Wire.Message(Wire.Agm, "peer-removed", null, other.Id);
            removed["removed_id"] = peer.Id;
            removed["reason"] = reason;
            other.Outbox!.Send(removed);
        }
    }

    private void RemovePeer(string peerId, string reason)
    {
        if (!_peers.TryGetValue(peerId, out var peer) || peer.IsServerPeer)
        {
            return;
        }

        if (peer.InAgm)
        {
            LeaveAgm(peer, reason);
        }

        _peers.Remove(peerId);
        foreach (var id in peer.BusSubscriptions)
        {
            _bus.Remove(id);
        }

        foreach (var ctxId in peer.Contexts.ToList())
        {
            if (_contexts.TryGetValue(ctxId, out var ctx))
            {
                ctx.Subscribers.Remove(peerId);
                DestroyIfUnreferenced(ctx);
            }
        }

        foreach (var ctx in _contexts.Values.Where(c => c.OwnerId == peerId && c.Lifetime == "ownership").ToList())
        {
            DestroyContext(ctx, "owner left");
        }

        _core.PeerObserver?.Invoke(peer.Info, false);
    }

    // ---------------------------------------------------------------- server peer

    private void OnRegisterServerMethod(RegisterServerMethod register)
    {
        if (_serverMethodIds.ContainsKey(register.Name))
        {
            register.Done.TrySetException(new ArgumentException($"The server peer already has a method or stream named '{register.Name}'.", nameof(register.Name)));
            return;
        }

        var id = (++_nextServerMethodId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _serverMethods[id] = (register.Handler, register.Stream, register.Name);
        _serverMethodIds[register.Name] = id;
        var method = new JsonObject
        {
            ["id"] = id,
            ["name"] = register.Name,
            ["flags"] = new JsonObject { ["metadata"] = new JsonObject(), ["streaming"] = register.Stream is not null },
            ["object_types"] = new JsonArray(),
        };
        _server.Methods[id] = method;
        AnnounceMethods(_server, [method], "methods-added");
        register.Done.TrySetResult();
    }

    private void OnUnregisterServerMethod(UnregisterServerMethod unregister)
    {
        if (_serverMethodIds.Remove(unregister.Name, out var id))
        {
            _serverMethods.Remove(id);
            if (_server.Methods.Remove(id, out var method))
            {
                CancelServedSubscriptions(_server, id, "Stream unregistered");
                AnnounceMethods(_server, [method], "methods-removed");
            }
        }

        unregister.Done.TrySetResult();
    }

    private void OnInvokeClients(InvokeClients invoke)
    {
        var results = new List<(GatewayPeerInfo, Task<GatewayInvokeResult>)>();
        foreach (var peer in _peers.Values)
        {
            if (peer.IsServerPeer || !peer.InAgm)
            {
                continue;
            }

            var method = peer.Methods.Values.FirstOrDefault(m => Wire.Str(m, "name") == invoke.Method);
            if (method is null)
            {
                continue;
            }

            var invocationId = NextId("p");
            var tcs = new TaskCompletionSource<GatewayInvokeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            _serverInvocations[invocationId] = (peer.Id, tcs);
            peer.InvocationsServing.Add(invocationId);
            var msg = Wire.Message(Wire.Agm, "invoke", null, peer.Id);
            msg["invocation_id"] = invocationId;
            msg["method_id"] = Wire.Id(method, "id");
            msg["caller_id"] = _server.Id;
            msg["arguments_kv"] = invoke.Arguments?.DeepClone() ?? new JsonObject();
            msg["context"] = new JsonObject();
            peer.Outbox!.Send(msg);
            results.Add((peer.Info, tcs.Task));
        }

        invoke.Reply.TrySetResult(results);
    }

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

        foreach (var pending in _serverInvocations.Values)
        {
            pending.Reply.TrySetResult(new GatewayInvokeResult(_server.Info, false, null, "The gateway is stopping."));
        }
    }
}
