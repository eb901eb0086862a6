using System.Text.Json.Nodes;
using IoActors.Gateway.Platform;

namespace IoActors.Host.Gateway;

/// <summary>Channels: the channel definitions of the platform's channels actor.</summary>
internal sealed partial class GatewayPlatformAdapter
{
    /// <remarks>
    /// The gateway asks when it registers its platform methods, which it does as soon as its router (a child of the
    /// platform) started, before the platform is handed over: this waits for it (connections wait for the gateway).
    /// </remarks>
    public async Task<IReadOnlyList<GatewayChannel>> GetChannelsAsync(CancellationToken cancellationToken)
    {
        var platform = await holder.WhenCreated.WaitAsync(cancellationToken);
        return [.. (await platform.GetChannelsAsync(cancellationToken)).Select(c => new GatewayChannel(c.Name, JsonObject.Create(c.Meta.Clone())!))];
    }
}
