using System.Text.Json.Nodes;

namespace IoActors.Gateway.Internal;

/// <summary>Shared contexts (global domain, version 2): create, update, subscribe, destroy and their lifetimes.</summary>
internal sealed partial class GatewayActor
{
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
}
