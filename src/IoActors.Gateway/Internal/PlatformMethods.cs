using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Akka.Actor;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Server;
using Microsoft.Extensions.Logging;

namespace IoActors.Gateway.Internal;

/// <summary>
/// The platform methods the io.Connect JavaScript library expects from io.Connect Desktop, served by the
/// gateway's server peer over an <see cref="IGatewayPlatform"/>: T42.GD.Execute, the T42.ACS.* app management
/// methods and streams, and io.windows (T42.Wnd.OnEvent, T42.Wnd.Execute) over the platform's windows.
/// </summary>
internal sealed partial class PlatformMethods : IDisposable
{
    public const string GdExecute = "T42.GD.Execute";
    public const string GetApplications = "T42.ACS.GetApplications";
    public const string StartApplication = "T42.ACS.StartApplication";
    public const string StopApplication = "T42.ACS.StopApplication";
    public const string OnEvent = "T42.ACS.OnEvent";
    public const string InMemoryStoreCommand = "T42.ACS.InMemoryStoreCommand";
    public const string RegisterInstance = "T42.ACS.RegisterInstance";
    public const string Shutdown = "T42.ACS.Shutdown";
    public const string Restart = "T42.ACS.Restart";
    public const string AcsExecute = "T42.ACS.Execute";
    public const string WindowsOnEvent = "T42.Wnd.OnEvent";

    private readonly IoGateway _gateway;
    private readonly IGatewayPlatform _platform;
    private readonly ILogger _logger;
    // Interop-ready instances: instance id → the interop instance (identity + peerId) clients see in AgmServers.
    private readonly ConcurrentDictionary<string, JsonObject> _interop = new(StringComparer.Ordinal);
    // Instances registered (RegisterInstance) without a process id, by the peer that registered them: they end with its connection.
    private readonly ConcurrentDictionary<string, string> _registeredWithoutProcess = new(StringComparer.Ordinal);
    private readonly object _eventGate = new();
    private IDisposable? _subscription;

    public PlatformMethods(IoGateway gateway, IGatewayPlatform platform, ILogger logger)
    {
        _gateway = gateway;
        _platform = platform;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var server = _gateway.Server;
        _gateway.Core.PeerObserver = OnPeer;
        _gateway.Core.MethodObserver = OnMethods;
        await server.RegisterMethodAsync(GdExecute, ExecuteGdAsync, cancellationToken).ConfigureAwait(false);
        await server.RegisterMethodAsync(GetApplications, GetApplicationsAsync, cancellationToken).ConfigureAwait(false);
        await server.RegisterMethodAsync(StartApplication, StartApplicationAsync, cancellationToken).ConfigureAwait(false);
        await server.RegisterMethodAsync(StopApplication, StopApplicationAsync, cancellationToken).ConfigureAwait(false);
        await server.RegisterMethodAsync(InMemoryStoreCommand, InMemoryAsync, cancellationToken).ConfigureAwait(false);
        await server.RegisterMethodAsync(RegisterInstance, RegisterInstanceAsync, cancellationToken).ConfigureAwait(false);
        await server.RegisterMethodAsync(Shutdown, (i, ct) => ShutdownAsync(false, ct), cancellationToken).ConfigureAwait(false);
        await server.RegisterMethodAsync(Restart, (i, ct) => ShutdownAsync(true, ct), cancellationToken).ConfigureAwait(false);
        await server.RegisterMethodAsync(AcsExecute, ExecuteAcsAsync, cancellationToken).ConfigureAwait(false);
        await StartWindowsAsync(server, cancellationToken).ConfigureAwait(false);
        _events = await _gateway.RegisterVersionedStreamAsync(OnEvent, SnapshotAsync, cancellationToken).ConfigureAwait(false);
        await StartClientStateAsync(cancellationToken).ConfigureAwait(false);
        await StartLayoutsAsync(server, cancellationToken).ConfigureAwait(false);
        await StartInterceptionAsync(server, cancellationToken).ConfigureAwait(false);
        await StartChannelsAsync(server, cancellationToken).ConfigureAwait(false);
        await StartNotSupportedAsync(server, cancellationToken).ConfigureAwait(false);
        await StartAppsAsync(server, cancellationToken).ConfigureAwait(false);
        _subscription = _platform.Subscribe(OnPlatformEvent);
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _clientStateSubscription?.Dispose();
        _layoutsSubscription?.Dispose();
        _windowsSubscription?.Dispose();
    }

    private void OnPeer(GatewayPeerInfo peer, bool loggedIn)
    {
        OnClientStatePeer(peer, loggedIn);
        OnInterceptionPeer(peer, loggedIn);
        OnChannelsPeer(peer, loggedIn);
        if (peer.InstanceId is not { } instanceId)
        {
            return;
        }

        if (!loggedIn)
        {
            _interop.TryRemove(instanceId, out _);
            Intents?.IntentListenersEnded(instanceId);
            if (_registeredWithoutProcess.TryRemove(peer.PeerId, out var registered))
            {
                _ = EndRegisteredAsync(registered);
            }

            return;
        }

        var agm = (JsonObject)peer.Identity.DeepClone();
        agm["peerId"] = peer.PeerId;
        agm["instance"] = instanceId;
        var app = peer.Identity["applicationName"]?.ToString() ?? peer.Application ?? "";
        lock (_eventGate)
        {
            _interop[instanceId] = agm;
            if (_toldInstances.ContainsKey(instanceId))
            {
                PushAgmServerReady(instanceId, app, agm);
            }
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await _platform.InteropReadyAsync(instanceId, _gateway.Core.Stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "InteropReady for instance {Instance} failed", instanceId);
            }
        });
        AppsInstanceConnected(instanceId, app);
    }

    /// <summary>Tells clients that the instance's interop server is ready (under <see cref="_eventGate"/>, after its OnApplicationStarted).</summary>
    private void PushAgmServerReady(string instanceId, string app, JsonObject agm) =>
        PushEvent(Event("OnApplicationAgmServerReady", instanceId, new JsonObject
        {
            ["Name"] = app,
            ["Id"] = instanceId,
            ["AgmServers"] = new JsonArray((JsonObject)agm.DeepClone()),
        }));

    private async Task EndRegisteredAsync(string instanceId)
    {
        try
        {
            await _platform.StopInstanceAsync(instanceId, _gateway.Core.Stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogInformation(ex, "Ending registered instance {Instance} after its connection closed failed", instanceId);
        }
    }

    private static JsonObject Event(string kind, string key, JsonObject props) => new() { [kind] = new JsonObject { [key] = props } };

    internal static JsonObject AppProps(GatewayApplication app)
    {
        var props = new JsonObject
        {
            ["Name"] = app.Name,
            ["Type"] = app.Type,
            ["Title"] = app.Title ?? app.Name,
            ["Caption"] = app.Caption,
            ["Version"] = app.Version,
            ["AutoStart"] = app.AutoStart,
            ["IsShell"] = false,
            ["IsHidden"] = app.Hidden,
            ["AllowMultiple"] = app.AllowMultiple,
            ["IsReady"] = true,
            ["Icon"] = app.Icon,
            ["IconUrl"] = app.Icon,
            ["UserProperties"] = app.UserProperties?.DeepClone() ?? new JsonObject(),
            ["Keywords"] = new JsonArray(app.Keywords.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray()),
        };
        if (app.Definition["details"] is JsonObject details)
        {
            props["Arguments"] = details.DeepClone();
        }

        return props;
    }

    private JsonObject InstanceProps(GatewayInstance instance)
    {
        var props = new JsonObject
        {
            ["Name"] = instance.ApplicationName,
            ["Id"] = instance.Id,
            ["Title"] = instance.Title,
            ["Context"] = instance.Context?.DeepClone() ?? new JsonObject(),
            ["ActivityId"] = "",
            ["IsActivityOwner"] = false,
            ["Pid"] = instance.ProcessId,
        };
        if (_interop.TryGetValue(instance.Id, out var agm))
        {
            props["AgmServers"] = new JsonArray(agm.DeepClone());
        }

        return props;
    }

    private async ValueTask<JsonNode?> ExecuteGdAsync(GatewayInvocation call, CancellationToken cancellationToken)
    {
        var command = call.Arguments["command"]?.ToString();
        switch (command)
        {
            case "signal-app-ready":
                if (call.Caller.InstanceId is not { } instanceId)
                {
                    throw new GatewayMethodException("signal-app-ready: the caller is not tied to a platform instance (it did not connect with the token the platform gave its instance).");
                }

                await _platform.SignalAppReadyAsync(instanceId, cancellationToken).ConfigureAwait(false);
                return new JsonObject { ["instanceId"] = instanceId };
            case "announce-instance-ready":
                return new JsonObject();
            default:
                throw NotSupportedGdCommand(command);
        }
    }

    private async ValueTask<JsonNode?> ExecuteAcsAsync(GatewayInvocation call, CancellationToken cancellationToken)
    {
        var command = call.Arguments["command"]?.ToString();
        if (command != "getStartedBy")
        {
            throw new GatewayMethodException($"T42.ACS.Execute: unknown command '{command ?? "(none)"}'; supported: getStartedBy.");
        }

        var id = call.Arguments["Id"]?.ToString();
        var instances = await _platform.GetInstancesAsync(cancellationToken).ConfigureAwait(false);
        var instance = instances.FirstOrDefault(i => i.Id == id) ?? throw new GatewayMethodException($"getStartedBy: no running instance with id '{id}'.");
        var starter = instance.StartedByApplication ?? (instance.StartedBy is null ? null : instances.FirstOrDefault(i => i.Id == instance.StartedBy)?.ApplicationName);
        return new JsonObject
        {
            ["applicationName"] = starter,
            ["instanceID"] = instance.StartedBy,
            ["startedBy"] = instance.StartedByKind,
        };
    }

    private async ValueTask<JsonNode?> GetApplicationsAsync(GatewayInvocation call, CancellationToken cancellationToken)
    {
        var apps = await _platform.GetApplicationsAsync(cancellationToken).ConfigureAwait(false);
        if (call.Arguments["v2"] is JsonObject v2)
        {
            var wanted = v2["apps"] switch
            {
                null => null,
                JsonArray names => names.Select(n => n?.ToString()).ToHashSet(StringComparer.Ordinal),
                var other => throw new GatewayMethodException($"T42.ACS.GetApplications: 'v2.apps' must be an array of app names, got {other.ToJsonString()}."),
            };
            var list = new JsonArray();
            foreach (var app in apps)
            {
                if (wanted is null || wanted.Contains(app.Name))
                {
                    list.Add(Configuration(app.Definition));
                }
            }

            return new JsonObject { ["applications"] = list };
        }

        if (call.Arguments["withIntentsInfo"] is JsonValue intents && intents.TryGetValue<bool>(out var withIntents) && withIntents)
        {
            // io.intents: an array of apps, each with the intents it handles.
            return new JsonObject { ["applications"] = await IntentsInfoAsync(apps, cancellationToken).ConfigureAwait(false) };
        }

        var byName = new JsonObject();
        foreach (var app in apps)
        {
            byName[app.Name] = AppProps(app);
        }

        return new JsonObject { ["applications"] = byName };
    }

    /// <summary>
    /// A definition as <c>app.getConfiguration()</c> answers it: io.Connect Desktop's definitions always have a
    /// <c>customProperties</c> object, and clients read it without a check (<c>@interopio/fdc3</c>'s
    /// <c>getAppMetadata</c> reads <c>customProperties.screenshots</c>), so one that has none gets <c>{}</c>.
    /// </summary>
    private static JsonNode Configuration(JsonNode definition)
    {
        var copy = definition.DeepClone();
        if (copy is JsonObject o && o["customProperties"] is null)
        {
            o["customProperties"] = new JsonObject();
        }

        return copy;
    }

    private async ValueTask<JsonNode?> StartApplicationAsync(GatewayInvocation call, CancellationToken cancellationToken)
    {
        var name = call.Arguments["Name"]?.ToString();
        if (string.IsNullOrEmpty(name))
        {
            throw new GatewayMethodException("StartApplication: argument 'Name' is required.");
        }

        // The intents API sends "options" (lower case) marked with startedByIntentAPI; the app manager sends "Options".
        var options = (call.Arguments["Options"] ?? call.Arguments["options"]) is JsonObject given ? (JsonObject)given.DeepClone() : null;
        var byIntent = options?["startedByIntentAPI"] is JsonValue marker && marker.TryGetValue<bool>(out var intent) && intent;
        options?.Remove("startedByIntentAPI");
        var request = new GatewayStartRequest(name)
        {
            Context = (call.Arguments["Context"] ?? call.Arguments["context"]) as JsonObject,
            Options = options is { Count: > 0 } ? options : null,
            StartedBy = call.Caller.InstanceId,
            ByIntent = byIntent,
        };
        var instance = byIntent && Intents is { } intents
            ? await intents.StartIntentHandlerAsync(request, cancellationToken).ConfigureAwait(false)
            : await _platform.StartApplicationAsync(request, cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["Id"] = instance.Id, ["Name"] = instance.ApplicationName };
    }

    private async ValueTask<JsonNode?> StopApplicationAsync(GatewayInvocation call, CancellationToken cancellationToken)
    {
        var id = call.Arguments["Id"]?.ToString();
        if (string.IsNullOrEmpty(id))
        {
            throw new GatewayMethodException("StopApplication: argument 'Id' is required.");
        }

        await _platform.StopInstanceAsync(id, cancellationToken).ConfigureAwait(false);
        return new JsonObject();
    }

    private async ValueTask<JsonNode?> InMemoryAsync(GatewayInvocation call, CancellationToken cancellationToken)
    {
        var command = call.Arguments["command"]?.ToString();
        var args = call.Arguments["args"] as JsonObject ?? new JsonObject();
        GatewayInMemoryCommand request;
        switch (command)
        {
            case "import":
            {
                if (args["apps"] is not JsonArray apps)
                {
                    throw new GatewayMethodException("InMemoryStoreCommand import: 'args.apps' must be an array of app definitions.");
                }

                var definitions = new List<JsonObject>();
                for (var i = 0; i < apps.Count; i++)
                {
                    definitions.Add(apps[i] as JsonObject ?? throw new GatewayMethodException($"InMemoryStoreCommand import: 'args.apps[{i}]' is not an object."));
                }

                var mode = args["mode"]?.ToString() ?? "replace";
                if (mode is not ("replace" or "merge"))
                {
                    throw new GatewayMethodException($"InMemoryStoreCommand import: 'args.mode' is '{mode}'; it must be 'replace' or 'merge'.");
                }

                request = new GatewayInMemoryCommand("import", definitions, [], mode == "replace");
                break;
            }

            case "export":
            case "clear":
                request = new GatewayInMemoryCommand(command, [], [], false);
                break;
            case "remove":
            {
                var names = args["apps"] is JsonArray list ? list.Select(n => n?.ToString() ?? "").Where(n => n.Length > 0).ToList() : [];
                if (names.Count == 0)
                {
                    throw new GatewayMethodException("InMemoryStoreCommand remove: 'args.apps' must name at least one app.");
                }

                request = new GatewayInMemoryCommand("remove", [], names, false);
                break;
            }

            default:
                throw new GatewayMethodException($"InMemoryStoreCommand: unknown command '{command ?? "(none)"}'; supported: import, export, remove, clear.");
        }

        var result = await _platform.InMemoryStoreAsync(request, cancellationToken).ConfigureAwait(false);
        return request.Kind switch
        {
            "import" => new JsonObject
            {
                ["imported"] = new JsonArray(result.Imported.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
                ["errors"] = new JsonArray(result.Errors.Select(e => (JsonNode?)new JsonObject { ["app"] = e.App, ["error"] = e.Error }).ToArray()),
                ["shadowed"] = new JsonArray(result.Shadowed.Select(x => (JsonNode?)new JsonObject { ["app"] = x.App, ["by"] = x.By, ["reason"] = x.Reason }).ToArray()),
            },
            "export" => new JsonObject { ["apps"] = new JsonArray(result.Exported.Select(d => d.DeepClone()).ToArray()) },
            _ => new JsonObject(),
        };
    }

    private async ValueTask<JsonNode?> RegisterInstanceAsync(GatewayInvocation call, CancellationToken cancellationToken)
    {
        var app = call.Arguments["appName"]?.ToString();
        if (string.IsNullOrEmpty(app))
        {
            throw new GatewayMethodException("RegisterInstance: argument 'appName' is required.");
        }

        if (call.Caller.InstanceId is { } bound)
        {
            throw new GatewayMethodException($"RegisterInstance: this connection already is instance '{bound}'; only a client the platform did not start registers itself.");
        }

        int? pid = call.Arguments["pid"] is JsonValue v && v.TryGetValue<int>(out var p) ? p : null;
        var wanted = call.Caller.Identity["instance"] is JsonValue i && i.TryGetValue<string>(out var own) ? own : null;
        var instance = await _platform.RegisterInstanceAsync(app, pid, wanted, cancellationToken).ConfigureAwait(false);
        if (pid is null)
        {
            _registeredWithoutProcess[call.Caller.PeerId] = instance.Id;
        }

        _gateway.Router.Tell(new BindInstance(call.Caller.PeerId, instance.Id, instance.ApplicationName), ActorRefs.NoSender);
        return new JsonObject { ["id"] = instance.Id, ["Id"] = instance.Id, ["Name"] = instance.ApplicationName };
    }

    private async ValueTask<JsonNode?> ShutdownAsync(bool restart, CancellationToken cancellationToken)
    {
        var decision = await _gateway.RequestShutdownAsync(restart, cancellationToken).ConfigureAwait(false);
        if (decision.Prevented)
        {
            return new JsonObject
            {
                ["prevented"] = true,
                ["preventedBy"] = new JsonArray(decision.PreventedBy.Select(p => (JsonNode?)JsonValue.Create(p.Application ?? p.PeerId)).ToArray()),
            };
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await _platform.ShutdownAsync(restart, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Platform {Operation} failed", restart ? "restart" : "shutdown");
            }
        }, CancellationToken.None);
        return new JsonObject { ["prevented"] = false, ["restarting"] = restart };
    }
}
