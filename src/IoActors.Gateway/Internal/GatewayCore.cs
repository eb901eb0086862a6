using System.Text.Json.Nodes;
using IoActors.Gateway.Server;
using Microsoft.Extensions.Logging;

namespace IoActors.Gateway.Internal;

/// <summary>What the gateway's actors share: settings, tokens, logging and the peer observer.</summary>
internal sealed class GatewayCore
{
    public GatewayCore(IoGatewayOptions options, TokenRegistry tokens, ILogger logger)
    {
        Options = options;
        Tokens = tokens;
        Logger = logger;
    }

    public IoGatewayOptions Options { get; }

    public TokenRegistry Tokens { get; }

    public ILogger Logger { get; }

    /// <summary>Called by the router (on its thread) when a peer logs in or leaves; must not block.</summary>
    public Action<GatewayPeerInfo, bool>? PeerObserver { get; set; }

    /// <summary>Called by the router (on its thread) when a client peer registers (true) or unregisters (false) methods; must not block.</summary>
    public Action<GatewayPeerInfo, IReadOnlyList<JsonObject>, bool>? MethodObserver { get; set; }

    public CancellationTokenSource Stopping { get; } = new();

    /// <summary>The server peer's methods and streams; outlives a restart of the router.</summary>
    public ServerMethodTable ServerMethods { get; } = new();

    /// <summary>The contexts the platform defined (name and initial data), in order; outlive a restart of the router. Touched only on the router's thread.</summary>
    public List<(string Name, System.Text.Json.Nodes.JsonObject Data)> ServerContexts { get; } = [];
}
