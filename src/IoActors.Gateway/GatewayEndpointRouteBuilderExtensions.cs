using IoActors.Gateway.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IoActors.Gateway;

/// <summary>Mounts the gateway's WebSocket endpoint.</summary>
public static class GatewayEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the io.Connect gateway (protocol version 3 over WebSocket) at <paramref name="pattern"/>. Requires
    /// <see cref="GatewayServiceCollectionExtensions.AddIoGateway"/>. WebSocket handling is included; the caller
    /// does not need <c>UseWebSockets</c>. Bind the host to loopback: the gateway also refuses non-loopback clients
    /// unless <see cref="IoGatewayOptions.AllowRemoteConnections"/> is set.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder (e.g. a <c>WebApplication</c>).</param>
    /// <param name="pattern">The route, e.g. <c>"/gw"</c>. The default is <c>"/gw"</c>.</param>
    /// <returns>The endpoint convention builder.</returns>
    public static IEndpointConventionBuilder MapIoGateway(this IEndpointRouteBuilder endpoints, string pattern = "/gw")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var gateway = endpoints.ServiceProvider.GetRequiredService<IoGateway>();
        var pipeline = endpoints.CreateApplicationBuilder()
            .UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) })
            .Use((RequestDelegate _) => http => ConnectionHandler.HandleAsync(http, gateway))
            .Build();
        return endpoints.Map(pattern, pipeline).WithDisplayName("io.Connect gateway");
    }
}
