using System.Text.Json.Nodes;
using Akka.Actor;
using IoActors.Gateway.Server;

namespace IoActors.Gateway;

/// <summary>The running gateway: its server peer, the tokens it accepts and the shutdown hook.</summary>
public interface IIoGateway
{
    /// <summary>
    /// How to create the gateway's router, for a host that runs it as an actor of its own (the <c>ioactors</c> host makes
    /// it a child of the platform, at <c>/user/platform/gateway</c>; one child per connected client): with
    /// <see cref="IoGatewayOptions.HostedByPlatform"/> set, create exactly one actor from it, named <see cref="RouterName"/>;
    /// until it started, new connections and server-peer calls wait for it (up to 10 s). Without that option the
    /// gateway already runs its router and these props must not be used.
    /// </summary>
    Props RouterProps { get; }

    /// <summary>The name of the router actor (the <c>actorName</c> the gateway was added with; <c>gateway</c> by default).</summary>
    string RouterName { get; }

    /// <summary>The platform's own peer (methods and streams implemented in C#).</summary>
    IGatewayServer Server { get; }

    /// <summary>Issues the token a client started by the platform presents in its hello (<c>gateway-token</c> method); the connection is then tied to that instance.</summary>
    /// <param name="instanceId">The instance the token belongs to.</param>
    /// <param name="applicationName">The instance's app.</param>
    /// <returns>A new random token.</returns>
    string IssueToken(string instanceId, string applicationName);

    /// <summary>Revokes every token of an instance (e.g. when it stopped). Existing connections stay open.</summary>
    /// <param name="instanceId">The instance.</param>
    void RevokeTokens(string instanceId);

    /// <summary>
    /// Builds the fields of the <c>_GD_STARTING_CONTEXT_</c> environment variable (a JSON object) that
    /// <c>@interopio/desktop</c> reads in a node app the platform starts, so that <c>await IODesktop()</c> connects
    /// with no configuration: <c>gwURL</c>, <c>gwToken</c> (a fresh token for the instance), <c>instanceId</c>,
    /// <c>applicationConfig.name</c> (required by the library: without it the factory throws), <c>env</c> and <c>region</c>.
    /// Merge them into the platform's own starting context, or serialize the object as is.
    /// </summary>
    /// <param name="gatewayUrl">The gateway's WebSocket URL (e.g. <c>ws://127.0.0.1:8385/gw</c>).</param>
    /// <param name="instanceId">The instance being started.</param>
    /// <param name="applicationName">Its app.</param>
    /// <returns>A new JSON object; <c>ToJsonString()</c> gives the environment variable's value.</returns>
    JsonObject CreateStartingContext(Uri gatewayUrl, string instanceId, string applicationName);

    /// <summary>The peers currently logged in (not counting the server peer).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<IReadOnlyList<GatewayPeerInfo>> GetPeersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks every client's <c>T42.ACS.OnGDShutdown</c> handler whether the platform may shut down (or restart); a
    /// handler that returns <c>{ prevent: true }</c> prevents it. The shutdown coordinator calls this first.
    /// </summary>
    /// <param name="restarting">Whether the platform is restarting rather than exiting.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Whether a client prevented it, and which.</returns>
    Task<GatewayShutdownDecision> RequestShutdownAsync(bool restarting, CancellationToken cancellationToken = default);

    /// <summary>Closes every client connection (going away) and stops the gateway's actors.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    Task StopAsync(CancellationToken cancellationToken = default);
}
