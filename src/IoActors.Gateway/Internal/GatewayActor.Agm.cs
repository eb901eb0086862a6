using System.Text.Json.Nodes;
using IoActors.Gateway.Server;
using Microsoft.Extensions.Logging;

namespace IoActors.Gateway.Internal;

/// <summary>The agm domain: method registration and announcements, calls and their answers (client to client and to the server peer).</summary>
internal sealed partial class GatewayActor
{
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
            // The platform first: a client that sees the announcement (e.g. an intent listener's) and asks the platform
            // about it right away finds the platform told already.
            NotifyMethodObserver(peer, added, true);
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
            NotifyMethodObserver(peer, removed, false);
            AnnounceMethods(peer, removed, "methods-removed");
        }
    }

    private void OnCall(PeerState caller, JsonObject msg)
    {
        if (!TryTarget(caller, msg, "call", out var requestId, out var server, out var methodId, out _))
        {
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

    /// <summary>
    /// Reads the request id, server and method of a call or subscribe and finds them; when one is missing or unknown the
    /// sender gets the error (naming the field, peer or method) and this returns false.
    /// </summary>
    private bool TryTarget(PeerState sender, JsonObject msg, string type, out string requestId, out PeerState server, out string methodId, out JsonObject method) =>
        TryTarget(sender, Wire.Id(msg, "request_id"), Wire.Str(msg, "server_id"), Wire.Id(msg, "method_id"), type, out requestId, out server, out methodId, out method);

    private bool TryTarget(PeerState sender, string? request, string? serverId, string? id, string type, out string requestId, out PeerState server, out string methodId, out JsonObject method)
    {
        (requestId, server, methodId, method) = (request ?? "", null!, id ?? "", null!);
        if (request is null || serverId is null || id is null)
        {
            Reply(sender, Wire.Error(Wire.Agm, request, sender.Id, Wire.ErrInvalidMessage, $"{type}: fields 'request_id', 'server_id' and 'method_id' are required."));
            return false;
        }

        if (!_peers.TryGetValue(serverId, out var found) || !found.InAgm)
        {
            Reply(sender, Wire.Error(Wire.Agm, request, sender.Id, Wire.ErrUnknownPeer, $"{type}: no peer with id '{serverId}'."));
            return false;
        }

        if (!found.Methods.TryGetValue(id, out var registered))
        {
            Reply(sender, Wire.Error(Wire.Agm, request, sender.Id, Wire.ErrUnknownMethod, $"{type}: peer '{serverId}' has no method with id '{id}'."));
            return false;
        }

        server = found;
        method = registered;
        return true;
    }

    private void RunServerMethod(PeerState caller, string requestId, string methodId, JsonObject args)
    {
        _core.ServerMethods.TryGet(methodId, out var registered);
        var (handler, name) = (registered.Handler, registered.Name);
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
}
