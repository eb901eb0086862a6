using System.Text.Json;
using System.Text.Json.Nodes;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Server;
using IoActors.Platform;
using IoActors.Platform.Notifications;
using IoActors.Platform.Preferences;

namespace IoActors.Host.Gateway;

/// <summary>The gateway's view of the platform's app preferences and notifications (<see cref="IGatewayClientState"/>).</summary>
internal sealed partial class GatewayPlatformAdapter : IGatewayClientState
{
    public async Task<GatewayPreferences> GetPreferencesAsync(string user, string app, CancellationToken cancellationToken) =>
        ToGateway(await Refused(() => Platform.Preferences.GetAsync(user, app, cancellationToken)));

    public async Task<IReadOnlyList<GatewayPreferences>> GetAllPreferencesAsync(string user, CancellationToken cancellationToken) =>
        [.. (await Platform.Preferences.GetAllAsync(user, cancellationToken)).Select(ToGateway)];

    public async Task<GatewayPreferences> SetPreferencesAsync(string user, string app, JsonObject data, bool merge, CancellationToken cancellationToken) =>
        ToGateway(await Refused(() => Platform.Preferences.SetAsync(user, app, JsonSerializer.SerializeToElement(data), merge, cancellationToken)));

    public Task ClearPreferencesAsync(string user, string? app, CancellationToken cancellationToken) =>
        Refused(() => Platform.Preferences.ClearAsync(user, app, cancellationToken));

    public async Task<GatewayNotification> RaiseNotificationAsync(GatewayNotification notification, CancellationToken cancellationToken) =>
        ToGateway(await Refused(() => Platform.Notifications.RaiseAsync(ToPlatform(notification), cancellationToken)));

    public async Task<IReadOnlyList<GatewayNotification>> ListNotificationsAsync(CancellationToken cancellationToken) =>
        [.. (await Platform.Notifications.ListAsync(cancellationToken)).Select(ToGateway)];

    public Task ClearNotificationsAsync(IReadOnlyList<string>? ids, CancellationToken cancellationToken) =>
        Platform.Notifications.ClearAsync(ids, cancellationToken);

    public Task ClickNotificationAsync(string id, string? action, CancellationToken cancellationToken) =>
        Refused(() => Platform.Notifications.ClickAsync(id, action, cancellationToken));

    /// <summary>Subscribes now if the platform exists, else when <see cref="Attach"/> is called.</summary>
    public IDisposable SubscribeClientState(Action<GatewayClientStateEvent> handler) => _late.Add(platform =>
    {
        // Two event-stream subscriptions: the gate keeps the handler from running for both at once.
        var gate = new object();
        void Deliver(GatewayClientStateEvent? e)
        {
            if (e is not null)
            {
                lock (gate)
                {
                    handler(e);
                }
            }
        }

        var prefs = platform.Preferences.OnChanged(e => Deliver(new GatewayPreferencesChanged(e.User, ToGateway(e.Preferences))));
        var notifications = platform.Notifications.OnEvent(e => Deliver(e switch
        {
            NotificationRaised r => new GatewayNotificationRaised(ToGateway(r.Notification)),
            NotificationClosed c => new GatewayNotificationClosed(ToGateway(c.Notification)),
            NotificationClicked c => new GatewayNotificationClicked(ToGateway(c.Notification), c.Action),
            _ => null,
        }));
        return new Both(prefs, notifications);
    });

    // The platform's refusals (the caller's mistakes) reach the client as method errors naming why.
    private static async Task<T> Refused<T>(Func<Task<T>> request)
    {
        try
        {
            return await request();
        }
        catch (Exception e) when (e is PreferencesException or NotificationException)
        {
            throw new GatewayMethodException(e.Message);
        }
    }

    private static GatewayPreferences ToGateway(AppPreferences prefs) =>
        new(prefs.App, JsonObject.Create(prefs.Data) ?? [], prefs.LastUpdate);

    internal static GatewayNotification ToGateway(PlatformNotification n) =>
        new(n.Id, n.Title)
        {
            Body = n.Body,
            Severity = n.Severity,
            State = n.State,
            Source = n.Source,
            Application = n.Application,
            InstanceId = n.InstanceId,
            Data = n.Data is { } data ? JsonNode.Parse(data.GetRawText()) : null,
            Actions = [.. n.Actions.Select(a => (a.Action, a.Title))],
            Raised = n.Raised,
            Details = n.Details is { ValueKind: JsonValueKind.Object } details ? JsonObject.Create(details) : null,
        };

    private static PlatformNotification ToPlatform(GatewayNotification n) =>
        new(n.Id, n.Title)
        {
            Body = n.Body,
            Severity = n.Severity,
            State = n.State,
            Source = n.Source,
            Application = n.Application,
            InstanceId = n.InstanceId,
            Data = n.Data is { } data ? JsonSerializer.SerializeToElement(data) : null,
            Actions = [.. n.Actions.Select(a => new NotificationAction(a.Action, a.Title))],
            Details = n.Details is { } details ? JsonSerializer.SerializeToElement(details) : null,
        };

    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
