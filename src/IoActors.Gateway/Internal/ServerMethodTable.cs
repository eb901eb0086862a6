using System.Globalization;
using System.Text.Json.Nodes;
using IoActors.Gateway.Server;

namespace IoActors.Gateway.Internal;

/// <summary>
/// The server peer's methods and streams, kept outside the router actor (in <see cref="GatewayCore"/>) so that a router
/// restarted by its supervisor announces the same methods, under the same ids, as the one that failed: the platform
/// methods are registered once, at start, and must survive. Touched only on the router's thread.
/// </summary>
internal sealed class ServerMethodTable
{
    private readonly Dictionary<string, ServerMethod> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServerMethod> _byName = new(StringComparer.Ordinal);
    private int _nextId;

    /// <summary>Every registered method and stream, in registration order.</summary>
    public IEnumerable<ServerMethod> All => _byId.Values.OrderBy(m => m.Order);

    public bool TryGet(string id, out ServerMethod method) => _byId.TryGetValue(id, out method!);

    /// <summary>Registers a method (handler) or stream; null when the name is taken.</summary>
    public ServerMethod? Add(string name, GatewayMethodHandler? handler, ServerStream? stream)
    {
        if (_byName.ContainsKey(name))
        {
            return null;
        }

        var order = ++_nextId;
        var method = new ServerMethod(order.ToString(CultureInfo.InvariantCulture), name, handler, stream, order);
        _byId[method.Id] = method;
        _byName[name] = method;
        return method;
    }

    public ServerMethod? Remove(string name)
    {
        if (!_byName.Remove(name, out var method))
        {
            return null;
        }

        _byId.Remove(method.Id);
        return method;
    }
}

/// <summary>One method (with <paramref name="Handler"/>) or stream (with <paramref name="Stream"/>) of the server peer.</summary>
internal sealed record ServerMethod(string Id, string Name, GatewayMethodHandler? Handler, ServerStream? Stream, int Order)
{
    /// <summary>The method as announced in methods-added.</summary>
    public JsonObject Definition() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["flags"] = new JsonObject { ["metadata"] = new JsonObject(), ["streaming"] = Stream is not null },
        ["object_types"] = new JsonArray(),
    };
}
