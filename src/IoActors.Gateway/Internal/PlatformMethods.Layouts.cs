using System.Text.Json.Nodes;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Server;
using Microsoft.Extensions.Logging;

namespace IoActors.Gateway.Internal;

/// <summary>
/// <c>io.layouts</c> in full mode: <c>T42.ACS.SaveLayout</c>, <c>RestoreLayout</c>, <c>RemoveLayout</c>,
/// <c>RenameLayout</c>, <c>ImportLayouts</c>, <c>ExportLayouts</c>, <c>UpdateMetadata</c>, the default Global layout
/// (<c>GetDefaultLayout</c>, <c>SelectDefaultLayout</c>, <c>DeselectDefaultLayout</c>), <c>GetCurrentLayout</c>,
/// <c>RefreshLayouts</c>, and the <c>T42.ACS.OnLayoutEvent</c> stream: a snapshot <c>{IsSnapshot, OnLayoutAdded}</c>,
/// then <c>OnLayoutAdded</c> / <c>OnLayoutChanged</c> / <c>OnLayoutRemoved</c> / <c>OnLayoutRenamed</c> /
/// <c>OnLayoutRestored</c> / <c>OnLayoutSelectedDefault</c>, each with the <c>Token</c> of the request that caused it (the
/// client's save, remove and rename wait for the event that carries their token). A save first asks each instance's
/// client for its save context (<c>T42.HC.GetSaveContext</c>, which every client registers). Hibernate, resume, reset and
/// the context updates of the current layout are answered at once as not supported.
/// </summary>
internal sealed partial class PlatformMethods
{
    public const string LayoutEvents = "T42.ACS.OnLayoutEvent";
    public const string GetSaveContext = "T42.HC.GetSaveContext";

    /// <summary>How long a save waits for each client's save context; a client that does not answer is saved with its current context.</summary>
    internal static readonly TimeSpan SaveContextTimeout = TimeSpan.FromSeconds(3);

    // Layouts methods the headless platform does not have, by the io.layouts call that sends them.
    private static readonly (string Method, string Feature)[] UnsupportedLayouts =
    [
        ("T42.ACS.HibernateLayout", "layouts.hibernate"),
        ("T42.ACS.ResumeLayout", "layouts.resume"),
        ("T42.ACS.ResetLayout", "layouts.reset"),
        ("T42.ACS.UpdateLayoutComponentContext", "layouts.updateAppContextInCurrent"),
        ("T42.ACS.UpdateDefaultContext", "layouts.updateDefaultContext"),
        ("T42.ACS.GetRestoredLayoutsInfo", "layouts.getRestoredLayoutsInfo"),
    ];

    private readonly object _layoutEventGate = new();
    private IGatewayStream? _layoutEvents;
    private IDisposable? _layoutsSubscription;

    private async Task StartLayoutsAsync(IGatewayServer server, CancellationToken cancellationToken)
    {
        if (_platform is not IGatewayLayouts layouts)
        {
            return;
        }

        // The stream first: the client subscribes as soon as it sees it, and its events follow the snapshot.
        _layoutEvents = await server.RegisterStreamAsync(
            LayoutEvents,
            async (_, ct) =>
            {
                var all = await layouts.ListLayoutsAsync(ct).ConfigureAwait(false);
                return new JsonObject { ["IsSnapshot"] = true, ["OnLayoutAdded"] = Keyed(all) };
            },
            cancellationToken).ConfigureAwait(false);
        _layoutsSubscription = layouts.SubscribeLayouts(OnLayoutEvent);
        (string Name, GatewayMethodHandler Handler)[] methods =
        [
            ("T42.ACS.SaveLayout", (call, ct) => SaveLayoutAsync(layouts, call, ct)),
            ("T42.ACS.RestoreLayout", (call, ct) => RestoreLayoutAsync(layouts, call, ct)),
            ("T42.ACS.RemoveLayout", async (call, ct) =>
            {
                await layouts.RemoveLayoutAsync(Required(call, "type"), Required(call, "name"), Token(call), ct).ConfigureAwait(false);
                return new JsonObject { ["status"] = "Success" };
            }),
            ("T42.ACS.RenameLayout", async (call, ct) =>
            {
                var renamed = await layouts.RenameLayoutAsync(Required(call, "type"), Required(call, "oldName"), Required(call, "newName"), Token(call), ct).ConfigureAwait(false);
                return new JsonObject { ["status"] = "Success", ["layout"] = renamed };
            }),
            ("T42.ACS.UpdateMetadata", async (call, ct) =>
            {
                var metadata = call.Arguments["metadata"] as JsonObject ?? throw new GatewayMethodException("T42.ACS.UpdateMetadata: argument 'metadata' must be an object.");
                return await layouts.UpdateLayoutMetadataAsync(Required(call, "type"), Required(call, "name"), (JsonObject)metadata.DeepClone(), Token(call), ct).ConfigureAwait(false);
            }),
            ("T42.ACS.ImportLayouts", async (call, ct) =>
            {
                var list = call.Arguments["layouts"] as JsonArray ?? throw new GatewayMethodException("T42.ACS.ImportLayouts: argument 'layouts' must be an array of layouts.");
                var mode = OptionalString(call.Arguments, "mode", "T42.ACS.ImportLayouts") ?? "replace";
                if (mode is not ("replace" or "merge"))
                {
                    throw new GatewayMethodException($"T42.ACS.ImportLayouts: mode '{mode}' is not one of replace, merge.");
                }

                await layouts.ImportLayoutsAsync((JsonArray)list.DeepClone(), mode == "replace", Token(call), ct).ConfigureAwait(false);
                return new JsonObject { ["status"] = "Success" };
            }),
            ("T42.ACS.ExportLayouts", async (_, ct) => new JsonObject { ["Layouts"] = Keyed(await layouts.ListLayoutsAsync(ct).ConfigureAwait(false)) }),
            ("T42.ACS.GetDefaultLayout", async (_, ct) => await layouts.GetDefaultLayoutAsync(ct).ConfigureAwait(false) is { } layout ? NameAndType(layout) : new JsonObject()),
            ("T42.ACS.SelectDefaultLayout", async (call, ct) =>
            {
                await layouts.SetDefaultLayoutAsync(Required(call, "name"), ct).ConfigureAwait(false);
                return new JsonObject();
            }),
            ("T42.ACS.DeselectDefaultLayout", async (_, ct) =>
            {
                await layouts.SetDefaultLayoutAsync(null, ct).ConfigureAwait(false);
                return new JsonObject();
            }),
            ("T42.ACS.GetCurrentLayout", async (_, ct) => new JsonObject { ["layout"] = await layouts.GetCurrentLayoutAsync(ct).ConfigureAwait(false) is { } layout ? NameAndType(layout) : null }),
            ("T42.ACS.RefreshLayouts", (_, _) => ValueTask.FromResult<JsonNode?>(new JsonObject())),
        ];
        foreach (var (name, handler) in methods)
        {
            await server.RegisterMethodAsync(name, handler, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (method, feature) in UnsupportedLayouts)
        {
            await server.RegisterMethodAsync(method, (_, _) => throw NotSupported(feature), cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<JsonNode?> SaveLayoutAsync(IGatewayLayouts layouts, GatewayInvocation call, CancellationToken cancellationToken)
    {
        var args = call.Arguments;
        var name = Required(call, "name");
        var type = OptionalString(args, "type", "T42.ACS.SaveLayout") ?? "Global";
        var options = args["options"] as JsonObject ?? [];
        var ignoreContexts = Flag(options, "ignoreContexts");
        var reported = ignoreContexts ? new Dictionary<string, JsonObject>() : await SaveContextsAsync(name, type, args["context"], options, cancellationToken).ConfigureAwait(false);
        var save = new GatewayLayoutSave(name, type, args["context"] as JsonObject, args["metadata"] as JsonObject, (JsonObject)options.DeepClone(), reported, Token(call));
        return await layouts.SaveLayoutAsync(save, cancellationToken).ConfigureAwait(false);
    }

    // Each instance-bound client that registered T42.HC.GetSaveContext is asked at once; the answers are awaited together, each bounded.
    private async Task<Dictionary<string, JsonObject>> SaveContextsAsync(string name, string type, JsonNode? context, JsonObject options, CancellationToken cancellationToken)
    {
        var only = Names(options["instances"]);
        var ignore = Names(options["ignoreInstances"]) ?? [];
        var peers = (await _gateway.GetPeersAsync(cancellationToken).ConfigureAwait(false))
            .Where(p => p.InstanceId is { } id && !ignore.Contains(id) && (only is null || only.Contains(id)))
            .ToList();
        var arguments = new JsonObject { ["layoutType"] = type, ["layoutName"] = name, ["context"] = context?.DeepClone() ?? new JsonObject() };
        var answers = await Task.WhenAll(peers.Select(async p =>
        {
            var answer = await _gateway.Server.InvokePeerAsync(p.PeerId, GetSaveContext, (JsonObject)arguments.DeepClone(), SaveContextTimeout, cancellationToken).ConfigureAwait(false);
            if (answer is { Succeeded: false })
            {
                _logger.LogDebug("{Method} on instance {Instance} failed: {Error}", GetSaveContext, p.InstanceId, answer.Error);
            }

            return (Instance: p.InstanceId!, Context: answer is { Succeeded: true, Result: JsonObject { } result } && result["windowContext"] is JsonObject window ? window : null);
        })).ConfigureAwait(false);
        var reported = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (instance, windowContext) in answers)
        {
            if (windowContext is not null)
            {
                reported[instance] = windowContext;
            }
        }

        return reported;
    }

    private static async ValueTask<JsonNode?> RestoreLayoutAsync(IGatewayLayouts layouts, GatewayInvocation call, CancellationToken cancellationToken)
    {
        var args = call.Arguments;
        var options = args["options"] as JsonObject ?? [];
        if (args["context"] is { } context and not JsonObject)
        {
            throw new GatewayMethodException($"T42.ACS.RestoreLayout: argument 'context' must be an object, not {context.GetValueKind().ToString().ToLowerInvariant()}.");
        }

        var close = options["closeRunningInstances"] is not JsonValue v || !v.TryGetValue<bool>(out var flag) || flag;
        var restore = new GatewayLayoutRestore(
            Required(call, "name"),
            OptionalString(args, "type", "T42.ACS.RestoreLayout") ?? "Global",
            args["context"] as JsonObject,
            close,
            Names(options["excludeFromClosing"]) is { } keep ? [.. keep] : [],
            Token(call));
        return await layouts.RestoreLayoutAsync(restore, cancellationToken).ConfigureAwait(false);
    }

    private void OnLayoutEvent(GatewayLayoutEvent e)
    {
        var data = e.Kind switch
        {
            "added" => new JsonObject { ["OnLayoutAdded"] = Keyed([e.Layout!]) },
            "changed" => new JsonObject { ["OnLayoutChanged"] = Keyed([e.Layout!]) },
            "removed" => new JsonObject { ["OnLayoutRemoved"] = Keyed([e.Layout!]) },
            "renamed" => new JsonObject { ["OnLayoutRenamed"] = Keyed([Renamed(e.Layout!, e.OldName!)]) },
            "restored" => new JsonObject { ["OnLayoutRestored"] = Keyed([NameAndType(e.Layout!)]) },
            "default" => new JsonObject { ["OnLayoutSelectedDefault"] = e.Layout is { } d ? Keyed([NameAndType(d)]) : new JsonObject() },
            _ => null,
        };
        if (data is null)
        {
            return;
        }

        if (e.Token is { } token)
        {
            data["Token"] = token;
        }

        lock (_layoutEventGate)
        {
            _layoutEvents?.Push(data);
        }
    }

    // The client reads each OnLayout… member as an object whose values are layouts.
    private static JsonObject Keyed(IEnumerable<JsonObject> layouts)
    {
        var keyed = new JsonObject();
        foreach (var layout in layouts)
        {
            keyed[$"{layout["type"]}/{layout["name"]}"] = layout.DeepClone();
        }

        return keyed;
    }

    private static JsonObject Renamed(JsonObject layout, string oldName)
    {
        var renamed = (JsonObject)layout.DeepClone();
        renamed["oldName"] = oldName;
        renamed["newName"] = layout["name"]?.DeepClone();
        return renamed;
    }

    private static JsonObject NameAndType(JsonObject layout) => new() { ["name"] = layout["name"]?.DeepClone(), ["type"] = layout["type"]?.DeepClone() };

    private static string Required(GatewayInvocation call, string name) =>
        OptionalString(call.Arguments, name, "io.layouts") is { Length: > 0 } value ? value : throw new GatewayMethodException($"io.layouts: argument '{name}' is required (a non-empty string).");

    private static string? Token(GatewayInvocation call) => call.Arguments["token"] is JsonValue v && v.TryGetValue<string>(out var token) ? token : null;
}
