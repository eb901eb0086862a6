using System.Text.Json.Nodes;

namespace IoActors.Gateway.Platform;

/// <summary>Channels: the channel definitions the gateway offers to clients as their channel contexts.</summary>
public partial interface IGatewayPlatform
{
    /// <summary>Returns the configured io.Connect channels, in the order clients list them.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<IReadOnlyList<GatewayChannel>> GetChannelsAsync(CancellationToken cancellationToken);
}

/// <summary>An io.Connect channel: the gateway holds its data in the shared context <c>___channel___&lt;Name&gt;</c>.</summary>
/// <param name="Name">The channel's unique name.</param>
/// <param name="Meta">Its meta data (at least <c>color</c>; <c>fdc3.id</c> for an FDC3 user channel).</param>
public sealed record GatewayChannel(string Name, JsonObject Meta);
