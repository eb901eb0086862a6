using Akka.Actor;
using FluentAssertions;
using IoActors.Platform.Events;
using IoActors.Testing;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Tests.Events;

/// <summary>
/// The bounded bridge from Akka's event stream to non-actor readers: order, the overflow policies, disposal, a waiting
/// reader, option checks, and no event lost when the system terminates right after publishing it.
/// </summary>
public sealed class EventSubscriptionTests(ITestOutputHelper output) : ActorTestKit(output, virtualTime: false)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private sealed record Ping(int N);

    private sealed record OtherEvent;

    [Fact]
    public async Task Subscribe_EventsPublishedAfterCreate_AreReadInOrderAndOnlyOfTheType()
    {
        await using var events = EventSubscription<Ping>.Create(Sys);
        Sys.EventStream.Publish(new OtherEvent());
        for (var i = 0; i < 100; i++)
        {
            Sys.EventStream.Publish(new Ping(i));
        }

        var read = new List<int>();
        while (read.Count < 100)
        {
            read.Add((await events.Reader.ReadAsync().AsTask().WaitAsync(Wait)).N);
        }

        read.Should().Equal(Enumerable.Range(0, 100));
        events.Reader.TryRead(out _).Should().BeFalse();
    }

    [Fact]
    public async Task Subscribe_BaseType_ReceivesSubtypeEvents()
    {
        await using var events = EventSubscription<object>.Create(Sys);
        Sys.EventStream.Publish(new Ping(1));
        (await events.Reader.ReadAsync().AsTask().WaitAsync(Wait)).Should().Be(new Ping(1));
    }

    [Fact]
    public async Task DropOldest_BufferFull_KeepsTheNewestAndCountsTheDrops()
    {
        await using var events = EventSubscription<Ping>.Create(Sys, new EventSubscriptionOptions { Capacity = 3, OverflowPolicy = OverflowPolicy.DropOldest });
        for (var i = 0; i < 5; i++)
        {
            Sys.EventStream.Publish(new Ping(i));
        }

        Drain(events).Should().Equal(2, 3, 4);
        events.Dropped.Should().Be(2);
    }

    [Fact]
    public async Task DropNewest_BufferFull_KeepsTheOldestAndCountsTheDrops()
    {
        await using var events = EventSubscription<Ping>.Create(Sys, new EventSubscriptionOptions { Capacity = 3, OverflowPolicy = OverflowPolicy.DropNewest });
        for (var i = 0; i < 5; i++)
        {
            Sys.EventStream.Publish(new Ping(i));
        }

        Drain(events).Should().Equal(0, 1, 2);
        events.Dropped.Should().Be(2);
    }

    [Fact]
    public async Task Disconnect_ReaderFallsBehind_CompletesWithTheOverflowException()
    {
        await using var events = EventSubscription<Ping>.Create(Sys, new EventSubscriptionOptions { Capacity = 2, OverflowPolicy = OverflowPolicy.Disconnect });
        for (var i = 0; i < 3; i++)
        {
            Sys.EventStream.Publish(new Ping(i));
        }

        var read = async () =>
        {
            await foreach (var _ in events.ReadAllAsync().WithCancellation(new CancellationTokenSource(Wait).Token))
            {
            }
        };
        (await read.Should().ThrowAsync<EventStreamOverflowException>()).Which.Capacity.Should().Be(2);
    }

    [Fact]
    public async Task Dispose_ReaderCompletesAndReceivesNothingMore()
    {
        var events = EventSubscription<Ping>.Create(Sys);
        await events.DisposeAsync();
        Sys.EventStream.Publish(new Ping(1));
        await events.Reader.Completion.WaitAsync(Wait);
        events.Reader.TryRead(out _).Should().BeFalse();
    }

    [Fact]
    public async Task Reader_WaitingBeforeThePublish_WakesWithTheEvent()
    {
        await using var events = EventSubscription<Ping>.Create(Sys);
        var waiting = events.Reader.ReadAsync().AsTask();
        waiting.IsCompleted.Should().BeFalse();
        Sys.EventStream.Publish(new Ping(7));
        (await waiting.WaitAsync(Wait)).N.Should().Be(7);
    }

    [Fact]
    public async Task SystemTerminates_RightAfterAPublish_TheEventIsStillReadThenTheReaderCompletes()
    {
        var system = ActorSystem.Create("terminating", "akka.coordinated-shutdown.run-by-clr-shutdown-hook = off");
        var events = EventSubscription<Ping>.Create(system);
        system.EventStream.Publish(new Ping(1));
        await system.Terminate().WaitAsync(Wait);

        var read = new List<int>();
        await foreach (var e in events.ReadAllAsync().WithCancellation(new CancellationTokenSource(Wait).Token))
        {
            read.Add(e.N);
        }

        read.Should().Equal(1);
    }

    [Fact]
    public void Options_Invalid_ReportEveryProblem()
    {
        var create = () => EventSubscription<Ping>.Create(Sys, new EventSubscriptionOptions { Capacity = 0, OverflowPolicy = (OverflowPolicy)42 });
        create.Should().Throw<ArgumentException>().WithMessage("*Capacity: 0*OverflowPolicy: 42*");
    }

    private static List<int> Drain(EventSubscription<Ping> events)
    {
        var read = new List<int>();
        while (events.Reader.TryRead(out var e))
        {
            read.Add(e.N);
        }

        return read;
    }
}
