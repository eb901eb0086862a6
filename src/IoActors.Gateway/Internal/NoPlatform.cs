using System.Text.Json.Nodes;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Server;

namespace IoActors.Gateway.Internal;

/// <summary>Used when no <see cref="IGatewayPlatform"/> is registered: no apps, no instances, readiness ignored.</summary>
internal sealed class NoPlatform : IGatewayPlatform
{
    private const string Reason = "This gateway runs without a platform core: no IGatewayPlatform is registered.";

    public Task<IReadOnlyList<GatewayApplication>> GetApplicationsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<GatewayApplication>>([]);

    public Task<IReadOnlyList<GatewayInstance>> GetInstancesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<GatewayInstance>>([]);

    public Task<GatewayInstance> StartApplicationAsync(GatewayStartRequest request, CancellationToken cancellationToken) =>
        throw new GatewayMethodException(Reason);

    public Task StopInstanceAsync(string instanceId, CancellationToken cancellationToken) => throw new GatewayMethodException(Reason);

    public Task InteropReadyAsync(string instanceId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SignalAppReadyAsync(string instanceId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<GatewayInstance> RegisterInstanceAsync(string applicationName, int? processId, string? instanceId, CancellationToken cancellationToken) => throw new GatewayMethodException(Reason);

    public Task<GatewayInMemoryResult> InMemoryStoreAsync(GatewayInMemoryCommand command, CancellationToken cancellationToken) => throw new GatewayMethodException(Reason);

    public Task ShutdownAsync(bool restart, CancellationToken cancellationToken) => throw new GatewayMethodException(Reason);

    public Task<IReadOnlyList<GatewayChannel>> GetChannelsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<GatewayChannel>>([]);

    public IDisposable Subscribe(Action<GatewayPlatformEvent> handler) => new Nothing();

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
