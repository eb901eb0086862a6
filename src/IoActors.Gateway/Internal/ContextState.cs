using System.Text.Json.Nodes;

namespace IoActors.Gateway.Internal;

/// <summary>One shared context.</summary>
internal sealed class ContextState
{
    public ContextState(string id, string name, JsonObject data, string ownerId, string lifetime)
    {
        Id = id;
        Name = name;
        Data = data;
        OwnerId = ownerId;
        Lifetime = lifetime;
    }

    public string Id { get; }

    public string Name { get; }

    public JsonObject Data { get; set; }

    public string OwnerId { get; }

    /// <summary>"retained" (default), "ownership" (destroyed with its owner) or "ref-counted" (destroyed when nobody subscribes).</summary>
    public string Lifetime { get; }

    public HashSet<string> Subscribers { get; } = new(StringComparer.Ordinal);
}
