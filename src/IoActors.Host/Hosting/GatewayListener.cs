using System.Net;
using IoActors.Platform.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace IoActors.Host.Hosting;

/// <summary>
/// The gateway's own listener (<c>gw.host</c>:<c>gw.port</c>), when configured: it serves only <c>/gw</c>, and the API's
/// listener then no longer does. Without <c>gw.port</c> the gateway is served by the API's listener.
/// </summary>
internal sealed class GatewayListener
{
    private ListenOptions? _listen;

    /// <summary>The WebSocket URL of the listener (known once Kestrel has bound it).</summary>
    public string Url => ListenAddress.LocalUrl("ws", _listen!.IPEndPoint!) + "/gw";

    /// <summary>Whether <paramref name="gw"/> asks for a listener of its own, apart from the API's.</summary>
    public static bool IsSeparate(GatewayOptions gw, ApiOptions api) =>
        gw.Port is { } port && !(port == api.Port && port != 0 && ListenAddress.Parse(gw.Host).Equals(ListenAddress.Parse(api.Host)));

    /// <summary>Kestrel's listen callback for the gateway's endpoint.</summary>
    public void Bind(ListenOptions listen) => _listen = listen;

    /// <summary>Middleware: <c>/gw</c> only on the gateway's listener, everything else only on the API's (404 otherwise).</summary>
    public Task KeepApartAsync(HttpContext context, RequestDelegate next)
    {
        var endpoint = _listen?.IPEndPoint;
        var local = context.Connection;
        var onGatewayListener = endpoint is not null && local.LocalPort == endpoint.Port
            && (endpoint.Address.Equals(IPAddress.Any) || endpoint.Address.Equals(IPAddress.IPv6Any) || Equals(local.LocalIpAddress?.MapToIPv4(), endpoint.Address.MapToIPv4()));
        if (onGatewayListener != context.Request.Path.StartsWithSegments("/gw"))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
