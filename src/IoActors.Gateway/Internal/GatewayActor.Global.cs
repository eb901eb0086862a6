using System.Text.Json.Nodes;

namespace IoActors.Gateway.Internal;

/// <summary>The global domain: ping, join and leave, tokens, and the peer announcements of the agm join.</summary>
internal sealed partial class GatewayActor
{
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

                if (IsServerContext(ctx))
                {
                    Reply(peer, Wire.Error(Wire.Global, requestId, peer.Id, Wire.ErrInvalidContext, $"Context '{ctx.Name}' is defined by the platform (a configured channel); it cannot be destroyed."));
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
                if (peer.InAgm)
                {
                    Reply(peer, Wire.Success(Wire.Agm, requestId, peer.Id));
                    return;
                }

                // The peers already in agm and their methods go out before the join's success: the client treats interop
                // as ready on that success and at once looks for methods it depends on (T42.ACS.RegisterInstance,
                // T42.Apps.Command), so they must be known by then, whatever the socket does with the frames.
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

                Reply(peer, Wire.Success(Wire.Agm, requestId, peer.Id));
                return;
            case Wire.Metrics:
                Reply(peer, Wire.Success(Wire.Metrics, requestId, peer.Id));
                return;
            case Wire.Bus:
                peer.InBus = true;
                Reply(peer, Wire.Success(Wire.Bus, requestId, peer.Id));
                return;
            case { } declined when DeclinedDomains.Contains(declined):
                Reply(peer, Wire.Success(declined, requestId, peer.Id));
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
}
