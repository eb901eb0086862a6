namespace IoActors.Gateway.Internal;

/// <summary>One message-bus subscription.</summary>
internal sealed record BusSubscription(string Id, string PeerId, string Topic, string? RoutingKey);
