using System.Text.Json;
using System.Text.Json.Nodes;

namespace IoActors.Gateway.Internal;

/// <summary>Field names, reason URIs and small builders for gateway protocol v3 messages.</summary>
internal static class Wire
{
    public const string Global = "global";
    public const string Agm = "agm";
    public const string Metrics = "metrics";
    public const string Bus = "bus";

    public const string ErrAuthentication = "global.errors.authentication.failure";
    public const string ErrInvalidMessage = "global.errors.invalid_message";
    public const string ErrUnhandled = "global.errors.unhandled_message";
    public const string ErrTooLarge = "global.errors.message_too_large";
    public const string ErrNotJoined = "global.errors.domain_not_joined";
    public const string ErrInvalidContext = "global.errors.invalid_context";
    public const string ErrUnknownMethod = "agm.errors.unregistered_method";
    public const string ErrUnknownPeer = "agm.errors.unknown_peer";
    public const string ErrPeerGone = "agm.errors.client_disconnected";
    public const string ErrClient = "agm.errors.client_error";
    public const string ErrSubscription = "agm.errors.subscription.failure";

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static string? Str(JsonObject msg, string field)
    {
        var node = msg[field];
        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            return s;
        }

        return null;
    }

    /// <summary>Reads a string field, or a number rendered as text (request ids may be numbers).</summary>
    public static string? Id(JsonObject msg, string field)
    {
        var node = msg[field];
        if (node is not JsonValue v)
        {
            return null;
        }

        if (v.TryGetValue<string>(out var s))
        {
            return s;
        }

        return v.GetValueKind() == JsonValueKind.Number ? v.ToJsonString() : null;
    }

    /// <summary>Removes a field from its message and returns it, so it can be re-parented into another message.</summary>
    public static JsonNode? Take(JsonObject msg, string field)
    {
        if (msg.Remove(field, out var node))
        {
            return node;
        }

        return null;
    }

    public static JsonObject Message(string domain, string type, string? requestId, string? peerId)
    {
        var o = new JsonObject { ["domain"] = domain, ["type"] = type };
        if (requestId is not null)
        {
            o["request_id"] = requestId;
        }

        if (peerId is not null)
        {
            o["peer_id"] = peerId;
        }

        return o;
    }

    public static JsonObject Success(string domain, string? requestId, string? peerId) => Message(domain, "success", requestId, peerId);

    public static JsonObject Error(string domain, string? requestId, string? peerId, string reasonUri, string reason)
    {
        var o = Message(domain, "error", requestId, peerId);
        o["reason_uri"] = reasonUri;
        o["reason"] = reason;
        return o;
    }

    public static byte[] Serialize(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Compact);

    public static JsonObject Clone(JsonObject? o) => o is null ? new JsonObject() : (JsonObject)o.DeepClone();
}
