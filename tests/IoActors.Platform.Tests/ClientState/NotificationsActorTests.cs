using System.Text.Json;
using Akka.Actor;
using FluentAssertions;
using IoActors.Platform.Notifications;
using IoActors.Testing;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Tests.ClientState;

public sealed class NotificationsActorTests(ITestOutputHelper output) : ActorTestKit(output, virtualTime: false)
{
    [Fact]
    public async Task Raise_PastTheCount_DropsTheOldest_AndPublishesItsClose()
    {
        var notifications = Sys.ActorOf(NotificationsActor.Props(maxCount: 2, maxBytes: 1_000_000, TimeProvider.System));
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events, typeof(NotificationEvent));

        foreach (var id in new[] { "a", "b", "c" })
        {
            await notifications.Ask<PlatformNotification>(new RaiseNotification(new PlatformNotification(id, "T " + id)));
        }

        (await notifications.Ask<IReadOnlyList<PlatformNotification>>(ListNotifications.Instance)).Select(n => n.Id).Should().Equal("b", "c");
        (await events.ExpectMsgAsync<NotificationRaised>()).Notification.Id.Should().Be("a");
        (await events.ExpectMsgAsync<NotificationRaised>()).Notification.Id.Should().Be("b");
        (await events.ExpectMsgAsync<NotificationRaised>()).Notification.Id.Should().Be("c");
        var dropped = await events.ExpectMsgAsync<NotificationClosed>();
        dropped.Notification.Id.Should().Be("a");
        dropped.Reason.Should().Be("dropped");
    }

    [Fact]
    public async Task Raise_PastTheBytes_DropsTheOldest_AndOneLargerThanTheBoundIsRefused()
    {
        var body = new string('x', 150);
        var one = JsonSerializer.SerializeToUtf8Bytes(new PlatformNotification("a", "T") { Body = body, Raised = DateTimeOffset.UtcNow }).Length;
        var bound = (one * 5) / 2;
        var notifications = Sys.ActorOf(NotificationsActor.Props(maxCount: 100, maxBytes: bound, TimeProvider.System));
        foreach (var id in new[] { "a", "b", "c" })
        {
            await notifications.Ask<PlatformNotification>(new RaiseNotification(new PlatformNotification(id, "T") { Body = body }));
        }

        var kept = await notifications.Ask<IReadOnlyList<PlatformNotification>>(ListNotifications.Instance);
        kept.Select(n => n.Id).Should().Equal("b", "c");

        var huge = () => notifications.Ask<PlatformNotification>(new RaiseNotification(new PlatformNotification("big", "T") { Data = JsonDocument.Parse($"\"{new string('y', bound)}\"").RootElement.Clone() }));
        (await huge.Should().ThrowAsync<NotificationException>()).Which.Message.Should().Match($"Notification 'big' takes * bytes; the platform keeps at most {bound} bytes of notifications (ioactors.notifications.maxBytes).");
        (await notifications.Ask<IReadOnlyList<PlatformNotification>>(ListNotifications.Instance)).Select(n => n.Id).Should().Equal("b", "c");
    }

    [Fact]
    public async Task Click_AnUnknownNotificationOrAction_IsRefused_AndAKnownOneIsPublished()
    {
        var notifications = Sys.ActorOf(NotificationsActor.Props(10, 100_000, TimeProvider.System));
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events, typeof(NotificationClicked));
        await notifications.Ask<PlatformNotification>(new RaiseNotification(new PlatformNotification("n", "T") { Actions = [new NotificationAction("ok", "OK")] }));

        await FluentActions.Awaiting(() => notifications.Ask<PlatformNotification>(new ClickNotification("missing", null)))
            .Should().ThrowAsync<NotificationException>().WithMessage("No notification with id 'missing'*");
        await FluentActions.Awaiting(() => notifications.Ask<PlatformNotification>(new ClickNotification("n", "nope")))
            .Should().ThrowAsync<NotificationException>().WithMessage("Notification 'n' has no action 'nope' (its actions: ok).");
        await notifications.Ask<PlatformNotification>(new ClickNotification("n", "ok"));

        (await events.ExpectMsgAsync<NotificationClicked>()).Action.Should().Be("ok");
    }

    [Fact]
    public async Task Raise_WithABlankTitle_IsRefused()
    {
        var notifications = Sys.ActorOf(NotificationsActor.Props(10, 100_000, TimeProvider.System));

        await FluentActions.Awaiting(() => notifications.Ask<PlatformNotification>(new RaiseNotification(new PlatformNotification("n", " "))))
            .Should().ThrowAsync<NotificationException>().WithMessage("Notification 'n': the title is missing or blank.");
    }
}
