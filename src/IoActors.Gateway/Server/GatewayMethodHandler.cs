using System.Text.Json.Nodes;

namespace IoActors.Gateway.Server;

/// <summary>Handles a call of a server-peer method; the returned node is the result the caller receives (<c>returned</c>).</summary>
/// <param name="invocation">The call.</param>
/// <param name="cancellationToken">Cancelled when the gateway stops.</param>
/// <returns>The result; <see langword="null"/> sends an empty object. Throw <see cref="GatewayMethodException"/> to send an error.</returns>
public delegate ValueTask<JsonNode?> GatewayMethodHandler(GatewayInvocation invocation, CancellationToken cancellationToken);
