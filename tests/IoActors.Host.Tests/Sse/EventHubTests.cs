using System.Text.Json;
using FluentAssertions;
using IoActors.Host.Sse;

namespace IoActors.Host.Tests.Sse;

public sealed class EventHubTests
{
    private static EventHub NewHub(int replay = 10, int client = 4, TimeProvider? time = null) =>
        new(new SseOptions { ReplayCapacity = replay, ClientCapacity = client }, new JsonSerializerOptions(), time: time);

    private static List<SseEvent> Drain(SseClient client)
    {
        var list = new List<SseEvent>();
        while (client.Reader.TryRead(out var e))
        {
            list.Add(e);
        }

        return list;
    }

    [Fact]
    public async Task Connect_WithLastEventId_ReplaysLaterEventsThenLiveOnes()
    {
        await using var hub = NewHub();
        for (var i = 0; i < 5; i++)
        {
            hub.Publish("E", "{}");
        }

        var client = hub.Connect(3, null);
        hub.Publish("E", "{}");
        Drain(client).Select(e => e.Id).Should().Equal(4, 5, 6);
    }

    [Fact]
    public async Task Connect_WithAnIdPastTheLastOne_IsAResetNotAGap()
    {
        await using var hub = NewHub();
        hub.Publish("E", "{}");
        hub.Publish("E", "{}");

        var fromEarlierRun = hub.Connect(40, null);
        fromEarlierRun.Reset.Should().BeTrue();
        fromEarlierRun.Missed.Should().Be(0);
        hub.Connect(2, null).Reset.Should().BeFalse();
        hub.Connect(0, null).Reset.Should().BeFalse();
    }

    [Fact]
    public async Task Connect_AfterEventsLeftTheBuffer_ReportsHowManyWereMissed()
    {
        await using var hub = NewHub(replay: 3, client: 100);
        for (var i = 0; i < 10; i++)
        {
            hub.Publish("E", "{}");
        }

        var client = hub.Connect(2, null);
        client.Missed.Should().Be(5); // 3..7 are gone; 8..10 remain
        Drain(client).Select(e => e.Id).Should().Equal(8, 9, 10);
    }

    [Fact]
    public async Task Connect_WithTypes_FiltersExactNamesAndPrefixes()
    {
        await using var hub = NewHub(client: 100);
        var client = hub.Connect(null, new HashSet<string> { "InstanceStarted", "boot*" });
        hub.Publish("InstanceStarted", "{}");
        hub.Publish("InstanceStopped", "{}");
        hub.Publish("BootCompleted", "{}");
        Drain(client).Select(e => e.Type).Should().Equal("InstanceStarted", "BootCompleted");
    }

    [Fact]
    public async Task Publish_ClientThatDoesNotRead_IsCutOffAfterItsCapacity()
    {
        await using var hub = NewHub(client: 4);
        var slow = hub.Connect(null, null);
        var fast = hub.Connect(null, null);
        for (var i = 0; i < 4; i++)
        {
            hub.Publish("E", "{}");
        }

        Drain(fast).Should().HaveCount(4);
        slow.Overflowed.Should().BeFalse();
        hub.Publish("E", "{}");
        slow.Overflowed.Should().BeTrue();
        slow.Reader.Completion.IsCompleted.Should().BeFalse("the queued events are still delivered before the final event");
        Drain(slow).Should().HaveCount(4);
        await slow.Reader.Completion;
        Drain(fast).Select(e => e.Id).Should().Equal(5);
    }

    [Fact]
    public async Task Publish_StampsEveryEventWithItsTimeAsTheFirstMemberOfItsData()
    {
        var time = new FixedTime(new DateTimeOffset(2025, 3, 4, 5, 6, 7, 890, TimeSpan.FromHours(2)));
        await using var hub = NewHub(client: 100, time: time);
        var client = hub.Connect(null, null);
        hub.Publish("E", "{}");
        hub.Publish("E", """{"a":1}""");
        hub.Publish("E", "\"text\"");

        Drain(client).Select(e => e.Data).Should().Equal(
            """{"time":"2025-03-04T03:06:07.8900000Z"}""",
            """{"time":"2025-03-04T03:06:07.8900000Z","a":1}""",
            """{"time":"2025-03-04T03:06:07.8900000Z","value":"text"}""");
    }

    [Fact]
    public async Task Publish_ClientOverItsByteLimit_IsDroppedLikeOneOverItsEventCount()
    {
        await using var hub = new EventHub(new SseOptions { ClientCapacity = 1000, ClientMaxBytes = 2000 }, new JsonSerializerOptions());
        var client = hub.Connect(null, null);
        var big = "\"" + new string('x', 900) + "\"";
        hub.Publish("E", big);
        hub.Publish("E", big);
        client.Overflowed.Should().BeFalse();
        client.QueuedBytes.Should().BeGreaterThan(1800);

        hub.Publish("E", big);
        client.Overflowed.Should().BeTrue();
        Drain(client).Should().HaveCount(2);
        client.QueuedBytes.Should().Be(0);
    }

    [Fact]
    public async Task Publish_ReplayBuffer_KeepsOnlyWhatFitsItsBytes()
    {
        await using var hub = new EventHub(new SseOptions { ReplayCapacity = 1000, ReplayMaxBytes = 3000, ClientCapacity = 1000 }, new JsonSerializerOptions());
        for (var i = 0; i < 10; i++)
        {
            hub.Publish("E", "\"" + new string('x', 900) + "\"");
        }

        var client = hub.Connect(0, null);
        client.Missed.Should().Be(7);
        Drain(client).Select(e => e.Id).Should().Equal(8, 9, 10);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
