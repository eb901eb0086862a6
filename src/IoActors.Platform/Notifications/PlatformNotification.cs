using System.Text.Json;

namespace IoActors.Platform.Notifications;

/// <summary>A notification raised by an app (<c>io.notifications.raise</c>) and kept by the platform until cleared.</summary>
/// <param name="Id">The notification's id (the raiser's, or one the platform gave it).</param>
/// <param name="Title">The title.</param>
public sealed record PlatformNotification(string Id, string Title)
{
    /// <summary>The body text. The default is <see langword="null"/>.</summary>
    public string? Body { get; init; }

    /// <summary>The severity ("None", "Low", "Medium", "High", "Critical"). The default is "None".</summary>
    public string Severity { get; init; } = "None";

    /// <summary>The state ("Active", "Acknowledged", "Stale", ...). The default is "Active".</summary>
    public string State { get; init; } = "Active";

    /// <summary>The app name the raiser gave as the source, when given. The default is <see langword="null"/>.</summary>
    public string? Source { get; init; }

    /// <summary>The app of the raising instance, when known. The default is <see langword="null"/>.</summary>
    public string? Application { get; init; }

    /// <summary>The raising instance, when it is one of the platform's. The default is <see langword="null"/>.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The notification's data (any JSON), when given. The default is <see langword="null"/>.</summary>
    public JsonElement? Data { get; init; }

    /// <summary>The actions a user may take, in order. The default is none.</summary>
    public IReadOnlyList<NotificationAction> Actions { get; init; } = [];

    /// <summary>When it was raised.</summary>
    public DateTimeOffset Raised { get; init; }

    /// <summary>The notification as the raising client sent it (JSON), kept for routing its clicks back. The default is <see langword="null"/>.</summary>
    public JsonElement? Details { get; init; }
}

/// <summary>An action of a notification.</summary>
/// <param name="Action">The action's name (what <c>click(id, action)</c> names).</param>
/// <param name="Title">The action's display title, when given.</param>
public sealed record NotificationAction(string Action, string? Title);

/// <summary>Something that happened to a notification; published on the event stream.</summary>
/// <param name="Notification">The notification.</param>
public abstract record NotificationEvent(PlatformNotification Notification);

/// <summary>A notification was raised.</summary>
/// <param name="Notification">The notification.</param>
public sealed record NotificationRaised(PlatformNotification Notification) : NotificationEvent(Notification);

/// <summary>A notification was closed: cleared, or dropped to keep the platform within its bounds.</summary>
/// <param name="Notification">The notification.</param>
/// <param name="Reason">"cleared" or "dropped".</param>
public sealed record NotificationClosed(PlatformNotification Notification, string Reason) : NotificationEvent(Notification);

/// <summary>A notification (or one of its actions) was clicked.</summary>
/// <param name="Notification">The notification.</param>
/// <param name="Action">The action clicked, or <see langword="null"/> for the notification itself.</param>
public sealed record NotificationClicked(PlatformNotification Notification, string? Action) : NotificationEvent(Notification);

/// <summary>A notification request was refused: no title, an unknown id or action, or more bytes than the platform keeps.</summary>
public sealed class NotificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong, naming the notification and the value.</param>
    public NotificationException(string message)
        : base(message)
    {
    }
}
