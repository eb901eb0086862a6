using System.Text.Json;
using Akka.Actor;

namespace IoActors.Platform.Notifications;

/// <summary>
/// Keeps the raised notifications (<c>io.notifications</c>) at /user/platform/notifications, oldest first, within
/// <c>ioactors.notifications.maxCount</c> and <c>maxBytes</c> (their JSON size): raising past a bound drops the oldest,
/// which is published as <see cref="NotificationClosed"/> with the reason "dropped". A notification larger than
/// <c>maxBytes</c> by itself is refused. Raises, clears and clicks are published on the event stream.
/// Notifications live as long as the platform runs (they are not journaled).
/// </summary>
internal sealed class NotificationsActor : ReceiveActor
{
    private readonly int _maxCount;
    private readonly long _maxBytes;
    private readonly TimeProvider _clock;

    // Kept notifications in the order they were raised, with their size; a re-raised id replaces its entry.
    private readonly LinkedList<(PlatformNotification Notification, long Bytes)> _kept = new();
    private readonly Dictionary<string, LinkedListNode<(PlatformNotification Notification, long Bytes)>> _byId = new(StringComparer.Ordinal);
    private long _bytes;

    public NotificationsActor(int maxCount, long maxBytes, TimeProvider clock)
    {
        _maxCount = maxCount;
        _maxBytes = maxBytes;
        _clock = clock;
        Receive<RaiseNotification>(Raise);
        Receive<ListNotifications>(_ => Sender.Tell((IReadOnlyList<PlatformNotification>)[.. _kept.Select(k => k.Notification)], Self));
        Receive<ClearNotifications>(Clear);
        Receive<ClickNotification>(Click);
    }

    public static Props Props(int maxCount, long maxBytes, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new NotificationsActor(maxCount, maxBytes, clock));

    private void Raise(RaiseNotification m)
    {
        var notification = m.Notification;
        if (string.IsNullOrWhiteSpace(notification.Title))
        {
            Refuse($"Notification '{notification.Id}': the title is missing or blank.");
            return;
        }

        if (string.IsNullOrEmpty(notification.Id))
        {
            notification = notification with { Id = Guid.NewGuid().ToString("N") };
        }

        notification = notification with { Raised = _clock.GetUtcNow() };
        long bytes = JsonSerializer.SerializeToUtf8Bytes(notification).Length;
        if (bytes > _maxBytes)
        {
            Refuse($"Notification '{notification.Id}' takes {bytes} bytes; the platform keeps at most {_maxBytes} bytes of notifications (ioactors.notifications.maxBytes).");
            return;
        }

        if (_byId.Remove(notification.Id, out var previous))
        {
            _kept.Remove(previous);
            _bytes -= previous.Value.Bytes;
        }

        _byId[notification.Id] = _kept.AddLast((notification, bytes));
        _bytes += bytes;
        Sender.Tell(notification, Self);
        Context.System.EventStream.Publish(new NotificationRaised(notification));
        while (_kept.Count > _maxCount || _bytes > _maxBytes)
        {
            var oldest = _kept.First!;
            Remove(oldest, "dropped");
        }
    }

    private void Clear(ClearNotifications m)
    {
        var cleared = new List<string>();
        if (m.Ids is null)
        {
            while (_kept.First is { } first)
            {
                cleared.Add(first.Value.Notification.Id);
                Remove(first, "cleared");
            }
        }
        else
        {
            foreach (var id in m.Ids)
            {
                if (_byId.TryGetValue(id, out var node))
                {
                    cleared.Add(id);
                    Remove(node, "cleared");
                }
            }
        }

        Sender.Tell((IReadOnlyList<string>)cleared, Self);
    }

    private void Click(ClickNotification m)
    {
        if (!_byId.TryGetValue(m.Id, out var node))
        {
            Refuse($"No notification with id '{m.Id}' (it was never raised, or it was cleared).");
            return;
        }

        var notification = node.Value.Notification;
        if (m.Action is { } action && notification.Actions.All(a => a.Action != action))
        {
            var known = notification.Actions.Count == 0 ? "it has no actions" : "its actions: " + string.Join(", ", notification.Actions.Select(a => a.Action));
            Refuse($"Notification '{m.Id}' has no action '{action}' ({known}).");
            return;
        }

        Sender.Tell(notification, Self);
        Context.System.EventStream.Publish(new NotificationClicked(notification, m.Action));
    }

    private void Remove(LinkedListNode<(PlatformNotification Notification, long Bytes)> node, string reason)
    {
        _kept.Remove(node);
        _byId.Remove(node.Value.Notification.Id);
        _bytes -= node.Value.Bytes;
        Context.System.EventStream.Publish(new NotificationClosed(node.Value.Notification, reason));
    }

    private void Refuse(string message) => Sender.Tell(new Status.Failure(new NotificationException(message)), Self);
}
