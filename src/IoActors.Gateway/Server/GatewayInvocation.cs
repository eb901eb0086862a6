using System.Text.Json.Nodes;

namespace IoActors.Gateway.Server;

/// <summary>One call of a method registered by the platform's server peer.</summary>
/// <param name="MethodName">The method's name.</param>
/// <param name="Arguments">The caller's arguments (<c>arguments_kv</c>); an empty object when none were sent.</param>
/// <param name="Caller">The calling peer.</param>
public sealed record GatewayInvocation(string MethodName, JsonObject Arguments, GatewayPeerInfo Caller);
