using System.Text.Json.Nodes;

namespace IoActors.Gateway.Server;

/// <summary>A connected peer as seen by platform code: its gateway peer id and the identity it logged in with.</summary>
/// <param name="PeerId">The gateway-assigned peer id.</param>
/// <param name="Application">The application name from its identity, when given.</param>
/// <param name="InstanceId">The platform instance the connection is tied to, when it was started by (or registered with) the platform.</param>
/// <param name="Identity">The resolved identity, as sent to other peers.</param>
public sealed record GatewayPeerInfo(string PeerId, string? Application, string? InstanceId, JsonObject Identity);
