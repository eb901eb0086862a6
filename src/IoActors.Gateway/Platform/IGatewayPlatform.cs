using System.Text.Json.Nodes;

namespace IoActors.Gateway.Platform;

/// <summary>
/// What the gateway needs from the platform core: the app registry, instance control, readiness signals,
/// events and the shutdown hook. The host implements it over the platform's AppManager; tests use a fake.
/// </summary>
public partial interface IGatewayPlatform
{
    /// <summary>Returns every app currently defined.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<IReadOnlyList<GatewayApplication>> GetApplicationsAsync(CancellationToken cancellationToken);

    /// <summary>Returns every running instance.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<IReadOnlyList<GatewayInstance>> GetInstancesAsync(CancellationToken cancellationToken);

    /// <summary>Starts an instance of an app.</summary>
    /// <param name="request">The app, the caller's context and options, who asks and whether for an intent.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The started instance.</returns>
    Task<GatewayInstance> StartApplicationAsync(GatewayStartRequest request, CancellationToken cancellationToken);

    /// <summary>Stops a running instance.</summary>
    /// <param name="instanceId">The instance to stop.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task StopInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Tells the platform that an instance's interop connection is ready (its gateway handshake completed).</summary>
    /// <param name="instanceId">The instance whose client connected.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task InteropReadyAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Tells the platform that an instance signalled readiness (<c>T42.GD.Execute</c> "signal-app-ready").</summary>
    /// <param name="instanceId">The instance that signalled.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task SignalAppReadyAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Adopts a process the platform did not start as an instance of an app (<c>T42.ACS.RegisterInstance</c>): it is an
    /// instance until its process exits (or, without a process id, until its gateway connection closes).
    /// </summary>
    /// <param name="applicationName">The app the process says it is.</param>
    /// <param name="processId">The process id, when known.</param>
    /// <param name="instanceId">The instance id the client already goes by (its resolved identity's <c>instance</c>), to use when it is free; else the platform picks one.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The registered instance.</returns>
    Task<GatewayInstance> RegisterInstanceAsync(string applicationName, int? processId, string? instanceId, CancellationToken cancellationToken);

    /// <summary>Runs an in-memory store command (import, export, remove, clear) for <c>io.appManager.inMemory</c>.</summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The command's result.</returns>
    Task<GatewayInMemoryResult> InMemoryStoreAsync(GatewayInMemoryCommand command, CancellationToken cancellationToken);

    /// <summary>Shuts the platform down or restarts it, after no client prevented it.</summary>
    /// <param name="restart">Whether the platform restarts rather than exits.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task ShutdownAsync(bool restart, CancellationToken cancellationToken);

    /// <summary>Subscribes to platform events (apps added/removed/changed, instances started/stopped/updated/failed).</summary>
    /// <param name="handler">Called for each event, in order, never concurrently.</param>
    /// <returns>Disposing it ends the subscription.</returns>
    IDisposable Subscribe(Action<GatewayPlatformEvent> handler);
}
