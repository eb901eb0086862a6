using System.Text.Json.Nodes;

namespace IoActors.Gateway.Server;

/// <summary>The outcome of invoking one client's method from the platform.</summary>
/// <param name="Server">The peer that served (or failed) the call.</param>
/// <param name="Succeeded">Whether it returned a result.</param>
/// <param name="Result">The result, when it succeeded.</param>
/// <param name="Error">The error reason, when it failed (including timeouts and disconnects).</param>
public sealed record GatewayInvokeResult(GatewayPeerInfo Server, bool Succeeded, JsonNode? Result, string? Error);
