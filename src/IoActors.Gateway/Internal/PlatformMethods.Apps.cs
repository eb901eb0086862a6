using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Server;

namespace IoActors.Gateway.Internal;

/// <summary>
/// The Apps API (<c>io.apps</c>): the client creates it only when the platform registers <c>apps.command</c>, and
/// subscribes to <c>apps.event</c> once per event name (each name is a branch of the stream). Commands: announce,
/// get-app, get-apps, has-app, in-memory-import/has/remove/clear, start-app, stop-app, wait-for-ready, get-instance,
/// get-instances, get-instance-state, get-instance-context; the same platform operations as <c>io.appManager</c>.
/// </summary>
internal sealed partial class PlatformMethods
{
    public const string AppsCommand = "apps.command";
    public const string AppsEvent = "apps.event";

    /// <summary>How long wait-for-ready waits when the caller gives no timeout.</summary>
    private static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(60);

    // Instances waited for by wait-for-ready until their client connects.
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _interopWaiters = new(StringComparer.Ordinal);
    private ServerStream? _appsEvents;

    private async Task StartAppsAsync(IGatewayServer server, CancellationToken cancellationToken)
    {
        await server.RegisterMethodAsync(AppsCommand, AppsCommandAsync, cancellationToken).ConfigureAwait(false);
        _appsEvents = await _gateway.RegisterBranchedStreamAsync(AppsEvent, null, args => args["event"]?.ToString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes a platform event to the <c>apps.event</c> branches (called under the event gate, in order).</summary>
    private void PushAppsEvent(GatewayPlatformEvent e)
    {
        if (_appsEvents is not { } events)
        {
            return;
        }

        switch (e)
        {
            case GatewayAppAdded a:
                events.Push("applications-added", AppsData(new JsonObject { ["app"] = AppCore(a.Application, null) }));
                break;
            case GatewayAppChanged c:
                events.Push("applications-updated", AppsData(new JsonObject { ["app"] = AppCore(c.Application, null), ["changes"] = new JsonObject() }));
                break;
            case GatewayAppRemoved r:
                events.Push("applications-removed", AppsData(new JsonObject { ["appName"] = r.Application.Name }));
                break;
            case GatewayInstanceStarted s:
                events.Push("instance-started", AppsData(new JsonObject { ["instance"] = AppsInstance(s.Instance, null) }));
                events.Push("instance-state-changed", AppsData(new JsonObject { ["instance"] = AppsInstance(s.Instance, null), ["state"] = "started" }));
                break;
            case GatewayInstanceStopped s:
                events.Push("instance-stopped", AppsData(new JsonObject { ["instance"] = AppsInstance(s.Instance, null) }));
                events.Push("instance-state-changed", AppsData(new JsonObject { ["instance"] = AppsInstance(s.Instance, null), ["state"] = "stopped" }));
                break;
            case GatewayInstanceStartFailed f:
                events.Push("instance-state-changed", AppsData(new JsonObject { ["instance"] = AppsInstance(f.Instance, null), ["state"] = "failed", ["reason"] = f.Reason }));
                break;
        }
    }

    /// <summary>An instance's client connected: it is ready for wait-for-ready and instance-state-changed.</summary>
    private void AppsInstanceConnected(string instanceId, string applicationName)
    {
        if (_interopWaiters.TryRemove(instanceId, out var waiter))
        {
            waiter.TrySetResult();
        }

        _appsEvents?.Push("instance-state-changed", AppsData(new JsonObject
        {
            ["instance"] = new JsonObject { ["id"] = instanceId, ["appName"] = applicationName },
            ["state"] = "ready",
        }));
    }

    private static JsonObject AppsData(JsonObject data) => new() { ["data"] = data };

    private async ValueTask<JsonNode?> AppsCommandAsync(GatewayInvocation call, CancellationToken cancellationToken)
    {
        var command = call.Arguments["command"]?.ToString();
        var args = call.Arguments["args"] as JsonObject ?? new JsonObject();
        switch (command)
        {
            case "announce":
            {
                if (call.Caller.InstanceId is not { } me)
                {
                    throw new GatewayMethodException("apps announce: the caller is not a platform instance (it did not connect with the token the platform gave its instance, nor registered itself).");
                }

                var instances = await _platform.GetInstancesAsync(cancellationToken).ConfigureAwait(false);
                var mine = instances.FirstOrDefault(i => i.Id == me) ?? new GatewayInstance(me, call.Caller.Identity["applicationName"]?.ToString() ?? call.Caller.Application ?? "");
                return AppsInstance(mine, instances);
            }

            case "get-app":
            {
                var name = Required(args, "name", command);
                var app = (await _platform.GetApplicationsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(a => a.Name == name);
                return app is null ? new JsonObject() : await AppObjectAsync(app, args, await InMemoryNamesAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }

            case "get-apps":
            {
                var filter = args["filter"] as JsonObject ?? new JsonObject();
                var inMemory = await InMemoryNamesAsync(cancellationToken).ConfigureAwait(false);
                var list = new JsonArray();
                foreach (var app in await _platform.GetApplicationsAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (Matches(app, filter, inMemory))
                    {
                        list.Add(await AppObjectAsync(app, filter, inMemory, cancellationToken).ConfigureAwait(false));
                    }
                }

                return new JsonObject { ["apps"] = list };
            }

            case "has-app":
            {
                var name = Required(args, "name", command);
                return new JsonObject { ["result"] = (await _platform.GetApplicationsAsync(cancellationToken).ConfigureAwait(false)).Any(a => a.Name == name) };
            }

            case "in-memory-import":
            {
                var arguments = new JsonObject { ["command"] = "import", ["args"] = args.DeepClone() };
                var result = (JsonObject)(await InMemoryAsync(call with { Arguments = arguments }, cancellationToken).ConfigureAwait(false))!;
                return new JsonObject { ["imported"] = result["imported"]!.DeepClone(), ["errors"] = result["errors"]!.DeepClone() };
            }

            case "in-memory-has":
                return new JsonObject { ["result"] = (await InMemoryNamesAsync(cancellationToken).ConfigureAwait(false)).Contains(Required(args, "name", command)) };
            case "in-memory-remove":
            {
                var names = args["name"] switch
                {
                    JsonArray many => many.Select(n => n?.ToString() ?? "").ToList(),
                    JsonValue one => [one.ToString()],
                    _ => [],
                };
                if (names.Count == 0 || names.Any(string.IsNullOrEmpty))
                {
                    throw new GatewayMethodException("apps in-memory-remove: 'args.name' must be an app name or an array of app names.");
                }

                await _platform.InMemoryStoreAsync(new GatewayInMemoryCommand("remove", [], names, false), cancellationToken).ConfigureAwait(false);
                return new JsonObject();
            }

            case "in-memory-clear":
                await _platform.InMemoryStoreAsync(new GatewayInMemoryCommand("clear", [], [], false), cancellationToken).ConfigureAwait(false);
                return new JsonObject();
            case "start-app":
            {
                var name = Required(args, "name", command);
                var instance = await _platform.StartApplicationAsync(new GatewayStartRequest(name)
                {
                    Context = args["context"] as JsonObject,
                    Options = args["definitionOverride"] is JsonObject overrides && overrides.Count > 0 ? (JsonObject)overrides.DeepClone() : null,
                    StartedBy = call.Caller.InstanceId,
                }, cancellationToken).ConfigureAwait(false);
                var instances = await _platform.GetInstancesAsync(cancellationToken).ConfigureAwait(false);
                return AppsInstance(instances.FirstOrDefault(i => i.Id == instance.Id) ?? instance, instances);
            }

            case "stop-app":
                await _platform.StopInstanceAsync(Required(args, "id", command), cancellationToken).ConfigureAwait(false);
                return new JsonObject();
            case "wait-for-ready":
                await WaitForReadyAsync(Required(args, "id", command), args, cancellationToken).ConfigureAwait(false);
                return new JsonObject();
            case "get-instance":
            {
                var id = Required(args, "id", command);
                var instances = await _platform.GetInstancesAsync(cancellationToken).ConfigureAwait(false);
                return instances.FirstOrDefault(i => i.Id == id) is { } found ? AppsInstance(found, instances) : new JsonObject();
            }

            case "get-instances":
            {
                var filter = args["filter"] as JsonObject ?? new JsonObject();
                var ids = Names(filter["ids"]);
                var appNames = Names(filter["appNames"]);
                var instances = await _platform.GetInstancesAsync(cancellationToken).ConfigureAwait(false);
                return new JsonObject
                {
                    ["instances"] = new JsonArray([.. instances
                        .Where(i => (ids is null || ids.Contains(i.Id)) && (appNames is null || appNames.Contains(i.ApplicationName)))
                        .Select(i => (JsonNode?)AppsInstance(i, instances))]),
                };
            }

            case "get-instance-state":
            {
                var id = Required(args, "id", command);
                var running = (await _platform.GetInstancesAsync(cancellationToken).ConfigureAwait(false)).Any(i => i.Id == id);
                return new JsonObject { ["state"] = !running ? "stopped" : _interop.ContainsKey(id) ? "ready" : "started" };
            }

            case "get-instance-context":
            {
                var id = Required(args, "id", command);
                var instance = (await _platform.GetInstancesAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(i => i.Id == id)
                    ?? throw new GatewayMethodException($"apps get-instance-context: no running instance with id '{id}'.");
                return new JsonObject { ["context"] = instance.Context?.DeepClone() ?? new JsonObject() };
            }

            case "restart-instance":
            {
                // Stopped, then its app started again with the context it had: a new instance (its id is new).
                var id = Required(args, "id", command);
                var old = (await _platform.GetInstancesAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(i => i.Id == id)
                    ?? throw new GatewayMethodException($"apps restart-instance: no running instance with id '{id}'.");
                await _platform.StopInstanceAsync(id, cancellationToken).ConfigureAwait(false);
                var restarted = await _platform.StartApplicationAsync(new GatewayStartRequest(old.ApplicationName)
                {
                    Context = old.Context?.DeepClone() as JsonObject,
                    StartedBy = call.Caller.InstanceId,
                }, cancellationToken).ConfigureAwait(false);
                var instances = await _platform.GetInstancesAsync(cancellationToken).ConfigureAwait(false);
                return AppsInstance(instances.FirstOrDefault(i => i.Id == restarted.Id) ?? restarted, instances);
            }

            default:
                throw NotSupported($"apps.command {command ?? "(no command)"}");
        }
    }

    private async Task WaitForReadyAsync(string id, JsonObject args, CancellationToken cancellationToken)
    {
        var waiter = _interopWaiters.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_interop.ContainsKey(id))
        {
            _interopWaiters.TryRemove(id, out _);
            return;
        }

        if (!(await _platform.GetInstancesAsync(cancellationToken).ConfigureAwait(false)).Any(i => i.Id == id))
        {
            throw new GatewayMethodException($"apps wait-for-ready: no running instance with id '{id}'.");
        }

        var timeout = args["timeout"] is JsonValue t && t.TryGetValue<double>(out var ms) && ms > 0 ? TimeSpan.FromMilliseconds(ms) : DefaultReadyTimeout;
        try
        {
            await waiter.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new GatewayMethodException($"apps wait-for-ready: instance '{id}' did not connect within {timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms.");
        }
    }

    private async Task<HashSet<string>> InMemoryNamesAsync(CancellationToken cancellationToken)
    {
        var exported = await _platform.InMemoryStoreAsync(new GatewayInMemoryCommand("export", [], [], false), cancellationToken).ConfigureAwait(false);
        return [.. exported.Exported.Select(d => d["name"]?.ToString() ?? "")];
    }

    private async Task<JsonObject> AppObjectAsync(GatewayApplication app, JsonObject options, HashSet<string> inMemory, CancellationToken cancellationToken)
    {
        var result = AppCore(app, inMemory);
        result["customProperties"] = app.UserProperties?.DeepClone() ?? new JsonObject();
        if (Flag(options, "includeDefinition"))
        {
            result["definition"] = app.Definition.DeepClone();
        }

        if (Flag(options, "includeInstances"))
        {
            var instances = await _platform.GetInstancesAsync(cancellationToken).ConfigureAwait(false);
            result["instances"] = new JsonArray([.. instances.Where(i => i.ApplicationName == app.Name).Select(i => (JsonNode?)AppsInstance(i, instances))]);
        }

        return result;
    }

    private static JsonObject AppCore(GatewayApplication app, HashSet<string>? inMemory)
    {
        var core = new JsonObject
        {
            ["name"] = app.Name,
            ["type"] = app.Type,
            ["title"] = app.Title ?? app.Name,
            ["version"] = app.Version,
            ["description"] = app.Caption,
            ["icon"] = app.Icon,
            ["iconURL"] = app.Icon,
            ["keywords"] = new JsonArray([.. app.Keywords.Select(k => (JsonNode?)JsonValue.Create(k))]),
            ["autoStart"] = app.AutoStart,
            ["allowMultiple"] = app.AllowMultiple,
            ["isHidden"] = app.Hidden,
            ["isShell"] = false,
        };
        if (inMemory is not null)
        {
            core["isInMemory"] = inMemory.Contains(app.Name);
        }

        return core;
    }

    private static bool Matches(GatewayApplication app, JsonObject filter, HashSet<string> inMemory)
    {
        if (Names(filter["names"]) is { } names && !names.Contains(app.Name))
        {
            return false;
        }

        if (Names(filter["types"]) is { } types && !types.Contains(app.Type))
        {
            return false;
        }

        if (Names(filter["keywords"]) is { } keywords && !keywords.Any(k => app.Keywords.Contains(k)))
        {
            return false;
        }

        if (filter["isHidden"] is JsonValue hidden && hidden.TryGetValue<bool>(out var isHidden) && isHidden != app.Hidden)
        {
            return false;
        }

        return filter["isInMemory"] is not JsonValue memory || !memory.TryGetValue<bool>(out var isInMemory) || isInMemory == inMemory.Contains(app.Name);
    }

    /// <summary>An instance as <c>io.apps</c> reads it: id, appName, startedAt, startedBy and pid.</summary>
    private static JsonObject AppsInstance(GatewayInstance instance, IReadOnlyList<GatewayInstance>? running)
    {
        var starter = instance.StartedByApplication ?? (instance.StartedBy is null ? null : running?.FirstOrDefault(i => i.Id == instance.StartedBy)?.ApplicationName);
        var result = new JsonObject
        {
            ["id"] = instance.Id,
            ["appName"] = instance.ApplicationName,
            ["startedBy"] = new JsonObject { ["startedBy"] = instance.StartedByKind, ["applicationName"] = starter, ["instanceID"] = instance.StartedBy },
            ["pid"] = instance.ProcessId,
        };
        if (instance.StartedAt is { } at)
        {
            // The client turns this date form into a Date.
            result["startedAt"] = "#T42_DATE#" + at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        }

        return result;
    }

    private static string Required(JsonObject args, string key, string command) =>
        args[key] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new GatewayMethodException($"apps {command}: 'args.{key}' is required (a non-empty string).");

    private static HashSet<string>? Names(JsonNode? node) =>
        node is JsonArray list ? [.. list.Select(n => n?.ToString() ?? "")] : null;

    private static bool Flag(JsonObject options, string key) => options[key] is JsonValue v && v.TryGetValue<bool>(out var on) && on;
}
