using System.Text.Json.Nodes;

namespace IoActors.Gateway.Platform;

/// <summary>
/// The client-API domains that keep state, for the gateway's <c>io.prefs</c> (<c>T42.Prefs.*</c>) and
/// <c>io.notifications</c> (<c>T42.GNS.*</c>, <c>T42.Notifications.Execute</c>) methods. A platform adapter implements it
/// beside <see cref="IGatewayPlatform"/>; without it the gateway does not register those methods. A request the
/// platform refuses (the caller's mistake) throws <see cref="Server.GatewayMethodException"/> naming why.
/// </summary>
public interface IGatewayClientState
{
    /// <summary>An app's preferences for a user (an empty object when none are stored).</summary>
    /// <param name="user">The user.</param>
    /// <param name="app">The app.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<GatewayPreferences> GetPreferencesAsync(string user, string app, CancellationToken cancellationToken);

    /// <summary>Every app's stored preferences for a user.</summary>
    /// <param name="user">The user.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<IReadOnlyList<GatewayPreferences>> GetAllPreferencesAsync(string user, CancellationToken cancellationToken);

    /// <summary>Replaces an app's preferences, or merges the given top-level properties into them.</summary>
    /// <param name="user">The user.</param>
    /// <param name="app">The app.</param>
    /// <param name="data">The preferences.</param>
    /// <param name="merge">Whether to merge rather than replace.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<GatewayPreferences> SetPreferencesAsync(string user, string app, JsonObject data, bool merge, CancellationToken cancellationToken);

    /// <summary>Removes an app's preferences for a user, or with <paramref name="app"/> <see langword="null"/> all of that user's.</summary>
    /// <param name="user">The user.</param>
    /// <param name="app">The app, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task ClearPreferencesAsync(string user, string? app, CancellationToken cancellationToken);

    /// <summary>Raises a notification.</summary>
    /// <param name="notification">The notification (an empty id gets one).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The notification as kept.</returns>
    Task<GatewayNotification> RaiseNotificationAsync(GatewayNotification notification, CancellationToken cancellationToken);

    /// <summary>The kept notifications, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<IReadOnlyList<GatewayNotification>> ListNotificationsAsync(CancellationToken cancellationToken);

    /// <summary>Clears notifications by id, or all of them.</summary>
    /// <param name="ids">The ids, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task ClearNotificationsAsync(IReadOnlyList<string>? ids, CancellationToken cancellationToken);

    /// <summary>Clicks a notification or one of its actions.</summary>
    /// <param name="id">The notification's id.</param>
    /// <param name="action">The action, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task ClickNotificationAsync(string id, string? action, CancellationToken cancellationToken);

    /// <summary>Subscribes to preference changes and notification events.</summary>
    /// <param name="handler">Called for each event, in order, never concurrently.</param>
    /// <returns>Disposing it ends the subscription.</returns>
    IDisposable SubscribeClientState(Action<GatewayClientStateEvent> handler);
}

/// <summary>One app's preferences as the gateway shows them.</summary>
/// <param name="App">The app.</param>
/// <param name="Data">The preferences.</param>
/// <param name="LastUpdate">When they last changed, if ever.</param>
public sealed record GatewayPreferences(string App, JsonObject Data, DateTimeOffset? LastUpdate);

/// <summary>A notification as the gateway shows it.</summary>
/// <param name="Id">The id.</param>
/// <param name="Title">The title.</param>
public sealed record GatewayNotification(string Id, string Title)
{
    /// <summary>The body. The default is <see langword="null"/>.</summary>
    public string? Body { get; init; }

    /// <summary>The severity. The default is "None".</summary>
    public string Severity { get; init; } = "None";

    /// <summary>The state. The default is "Active".</summary>
    public string State { get; init; } = "Active";

    /// <summary>The source the raiser named. The default is <see langword="null"/>.</summary>
    public string? Source { get; init; }

    /// <summary>The raising app. The default is <see langword="null"/>.</summary>
    public string? Application { get; init; }

    /// <summary>The raising instance. The default is <see langword="null"/>.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The data. The default is <see langword="null"/>.</summary>
    public JsonNode? Data { get; init; }

    /// <summary>The actions: name and title. The default is none.</summary>
    public IReadOnlyList<(string Action, string? Title)> Actions { get; init; } = [];

    /// <summary>When it was raised.</summary>
    public DateTimeOffset Raised { get; init; }

    /// <summary>The notification as the raising client sent it. The default is <see langword="null"/>.</summary>
    public JsonObject? Details { get; init; }
}

/// <summary>Something that happened to preferences or notifications.</summary>
public abstract record GatewayClientStateEvent;

/// <summary>An app's preferences changed for a user.</summary>
/// <param name="User">The user.</param>
/// <param name="Preferences">The preferences as they are now.</param>
public sealed record GatewayPreferencesChanged(string User, GatewayPreferences Preferences) : GatewayClientStateEvent;

/// <summary>A notification was raised.</summary>
/// <param name="Notification">The notification.</param>
public sealed record GatewayNotificationRaised(GatewayNotification Notification) : GatewayClientStateEvent;

/// <summary>A notification was closed (cleared or dropped).</summary>
/// <param name="Notification">The notification.</param>
public sealed record GatewayNotificationClosed(GatewayNotification Notification) : GatewayClientStateEvent;

/// <summary>A notification or one of its actions was clicked.</summary>
/// <param name="Notification">The notification.</param>
/// <param name="Action">The action, or <see langword="null"/>.</param>
public sealed record GatewayNotificationClicked(GatewayNotification Notification, string? Action) : GatewayClientStateEvent;
