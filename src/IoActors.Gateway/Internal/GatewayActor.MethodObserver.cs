using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace IoActors.Gateway.Internal;

/// <summary>Tells the method observer (the platform methods) which methods a client peer registered or unregistered.</summary>
internal sealed partial class GatewayActor
{
    /// <summary>A failing observer is logged, never rethrown: the registration stands.</summary>
    private void NotifyMethodObserver(PeerState peer, List<JsonObject> methods, bool added)
    {
        try
        {
            _core.MethodObserver?.Invoke(peer.Info, methods, added);
        }
        catch (Exception ex)
        {
            _core.Logger.LogWarning(ex, "The method observer failed for peer {PeerId}", peer.Id);
        }
    }
}
