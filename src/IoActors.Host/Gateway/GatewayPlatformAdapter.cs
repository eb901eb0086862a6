using System.Text.Json;
using System.Text.Json.Nodes;
using IoActors.Apps.Definitions;
using IoActors.Apps.Stores;
using IoActors.Gateway.Platform;
using IoActors.Host.Hosting;
using IoActors.Platform;
using IoActors.Platform.Instances;

namespace IoActors.Host.Gateway;

/// <summary>The gateway's view of the platform (<c>IGatewayPlatform</c>) over <see cref="IoPlatform"/> and its AppManager.</summary>
internal sealed class GatewayPlatformAdapter(PlatformHolder holder) : IGatewayPlatform
{
    private IoPlatform Platform => holder.Platform ?? throw new InvalidOperationException("the platform is starting");

    public async Task<IReadOnlyList<GatewayApplication>> GetApplicationsAsync(CancellationToken cancellationToken) =>
        [.. (await Platform.AppManager.ApplicationsAsync(cancellationToken)).Select(a => ToGateway(a.Definition))];

    public async Task<IReadOnlyList<GatewayInstance>> GetInstancesAsync(CancellationToken cancellationToken) =>
        [.. (await Platform.AppManager.InstancesAsync(cancellationToken)).Select(ToGateway)];

    public async Task<GatewayInstance> StartApplicationAsync(string applicationName, JsonObject? context, JsonObject? options, string? startedBy, CancellationToken cancellationToken)
    {
        JsonElement? ctx = context is null ? null : JsonSerializer.SerializeToElement(context);
        var by = startedBy is null ? null : new StartedBy(null, startedBy, StartedByKind.Application);
        return ToGateway(await Platform.AppManager.StartAsync(applicationName, ctx, options, by, cancellationToken));
    }

    public Task StopInstanceAsync(string instanceId, CancellationToken cancellationToken) => Platform.AppManager.StopAsync(instanceId, cancellationToken);

    public Task InteropReadyAsync(string instanceId, CancellationToken cancellationToken)
    {
        Platform.SignalInteropReady(instanceId);
        return Task.CompletedTask;
    }

    public Task SignalAppReadyAsync(string instanceId, CancellationToken cancellationToken)
    {
        Platform.SignalAppReady(instanceId);
        return Task.CompletedTask;
    }

    public Task<GatewayInstance> RegisterInstanceAsync(string applicationName, int? processId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("registering externally started instances is not supported by this host");

    public async Task<GatewayInMemoryResult> InMemoryStoreAsync(GatewayInMemoryCommand command, CancellationToken cancellationToken)
    {
        var store = Platform.AppManager.InMemory;
        switch (command.Kind)
        {
            case "import":
                var result = await store.ImportAsync(command.Apps.Select(a => JsonSerializer.SerializeToElement(a)), command.Replace ? ImportMode.Replace : ImportMode.Merge, cancellationToken);
                return new GatewayInMemoryResult(result.Imported, [.. result.Errors.Select(e => new GatewayInMemoryError(e.App, e.Error))], []);
            case "export":
                return new GatewayInMemoryResult([], [], [.. (await store.ExportAsync(cancellationToken)).Select(d => d.ToJsonObject())]);
            case "remove":
                var removed = new List<string>();
                foreach (var name in command.Names)
                {
                    if (await store.RemoveAsync(name, cancellationToken))
                    {
                        removed.Add(name);
                    }
                }

                return new GatewayInMemoryResult(removed, [], []);
            case "clear":
                return new GatewayInMemoryResult(await store.ClearAsync(cancellationToken), [], []);
            default:
                throw new ArgumentException($"unknown in-memory store command '{command.Kind}' (import, export, remove, clear)", nameof(command));
        }
    }

    public async Task ShutdownAsync(bool restart, CancellationToken cancellationToken)
    {
        _ = restart ? await Platform.RestartAsync("gateway client", "gateway") : await Platform.ShutdownAsync("gateway client", "gateway");
    }

    /// <summary>Subscribes now if the platform exists, else when <see cref="Attach"/> is called (the gateway starts before the platform).</summary>
    public IDisposable Subscribe(Action<GatewayPlatformEvent> handler)
    {
        var late = new LateSubscription(handler);
        lock (_pending)
        {
            if (holder.Platform is { } platform)
            {
                late.Attach(platform);
            }
            else
            {
                _pending.Add(late);
            }
        }

        return late;
    }

    /// <summary>Attaches the subscriptions made before the platform existed.</summary>
    public void Attach(IoPlatform platform)
    {
        lock (_pending)
        {
            foreach (var late in _pending)
            {
                late.Attach(platform);
            }

            _pending.Clear();
        }
    }

    private readonly List<LateSubscription> _pending = [];

    private sealed class LateSubscription(Action<GatewayPlatformEvent> handler) : IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];
        private bool _disposed;

        public void Attach(IoPlatform platform)
        {
            var manager = platform.AppManager;
            lock (_subscriptions)
            {
                if (_disposed)
                {
                    return;
                }

                _subscriptions.AddRange(
                [
                    manager.OnAppAdded(d => handler(new GatewayAppAdded(ToGateway(d)))),
                    manager.OnAppRemoved(d => handler(new GatewayAppRemoved(ToGateway(d)))),
                    manager.OnAppChanged(d => handler(new GatewayAppChanged(ToGateway(d)))),
                    manager.OnInstanceStarted(i => handler(new GatewayInstanceStarted(ToGateway(i)))),
                    manager.OnInstanceStopped(i => handler(new GatewayInstanceStopped(ToGateway(i)))),
                    manager.OnInstanceUpdated(i => handler(new GatewayInstanceUpdated(ToGateway(i)))),
                    manager.OnInstanceStartFailed(f => handler(new GatewayInstanceStartFailed(ToGateway(f.Instance), f.Reason))),
                ]);
            }
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _disposed = true;
                foreach (var s in _subscriptions)
                {
                    s.Dispose();
                }

                _subscriptions.Clear();
            }
        }
    }

    internal static GatewayApplication ToGateway(AppDefinition d) =>
        new(d.Name, d.Type.ToString().ToLowerInvariant(), d.Title, d.ToJsonObject())
        {
            AllowMultiple = d.AllowMultiple,
            AutoStart = d.AutoStart,
            Hidden = d.Hidden,
            Caption = d.Caption,
            Icon = d.Icon,
            Keywords = d.Keywords,
            UserProperties = d.Json.TryGetProperty("customProperties", out var p) && p.ValueKind == JsonValueKind.Object ? JsonObject.Create(p.Clone()) : null,
        };

    internal static GatewayInstance ToGateway(InstanceInfo i) =>
        new(i.Id, i.AppName)
        {
            ProcessId = i.ProcessId,
            Title = i.Title,
            Context = i.Context is { ValueKind: JsonValueKind.Object } c ? JsonObject.Create(c.Clone()) : null,
            StartedBy = i.StartedBy.InstanceId,
        };
}
