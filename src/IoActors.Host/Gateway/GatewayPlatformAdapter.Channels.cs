using System.Text.Json.Nodes;
using IoActors.Gateway.Platform;

namespace IoActors.Host.Gateway;

/// <summary>Channels: the channel definitions of the platform's channels actor.</summary>
internal sealed partial class GatewayPlatformAdapter
{
    public async Task<IReadOnlyList<GatewayChannel>> GetChannelsAsync(CancellationToken cancellationToken) =>
        [.. (await Platform.GetChannelsAsync(cancellationToken)).Select(c => new GatewayChannel(c.Name, JsonObject.Create(c.Meta.Clone())!))];
}
