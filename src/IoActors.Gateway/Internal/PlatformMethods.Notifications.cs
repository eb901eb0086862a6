using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Server;

namespace IoActors.Gateway.Internal;

/// <summary>
/// <c>io.notifications</c>: <c>T42.GNS.Publish.RaiseNotification</c> (<c>{notification}</c> → <c>{id}</c>),
/// <c>T42.Notifications.Execute</c> (list, clear, clearAll, clearMany, click) and the stream
/// <c>T42.GNS.Subscribe.Notifications</c> (a snapshot <c>{items, isSnapshot}</c>, then <c>{items:[raised]}</c> and
/// <c>{deltas:[{id, delta:{state:"Closed"}}]}</c>), which the client's <c>onRaised</c> and <c>onClosed</c> read. A click
/// calls the raising client's handler method (the notification's <c>glueRoutingDetailMethodName</c>, or the action's).
/// </summary>
internal sealed partial class PlatformMethods
{
    public const string RaiseNotification = "T42.GNS.Publish.RaiseNotification";
    public const string NotificationsStream = "T42.GNS.Subscribe.Notifications";
    public const string NotificationsExecute = "T42.Notifications.Execute";

    // Kept notifications → the peer that raised them (whose handler a click calls); an entry goes when its notification closes.
    private readonly ConcurrentDictionary<string, string> _notificationRaisers = new(StringComparer.Ordinal);
    private IGatewayStream? _notifications;

    private async Task StartNotificationsAsync(IGatewayClientState state, CancellationToken cancellationToken)
    {
        var server = _gateway.Server;
        await server.RegisterMethodAsync(RaiseNotification, (call, ct) => RaiseNotificationAsync(state, call, ct), cancellationToken).ConfigureAwait(false);
        await server.RegisterMethodAsync(NotificationsExecute, (call, ct) => ExecuteNotificationsAsync(state, call, ct), cancellationToken).ConfigureAwait(false);
        _notifications = await server.RegisterStreamAsync(
            NotificationsStream,
            async (_, ct) =>
            {
                var kept = await state.ListNotificationsAsync(ct).ConfigureAwait(false);
                return new JsonObject { ["items"] = new JsonArray([.. kept.Select(n => (JsonNode?)NotificationWire(n))]), ["isSnapshot"] = true };
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<JsonNode?> RaiseNotificationAsync(IGatewayClientState state, GatewayInvocation call, CancellationToken cancellationToken)
    {
        if (call.Arguments["notification"] is not JsonObject given)
        {
            throw new GatewayMethodException($"{RaiseNotification}: argument 'notification' must be an object.");
        }

        var request = FromWire(given, call.Caller);
        if (request.Id.Length > 0)
        {
            // Before the raise: its close (or a click) may follow at once.
            _notificationRaisers[request.Id] = call.Caller.PeerId;
        }

        GatewayNotification raised;
        try
        {
            raised = await state.RaiseNotificationAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _notificationRaisers.TryRemove(new KeyValuePair<string, string>(request.Id, call.Caller.PeerId));
            throw;
        }

        _notificationRaisers[raised.Id] = call.Caller.PeerId;
        return new JsonObject { ["id"] = raised.Id };
    }

    private async ValueTask<JsonNode?> ExecuteNotificationsAsync(IGatewayClientState state, GatewayInvocation call, CancellationToken cancellationToken)
    {
        var command = OptionalString(call.Arguments, "command", NotificationsExecute);
        var data = call.Arguments["data"] as JsonObject ?? [];
        switch (command)
        {
            case "list":
                var kept = await state.ListNotificationsAsync(cancellationToken).ConfigureAwait(false);
                return new JsonObject { ["notifications"] = new JsonArray([.. kept.Select(n => (JsonNode?)NotificationWire(n))]) };
            case "clear":
                await state.ClearNotificationsAsync([RequiredId(data, command)], cancellationToken).ConfigureAwait(false);
                return new JsonObject();
            case "clearAll":
                await state.ClearNotificationsAsync(null, cancellationToken).ConfigureAwait(false);
                return new JsonObject();
            case "clearMany":
                if (data["notifications"] is not JsonArray ids || ids.Any(i => i is not JsonValue v || !v.TryGetValue<string>(out _)))
                {
                    throw new GatewayMethodException($"{NotificationsExecute} clearMany: data.notifications must be an array of notification ids (strings).");
                }

                await state.ClearNotificationsAsync([.. ids.Select(i => i!.GetValue<string>())], cancellationToken).ConfigureAwait(false);
                return new JsonObject();
            case "click":
                await state.ClickNotificationAsync(RequiredId(data, command), OptionalString(data, "action", NotificationsExecute + " click"), cancellationToken).ConfigureAwait(false);
                return new JsonObject();
            default:
                throw new GatewayMethodException(
                    $"{NotificationsExecute}: command '{command ?? "(none)"}' is not supported by IoActors; supported: list, clear, clearAll, clearMany, click.");
        }
    }

    private static string RequiredId(JsonObject data, string command) =>
        OptionalString(data, "id", $"{NotificationsExecute} {command}") is { Length: > 0 } id
            ? id
            : throw new GatewayMethodException($"{NotificationsExecute} {command}: data.id (the notification's id) is required.");

    private void OnNotificationEvent(GatewayClientStateEvent e)
    {
        switch (e)
        {
            case GatewayNotificationRaised raised:
                _notifications?.Push(new JsonObject { ["items"] = new JsonArray(NotificationWire(raised.Notification)) });
                break;
            case GatewayNotificationClosed closed:
                _notificationRaisers.TryRemove(closed.Notification.Id, out _);
                _notifications?.Push(new JsonObject
                {
                    ["deltas"] = new JsonArray(new JsonObject { ["id"] = closed.Notification.Id, ["delta"] = new JsonObject { ["state"] = "Closed" } }),
                });
                break;
            case GatewayNotificationClicked clicked:
                if (_notificationRaisers.TryGetValue(clicked.Notification.Id, out var peer) && ClickHandler(clicked) is var (method, arguments))
                {
                    InvokeClientHandler(peer, method, arguments);
                }

                break;
        }
    }

    // The raiser's handler for a click: the action's method with its parameters, or the notification's routing method.
    private static (string Method, JsonObject Arguments)? ClickHandler(GatewayNotificationClicked clicked)
    {
        var details = clicked.Notification.Details;
        var id = clicked.Notification.Id;
        if (clicked.Action is { } action)
        {
            foreach (var candidate in details?["actions"] as JsonArray ?? [])
            {
                if (candidate is not JsonObject o || o["name"] is not JsonValue name || !name.TryGetValue<string>(out var method))
                {
                    continue;
                }

                var arguments = new JsonObject();
                foreach (var parameter in o["parameters"] as JsonArray ?? [])
                {
                    if (parameter is JsonObject p && p["name"] is JsonValue n && n.TryGetValue<string>(out var key))
                    {
                        arguments[key] = p["value"]?["stringValue"]?.DeepClone();
                    }
                }

                if (arguments["g42action"]?.ToString() == action)
                {
                    arguments["notification"] = new JsonObject { ["event"] = "action", ["sourceNotificationId"] = id };
                    return (method, arguments);
                }
            }

            return null;
        }

        return details?["glueRoutingDetailMethodName"] is JsonValue routing && routing.TryGetValue<string>(out var routingMethod)
            ? (routingMethod, new JsonObject { ["notification"] = new JsonObject { ["event"] = "click", ["sourceNotificationId"] = id } })
            : null;
    }

    private static GatewayNotification FromWire(JsonObject given, GatewayPeerInfo caller)
    {
        static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var attributes = given["attributes"] as JsonArray ?? [];
        string? Attribute(string key) => attributes.OfType<JsonObject>().Where(a => Text(a["key"]) == key).Select(a => Text(a["value"]?["stringValue"])).FirstOrDefault();
        JsonNode? data = null;
        if (Attribute("data") is { } text)
        {
            try
            {
                data = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                data = JsonValue.Create(text);
            }
        }

        var actions = new List<(string, string?)>();
        foreach (var action in given["actions"] as JsonArray ?? [])
        {
            var parameters = action?["parameters"] as JsonArray ?? [];
            var name = parameters.OfType<JsonObject>().Where(p => Text(p["name"]) == "g42action").Select(p => Text(p["value"]?["stringValue"])).FirstOrDefault();
            if (name is not null)
            {
                actions.Add((name, Text(action?["displayName"]) ?? Text(action?["description"])));
            }
        }

        return new GatewayNotification(Text(given["id"]) ?? "", Text(given["title"]) ?? "")
        {
            Body = Text(given["description"]) ?? Text(given["body"]),
            Severity = Text(given["severity"]) ?? "None",
            State = Text(given["state"]) ?? "Active",
            Source = Text(given["source"]),
            Application = caller.Identity["applicationName"] is JsonValue app && app.TryGetValue<string>(out var appName) ? appName : caller.Application,
            InstanceId = caller.InstanceId,
            Data = data,
            Actions = actions,
            Details = (JsonObject)given.DeepClone(),
        };
    }

    private static JsonObject NotificationWire(GatewayNotification n)
    {
        var wire = new JsonObject
        {
            ["id"] = n.Id,
            ["sourceId"] = n.Id,
            ["title"] = n.Title,
            ["body"] = n.Body,
            ["description"] = n.Body,
            ["severity"] = n.Severity,
            ["state"] = n.State,
            ["type"] = n.Details?["type"]?.DeepClone() ?? "Notification",
            ["source"] = n.Source,
            ["application"] = n.Application,
            ["instanceId"] = n.InstanceId,
            ["timestamp"] = WireDate(n.Raised),
            ["actions"] = new JsonArray([.. n.Actions.Select(a => (JsonNode?)new JsonObject { ["action"] = a.Action, ["title"] = a.Title })]),
        };
        if (n.Data is { } data)
        {
            wire["data"] = data.DeepClone();
        }

        if (n.Details?["attributes"] is JsonArray attributes)
        {
            wire["attributes"] = attributes.DeepClone();
        }

        return wire;
    }
}
