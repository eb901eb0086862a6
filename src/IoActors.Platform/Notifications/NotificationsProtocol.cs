namespace IoActors.Platform.Notifications;

/// <summary>Raises a notification; the answer is the kept <see cref="PlatformNotification"/>.</summary>
internal sealed record RaiseNotification(PlatformNotification Notification);

/// <summary>Asks for the kept notifications, oldest first; the answer is an <c>IReadOnlyList&lt;PlatformNotification&gt;</c>.</summary>
internal sealed record ListNotifications
{
    public static ListNotifications Instance { get; } = new();
}

/// <summary>Clears notifications by id (none: all); the answer is the ids cleared (<c>IReadOnlyList&lt;string&gt;</c>).</summary>
internal sealed record ClearNotifications(IReadOnlyList<string>? Ids);

/// <summary>Clicks a notification or one of its actions; the answer is the notification.</summary>
internal sealed record ClickNotification(string Id, string? Action);
