using System.Text.Json.Nodes;

namespace IoActors.Gateway.Server;

/// <summary>Handles a new subscription to a server-peer stream; the returned node (if any) is delivered to that subscriber before any pushed data.</summary>
/// <param name="request">The subscription request (arguments and subscriber).</param>
/// <param name="cancellationToken">Cancelled when the gateway stops.</param>
/// <returns>The snapshot for this subscriber, or <see langword="null"/> for none. Throw <see cref="GatewayMethodException"/> to reject the subscription.</returns>
public delegate ValueTask<JsonNode?> GatewaySubscriptionHandler(GatewayInvocation request, CancellationToken cancellationToken);
