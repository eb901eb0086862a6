using System.Text.Json;
using FluentAssertions;
using IoActors.Host.Sse;

namespace IoActors.Host.Tests.Sse;

public sealed class EventHubTests
{
    private static EventHub NewHub(int replay = 10, int client = 4) =>
        new(new SseOptions { ReplayCapacity = replay, ClientCapacity = client }, new JsonSerializerOptions());

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
}
