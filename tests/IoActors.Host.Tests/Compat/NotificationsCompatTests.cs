using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Host.Tests.Support;
using IoActors.Platform.Events;
using IoActors.Platform.Notifications;

namespace IoActors.Host.Tests.Compat;

/// <summary>
/// The real @interopio/desktop client, in node apps the real platform starts, uses io.notifications: raise, list,
/// click (its handlers run in the raiser), clear, onRaised/onClosed in another app; the platform keeps them, publishes
/// them on the event stream (C# subscribers, the SSE stream) and shows them in the HTTP API.
/// </summary>
public sealed class NotificationsCompatTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Notifications_FromAPlatformStartedClient_AreRaisedListedClickedAndCleared()
    {
        using var reports = new CompatReports();
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["notifier"] = CompatHost.NodeApp("notifier", "notifications.js", reports.Argument("notifier")),
            ["observer"] = CompatHost.NodeApp("observer", "notifications.js", "--observe " + reports.Argument("observer")),
        });
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        await using var events = host.Host.Platform.Subscribe<NotificationEvent>();
        await using var sse = await SseReader.OpenAsync(host.Client, "/api/events?types=NotificationRaised");
        await host.StartInstanceAsync("observer");
        (await reports["observer"].NextAsync("observing"))["count"]!.GetValue<int>().Should().Be(0);

        var notifier = await host.StartInstanceAsync("notifier");
        var report = reports["notifier"];
        var raised = await report.NextAsync("raised");
        raised["id"]!.ToString().Should().Be("n-1");
        var seen = raised["notification"]!;
        seen["title"]!.ToString().Should().Be("Hello");
        seen["body"]!.ToString().Should().Be("World");
        seen["severity"]!.ToString().Should().Be("High");
        seen["data"]!["k"]!.GetValue<int>().Should().Be(1);
        var listed = (await report.NextAsync("listed"))["notifications"]!.AsArray().Should().ContainSingle().Subject!;
        listed["id"]!.ToString().Should().Be("n-1");
        listed["actions"]![0]!["action"]!.ToString().Should().Be("ack");
        (await report.NextAsync("clicked"))["handler"]!.ToString().Should().Be("click", "a click reaches the raiser's onclick");
        (await report.NextAsync("actioned"))["action"]!.ToString().Should().Be("ack", "an action's click reaches the raiser's onaction");
        (await report.NextAsync("bad-action"))["error"]!.ToString().Should().Contain("'n-1' has no action 'nope'").And.Contain("ack");
        var cleared = await report.NextAsync("cleared");
        cleared["closed"]!.ToString().Should().Be("n-1", "onClosed fires for the cleared notification");
        cleared["remaining"]!.AsArray().Select(i => i!.ToString()).Should().Equal("n-2");

        // Another app heard of them through its own onRaised/onClosed.
        (await reports["observer"].NextAsync("observed-raised"))["notification"]!["id"]!.ToString().Should().Be("n-1");
        (await reports["observer"].NextAsync("observed-raised"))["notification"]!["id"]!.ToString().Should().Be("n-2");
        (await reports["observer"].NextAsync("observed-closed"))["id"]!.ToString().Should().Be("n-1");

        // The event stream had them all, in order.
        var first = (NotificationRaised)await NextAsync(events);
        first.Notification.Id.Should().Be("n-1");
        first.Notification.Application.Should().Be("notifier");
        first.Notification.InstanceId.Should().Be(notifier);
        first.Notification.Actions.Should().Equal(new NotificationAction("ack", "Acknowledge"));
        (await NextAsync(events)).Should().BeOfType<NotificationClicked>().Which.Action.Should().BeNull();
        (await NextAsync(events)).Should().BeOfType<NotificationClicked>().Which.Action.Should().Be("ack");
        (await NextAsync(events)).Should().BeOfType<NotificationRaised>().Which.Notification.Id.Should().Be("n-2");
        var closed = (await NextAsync(events)).Should().BeOfType<NotificationClosed>().Subject;
        closed.Notification.Id.Should().Be("n-1");
        closed.Reason.Should().Be("cleared");
        (await sse.NextAsync()).Data.Should().Contain("\"n-1\"", "the SSE stream carries the raise");

        // The HTTP API shows what is kept.
        var kept = JsonNode.Parse(await host.Client.GetStringAsync("/api/notifications"))!.AsArray();
        kept.Select(n => n!["id"]!.ToString()).Should().Equal("n-2");
        kept[0]!["title"]!.ToString().Should().Be("Second");
        (await host.Client.GetAsync("/api/notifications/n-1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await host.Client.PostAsync("/api/notifications/n-2/click", new StringContent("""{ "action": "none" }""", Encoding.UTF8, "application/json"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await host.Client.DeleteAsync("/api/notifications/n-2")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await reports["observer"].NextAsync("observed-closed"))["id"]!.ToString().Should().Be("n-2", "a clear through the API reaches the clients too");
        JsonNode.Parse(await host.Client.GetStringAsync("/api/notifications"))!.AsArray().Should().BeEmpty();
    }

    private static async Task<NotificationEvent> NextAsync(EventSubscription<NotificationEvent> events)
    {
        using var cts = new CancellationTokenSource(Timeout);
        return await events.Reader.ReadAsync(cts.Token);
    }
}
