using Akka.Actor;
using IoActors.Platform.AppManagement;

namespace IoActors.Platform.Notifications;

/// <summary>
/// The in-process Notifications API, mirroring io.Connect's <c>io.notifications</c>: raise, list, clear, click and the
/// events (<see cref="NotificationRaised"/>, <see cref="NotificationClosed"/>, <see cref="NotificationClicked"/>, also
/// on the event stream and the HTTP API's SSE stream). A refused request throws <see cref="NotificationException"/>.
/// </summary>
public sealed class NotificationsManager
{
    private readonly ActorSystem _system;
    private readonly IActorRef _notifications;
    private readonly TimeSpan _timeout;

    internal NotificationsManager(ActorSystem system, IActorRef notifications, TimeSpan timeout)
    {
        _system = system;
        _notifications = notifications;
        _timeout = timeout;
    }

    /// <summary>Raises a notification (one with the same id replaces it).</summary>
    /// <param name="notification">The notification; an empty id gets a new one.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The notification as kept (its id and raise time set).</returns>
    public Task<PlatformNotification> RaiseAsync(PlatformNotification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return _notifications.Ask<PlatformNotification>(new RaiseNotification(notification), _timeout, cancellationToken);
    }

    /// <summary>The kept notifications, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The notifications.</returns>
    public Task<IReadOnlyList<PlatformNotification>> ListAsync(CancellationToken cancellationToken = default) =>
        _notifications.Ask<IReadOnlyList<PlatformNotification>>(ListNotifications.Instance, _timeout, cancellationToken);

    /// <summary>Clears notifications by id; unknown ids are skipped.</summary>
    /// <param name="ids">The ids, or <see langword="null"/> for every notification.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The ids cleared.</returns>
    public Task<IReadOnlyList<string>> ClearAsync(IReadOnlyList<string>? ids, CancellationToken cancellationToken = default) =>
        _notifications.Ask<IReadOnlyList<string>>(new ClearNotifications(ids), _timeout, cancellationToken);

    /// <summary>Clicks a notification, or one of its actions; its raiser is told (the gateway calls its handler).</summary>
    /// <param name="id">The notification's id.</param>
    /// <param name="action">The action, or <see langword="null"/> for the notification itself.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The clicked notification.</returns>
    public Task<PlatformNotification> ClickAsync(string id, string? action = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return _notifications.Ask<PlatformNotification>(new ClickNotification(id, action), _timeout, cancellationToken);
    }

    /// <summary>Calls <paramref name="handler"/> for every notification event, in order.</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable OnEvent(Action<NotificationEvent> handler) => EventHandlerSubscription.Create(_system, handler, typeof(NotificationEvent));
}
