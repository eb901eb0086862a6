using System.Text.Json;
using System.Text.Json.Nodes;
using IoActors.Apps.Definitions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using IoActors.Gateway.Platform;
using IoActors.Host.Hosting;
using IoActors.Platform;
using IoActors.Platform.Instances;
using IoActors.Platform.Shutdown;

namespace IoActors.Host.Gateway;

/// <summary>The gateway's view of the platform (<c>IGatewayPlatform</c>) over <see cref="IoPlatform"/> and its AppManager.</summary>
internal sealed partial class GatewayPlatformAdapter(PlatformHolder holder) : IGatewayPlatform
{
    /// <summary>The initiator of a shutdown or restart a gateway client asked for.</summary>
    public const string GatewayInitiator = "gateway";

    /// <summary>The name of the platform shutdown handler that asks the io.Connect clients.</summary>
    public const string ClientHandlersName = "io.Connect clients";

    // Attached, not only created: the state the gateway reads is then always followed by the events of what changes next.
    private IoPlatform Platform => _late.Platform ?? throw new InvalidOperationException("the platform is starting");

    public async Task<IReadOnlyList<GatewayApplication>> GetApplicationsAsync(CancellationToken cancellationToken) =>
        [.. (await Platform.AppManager.ApplicationsAsync(cancellationToken)).Select(a => ToGateway(a.Definition))];

    public async Task<IReadOnlyList<GatewayInstance>> GetInstancesAsync(CancellationToken cancellationToken) =>
        [.. (await Platform.AppManager.InstancesAsync(cancellationToken)).Select(ToGateway)];

    public async Task<GatewayInstance> StartApplicationAsync(GatewayStartRequest request, CancellationToken cancellationToken)
    {
        JsonElement? ctx = request.Context is null ? null : JsonSerializer.SerializeToElement(request.Context);
        var kind = request.ByIntent ? StartedByKind.Intent : StartedByKind.Application;
        StartedBy? by = request.ByIntent ? new StartedBy(null, null, kind) : null;
        if (request.StartedBy is { } caller)
        {
            // The starting instance's app, while it runs (it asked, so it normally does).
            var starter = (await Platform.AppManager.InstancesAsync(cancellationToken)).FirstOrDefault(i => i.Id == caller);
            by = new StartedBy(starter?.AppName, caller, kind);
        }

        return ToGateway(await Platform.AppManager.StartAsync(request.ApplicationName, ctx, request.Options, by, cancellationToken));
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

    public async Task<GatewayInstance> RegisterInstanceAsync(string applicationName, int? processId, string? instanceId, CancellationToken cancellationToken) =>
        ToGateway(await Platform.AppManager.RegisterAsync(applicationName, processId, instanceId, cancellationToken));

    public async Task<GatewayInMemoryResult> InMemoryStoreAsync(GatewayInMemoryCommand command, CancellationToken cancellationToken)
    {
        var store = Platform.AppManager.InMemory;
        switch (command.Kind)
        {
            case "import":
                var result = await store.ImportAsync(command.Apps.Select(a => JsonSerializer.SerializeToElement(a)), command.Replace ? ImportMode.Replace : ImportMode.Merge, cancellationToken);
                return new GatewayInMemoryResult(result.Imported, [.. result.Errors.Select(e => new GatewayInMemoryError(e.App, e.Error))], [])
                {
                    Shadowed = [.. result.Shadowed.Select(x => new GatewayInMemoryShadowed(x.App, x.By, x.Reason))],
                };
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
        _ = restart ? await Platform.RestartAsync("gateway client", GatewayInitiator) : await Platform.ShutdownAsync("gateway client", GatewayInitiator);
    }

    /// <summary>Subscribes now if the platform exists, else when <see cref="Attach"/> is called (the gateway starts before the platform).</summary>
    // One subscription for all of them: the client mirrors the state, so an instance's update or stop must never overtake
    // its start (nor an app's change its addition).
    public IDisposable Subscribe(Action<GatewayPlatformEvent> handler) => _late.Add(platform => platform.AppManager.OnAppOrInstanceEvent(e =>
    {
        GatewayPlatformEvent? mapped = e switch
        {
            AppAdded a => new GatewayAppAdded(ToGateway(a.App.Definition)),
            AppRemoved r => new GatewayAppRemoved(ToGateway(r.App.Definition)),
            AppChanged c => new GatewayAppChanged(ToGateway(c.Current.Definition)),
            InstanceStarted s => new GatewayInstanceStarted(ToGateway(s.Instance)),
            InstanceUpdated u => new GatewayInstanceUpdated(ToGateway(u.Instance)),
            InstanceStopped s => new GatewayInstanceStopped(ToGateway(s.Instance)),
            InstanceStartFailed f => new GatewayInstanceStartFailed(ToGateway(f.Instance), f.Reason),
            _ => null,
        };
        if (mapped is not null)
        {
            handler(mapped);
        }
    }));

    /// <summary>
    /// Attaches the subscriptions made before the platform existed, and makes the io.Connect clients' shutdown handlers
    /// (<c>io.appManager.onShuttingDown</c>) part of the platform's: a shutdown or restart from the API, the CLI or a host
    /// asks every connected client, and one that returns <c>{ prevent: true }</c> prevents it. A shutdown a client asked
    /// for (<c>T42.ACS.Shutdown</c>, initiator "gateway") has asked them already.
    /// </summary>
    public void Attach(IoPlatform platform, IoActors.Gateway.IIoGateway? gateway)
    {
        if (gateway is not null)
        {
            platform.OnShuttingDown(
                async (args, cancellationToken) =>
                {
                    if (args.Initiator == GatewayInitiator)
                    {
                        return ShutdownDecision.Proceed;
                    }

                    var decision = await gateway.RequestShutdownAsync(args.Restarting, cancellationToken);
                    return decision.Prevented ? ShutdownDecision.Prevent : ShutdownDecision.Proceed;
                },
                ClientHandlersName);
        }

        _late.Attach(platform);
    }

    private readonly LateSubscriptions _late = new();

    internal static GatewayApplication ToGateway(AppDefinition d) =>
        new(d.Name, d.Type.ToString().ToLowerInvariant(), d.Title, d.ToJsonObject())
        {
            AllowMultiple = d.AllowMultiple,
            AutoStart = d.AutoStart,
            Hidden = d.Hidden,
            Caption = d.Caption,
            Version = d.Json.TryGetProperty("version", out var v) ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            } : null,
            Icon = d.Icon,
            Keywords = d.Keywords,
            UserProperties = d.Json.TryGetProperty("customProperties", out var p) && p.ValueKind == JsonValueKind.Object ? JsonObject.Create(p.Clone()) : null,
        };

    internal static GatewayInstance ToGateway(InstanceInfo i) =>
        new(i.Id, i.AppName)
        {
            ProcessId = i.ProcessId,
            StartedAt = i.StartedAt,
            Title = i.Title,
            Context = i.Context is { ValueKind: JsonValueKind.Object } c ? JsonObject.Create(c.Clone()) : null,
            StartedBy = i.StartedBy.InstanceId,
            StartedByApplication = i.StartedBy.ApplicationName,
            StartedByKind = i.StartedBy.KindName,
        };
}
