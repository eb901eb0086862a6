using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using IoActors.Gateway.Server;

namespace IoActors.Gateway.Internal;

/// <summary>
/// <c>io.interception</c>: <c>T42.GD.Interception.Execute</c>. <c>register</c> / <c>unregister</c> record which
/// operations a connection intercepts (<c>{domain, operation, phase}</c>, phase <c>before</c>, <c>after</c> or
/// <c>all</c>); <c>raiseInterception</c> / <c>filterHandlersInterception</c>, which every client sends before and after
/// its own <c>io.intents.raise</c> and <c>filterHandlers</c> once the method exists, call the handler
/// (<c>T42.GD.Interception.Handler</c>) of the first other connection that intercepts that operation and phase, and
/// answer with what it returned (<c>{operationArgs}</c> to change the call, <c>{operationResult}</c> to replace it);
/// with no interceptor the answer is <c>{}</c> and the call goes on unchanged. A connection's interceptions end with it.
/// </summary>
internal sealed partial class PlatformMethods
{
    public const string InterceptionExecute = "T42.GD.Interception.Execute";
    public const string InterceptionHandler = "T42.GD.Interception.Handler";

    /// <summary>The most interceptions one connection may register.</summary>
    public const int MaxInterceptionsPerPeer = 100;

    private static readonly Dictionary<string, string[]> InterceptableOperations = new(StringComparer.Ordinal)
    {
        ["intents"] = ["raise", "filterHandlers"],
    };

    // Peer id → its interceptions, in registration order (the first registered connection intercepts first).
    private readonly ConcurrentDictionary<string, List<Interception>> _interceptors = new(StringComparer.Ordinal);
    private long _interceptorOrder;

    private Task StartInterceptionAsync(IGatewayServer server, CancellationToken cancellationToken) =>
        server.RegisterMethodAsync(InterceptionExecute, ExecuteInterceptionAsync, cancellationToken);

    private void OnInterceptionPeer(GatewayPeerInfo peer, bool loggedIn)
    {
        if (!loggedIn)
        {
            _interceptors.TryRemove(peer.PeerId, out _);
        }
    }

    private async ValueTask<JsonNode?> ExecuteInterceptionAsync(GatewayInvocation call, CancellationToken cancellationToken)
    {
        var command = OptionalString(call.Arguments, "command", InterceptionExecute);
        var requested = call.Arguments["interceptions"] as JsonArray ?? throw new GatewayMethodException($"{InterceptionExecute}: argument 'interceptions' must be an array of {{domain, operation, phase}}.");
        switch (command)
        {
            case "register":
            {
                var added = requested.Select((n, i) => ReadInterception(n, i)).ToList();
                var list = _interceptors.GetOrAdd(call.Caller.PeerId, _ => []);
                lock (list)
                {
                    if (list.Count + added.Count > MaxInterceptionsPerPeer)
                    {
                        throw new GatewayMethodException($"{InterceptionExecute}: a connection may register at most {MaxInterceptionsPerPeer} interceptions; this one has {list.Count} and asked for {added.Count} more.");
                    }

                    list.AddRange(added);
                }

                return new JsonObject();
            }

            case "unregister":
            {
                var removed = requested.Select((n, i) => ReadInterception(n, i)).ToList();
                if (_interceptors.TryGetValue(call.Caller.PeerId, out var list))
                {
                    lock (list)
                    {
                        list.RemoveAll(i => removed.Any(r => r.Domain == i.Domain && r.Operation == i.Operation));
                    }
                }

                return new JsonObject();
            }

            case "raiseInterception" or "filterHandlersInterception":
                return await InterceptAsync(call, requested, cancellationToken).ConfigureAwait(false);
            default:
                throw new GatewayMethodException($"{InterceptionExecute}: command '{command ?? "(none)"}' is not one of register, unregister, raiseInterception, filterHandlersInterception.");
        }
    }

    private async Task<JsonNode?> InterceptAsync(GatewayInvocation call, JsonArray requested, CancellationToken cancellationToken)
    {
        if (requested.Count != 1 || requested[0] is not JsonObject operation)
        {
            throw new GatewayMethodException($"{InterceptionExecute}: an interception call carries one {{domain, operation, phase, operationArgs}}.");
        }

        var domain = OptionalString(operation, "domain", InterceptionExecute);
        var name = OptionalString(operation, "operation", InterceptionExecute);
        var phase = OptionalString(operation, "phase", InterceptionExecute) ?? "before";
        var interceptor = _interceptors
            .Where(p => p.Key != call.Caller.PeerId)
            .SelectMany(p =>
            {
                lock (p.Value)
                {
                    return p.Value.Where(i => i.Domain == domain && i.Operation == name && (i.Phase == "all" || i.Phase == phase)).Select(i => (Peer: p.Key, i.Order)).ToList();
                }
            })
            .OrderBy(x => x.Order)
            .Select(x => x.Peer)
            .FirstOrDefault();
        if (interceptor is null)
        {
            return new JsonObject();
        }

        var answer = await _gateway.Server.InvokePeerAsync(interceptor, InterceptionHandler, new JsonObject { ["interception"] = operation.DeepClone() }, ClientHandlerTimeout, cancellationToken).ConfigureAwait(false);
        return answer switch
        {
            null => new JsonObject(),
            { Succeeded: false } failed => throw new GatewayMethodException($"The interceptor of {domain}.{name} ({phase}) failed: {failed.Error}"),
            { Result: JsonObject result } => result.DeepClone(),
            _ => new JsonObject(),
        };
    }

    private Interception ReadInterception(JsonNode? node, int index)
    {
        if (node is not JsonObject o)
        {
            throw new GatewayMethodException($"{InterceptionExecute}: interceptions[{index}] must be an object {{domain, operation, phase}}.");
        }

        var domain = OptionalString(o, "domain", InterceptionExecute);
        var operation = OptionalString(o, "operation", InterceptionExecute);
        if (domain is null || !InterceptableOperations.TryGetValue(domain, out var operations) || operation is null || !operations.Contains(operation))
        {
            throw new GatewayMethodException($"{InterceptionExecute}: interceptions[{index}]: {domain ?? "(no domain)"}.{operation ?? "(no operation)"} cannot be intercepted; what can: {string.Join(", ", InterceptableOperations.SelectMany(d => d.Value.Select(op => d.Key + "." + op)))}.");
        }

        var phase = OptionalString(o, "phase", InterceptionExecute) ?? "all";
        if (phase is not ("all" or "before" or "after"))
        {
            throw new GatewayMethodException($"{InterceptionExecute}: interceptions[{index}].phase: '{phase}' is not one of all, before, after.");
        }

        return new Interception(domain, operation, phase, Interlocked.Increment(ref _interceptorOrder));
    }

    private sealed record Interception(string Domain, string Operation, string Phase, long Order);
}
