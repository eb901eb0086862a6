using IoActors.Gateway.Server;

namespace IoActors.Gateway;

/// <summary>What the clients answered when asked whether the platform may shut down.</summary>
/// <param name="Prevented">Whether at least one client's handler returned <c>{ prevent: true }</c>.</param>
/// <param name="PreventedBy">The peers that prevented it.</param>
public sealed record GatewayShutdownDecision(bool Prevented, IReadOnlyList<GatewayPeerInfo> PreventedBy);
