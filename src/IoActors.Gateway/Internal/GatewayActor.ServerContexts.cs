using System.Text.Json.Nodes;

namespace IoActors.Gateway.Internal;

/// <summary>
/// Contexts the platform defines (the channels' <c>___channel___&lt;name&gt;</c> contexts): retained, owned by the server
/// peer, announced to every client like any context, never destroyed by a client, and created again (with their
/// initial data) by a router restarted by its supervisor, from <see cref="GatewayCore.ServerContexts"/>.
/// </summary>
internal sealed partial class GatewayActor
{
    private void OnDefineServerContexts(DefineServerContexts define)
    {
        foreach (var (name, data) in define.Contexts)
        {
            if (_core.ServerContexts.Any(c => c.Name == name))
            {
                continue;
            }

            _core.ServerContexts.Add((name, (JsonObject)data.DeepClone()));
            var ctx = CreateServerContext(name, data);
            foreach (var peer in _peers.Values)
            {
                if (peer.IsServerPeer)
                {
                    continue;
                }

                var added = Wire.Message(Wire.Global, "context-added", null, peer.Id);
                added["name"] = ctx.Name;
                added["context_id"] = ctx.Id;
                added["creator_id"] = ctx.OwnerId;
                peer.Outbox!.Send(added);
            }
        }

        define.Done.TrySetResult();
    }

    /// <summary>Creates the server peer's contexts of a (re)started router, before any client connects.</summary>
    private void CreateServerContexts()
    {
        foreach (var (name, data) in _core.ServerContexts)
        {
            CreateServerContext(name, data);
        }
    }

    private ContextState CreateServerContext(string name, JsonObject data)
    {
        if (_contextNames.TryGetValue(name, out var existing))
        {
            // A client created it first: the platform's definition takes it over (data and owner).
            var taken = _contexts[existing];
            _contexts.Remove(existing);
            _contextNames.Remove(name);
            foreach (var p in _peers.Values)
            {
                p.Contexts.Remove(existing);
            }

            var replacement = new ContextState(existing, name, (JsonObject)data.DeepClone(), _server.Id, "retained");
            foreach (var subscriber in taken.Subscribers)
            {
                replacement.Subscribers.Add(subscriber);
                if (_peers.TryGetValue(subscriber, out var p))
                {
                    p.Contexts.Add(existing);
                }
            }

            _contexts[existing] = replacement;
            _contextNames[name] = existing;
            return replacement;
        }

        var ctx = new ContextState(NextId("c"), name, (JsonObject)data.DeepClone(), _server.Id, "retained");
        _contexts[ctx.Id] = ctx;
        _contextNames[name] = ctx.Id;
        return ctx;
    }

    private bool IsServerContext(ContextState ctx) => ctx.OwnerId == _server.Id;
}

/// <summary>The platform defines contexts (name and initial data) the router keeps for its lifetime; <paramref name="Done"/> completes once they exist.</summary>
internal sealed record DefineServerContexts(IReadOnlyList<(string Name, JsonObject Data)> Contexts, TaskCompletionSource Done);
