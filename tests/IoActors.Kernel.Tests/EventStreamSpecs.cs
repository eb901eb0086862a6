using FluentAssertions;
using IoActors.Kernel.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests;

public sealed class EventStreamSpecs(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact]
    public void Subscribe_BaseType_ReceivesSubtypeEvents()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(Animal)).Should().BeTrue();

        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish("not an animal");

        ExpectMsg(new Dog("rex"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Subscribe_Twice_SecondReturnsFalseAndDeliversOnce()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(Dog)).Should().BeTrue();
        Sys.EventStream.Subscribe(TestActor, typeof(Dog)).Should().BeFalse();

        Sys.EventStream.Publish(new Dog("rex"));

        ExpectMsg(new Dog("rex"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Unsubscribe_Channel_StopsDelivery()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(Dog));
        Sys.EventStream.Subscribe(TestActor, typeof(string));

        Sys.EventStream.Unsubscribe(TestActor, typeof(Dog)).Should().BeTrue();
        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish("still here");

        ExpectMsg("still here");
        Sys.EventStream.Unsubscribe(TestActor).Should().BeTrue();
        Sys.EventStream.Publish("gone");
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void StoppedSubscriber_IsRemovedAutomatically()
    {
        var subscriber = Sys.ActorOf(Props.Create<EchoActor>());
        Sys.EventStream.Subscribe(subscriber, typeof(Dog));
        Watch(subscriber);
        Sys.Stop(subscriber);
        ExpectTerminated(subscriber);

        Sys.EventStream.Unsubscribe(subscriber).Should().BeFalse("the stopped subscriber was already removed");
    }

    [Fact]
    public void MessageToStoppedActor_BecomesDeadLetterNotException()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var actor = Sys.ActorOf(Props.Create<EchoActor>(), "stopped");
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);

        actor.Tell("anyone?", TestActor);

        var deadLetter = ExpectMsg<DeadLetter>();
        deadLetter.Message.Should().Be("anyone?");
        deadLetter.Sender.Should().Be(TestActor);
        deadLetter.Recipient.Should().Be(actor);
    }

    [Fact]
    public void MessageToNobody_FromActor_BecomesDeadLetter()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));

        ActorRefs.Nobody.Tell("void", TestActor);

        ExpectMsg<DeadLetter>().Recipient.Should().Be(ActorRefs.Nobody);
    }

    [Fact]
    public async Task Bridge_Subscribe_ReadsEventsInOrder()
    {
        await using var subscription = Sys.EventStream.Subscribe<Animal>();

        Sys.EventStream.Publish(new Dog("a"));
        Sys.EventStream.Publish(new Dog("b"));

        var read = new List<Animal>();
        await foreach (var e in subscription.ReadAllAsync())
        {
            read.Add(e);
            if (read.Count == 2)
            {
                break;
            }
        }

        read.Should().Equal(new Dog("a"), new Dog("b"));
    }

    [Fact]
    public async Task Bridge_DropOldest_KeepsNewestAndCountsDrops()
    {
        await using var subscription = Sys.EventStream.Subscribe<int>(new EventStreamSubscriptionOptions { Capacity = 3, OverflowPolicy = OverflowPolicy.DropOldest });

        for (var i = 1; i <= 5; i++)
        {
            Sys.EventStream.Publish(i);
        }

        Drain(subscription).Should().Equal(3, 4, 5);
        subscription.Dropped.Should().Be(2);
    }

    [Fact]
    public async Task Bridge_DropNewest_KeepsOldestAndCountsDrops()
    {
        await using var subscription = Sys.EventStream.Subscribe<int>(new EventStreamSubscriptionOptions { Capacity = 3, OverflowPolicy = OverflowPolicy.DropNewest });

        for (var i = 1; i <= 5; i++)
        {
            Sys.EventStream.Publish(i);
        }

        Drain(subscription).Should().Equal(1, 2, 3);
        subscription.Dropped.Should().Be(2);
    }

    [Fact]
    public async Task Bridge_Disconnect_CompletesReaderWithOverflowException()
    {
        await using var subscription = Sys.EventStream.Subscribe<int>(new EventStreamSubscriptionOptions { Capacity = 2, OverflowPolicy = OverflowPolicy.Disconnect });

        for (var i = 1; i <= 3; i++)
        {
            Sys.EventStream.Publish(i);
        }

        Drain(subscription).Should().Equal(1, 2);
        var act = async () => await subscription.Reader.WaitToReadAsync();
        (await act.Should().ThrowAsync<EventStreamOverflowException>()).Which.Capacity.Should().Be(2);
        var completion = () => subscription.Reader.Completion;
        await completion.Should().ThrowAsync<EventStreamOverflowException>();
    }

    [Fact]
    public async Task Bridge_Disposed_ReaderCompletesAndNoLongerReceives()
    {
        var subscription = Sys.EventStream.Subscribe<int>();
        await subscription.DisposeAsync();

        Sys.EventStream.Publish(1);

        (await subscription.Reader.WaitToReadAsync()).Should().BeFalse();
        subscription.Reader.Completion.IsCompletedSuccessfully.Should().BeTrue();
    }

    [Fact]
    public async Task Bridge_ReaderWaiting_WakesOnPublish()
    {
        await using var subscription = Sys.EventStream.Subscribe<string>();
        var waiting = subscription.Reader.WaitToReadAsync().AsTask();
        waiting.IsCompleted.Should().BeFalse();

        Sys.EventStream.Publish("wake");

        (await waiting.WaitAsync(Dilated(TimeSpan.FromSeconds(5)))).Should().BeTrue();
        subscription.Reader.TryRead(out var value).Should().BeTrue();
        value.Should().Be("wake");
    }

    [Fact]
    public void BridgeOptions_Invalid_ReportsEveryProblem()
    {
        var act = () => Sys.EventStream.Subscribe<int>(new EventStreamSubscriptionOptions { Capacity = 0, OverflowPolicy = (OverflowPolicy)42 });

        act.Should().Throw<ArgumentException>().WithMessage("*Capacity: 0*OverflowPolicy: 42*");
    }

    private static List<int> Drain(EventStreamSubscription<int> subscription)
    {
        var items = new List<int>();
        while (subscription.Reader.TryRead(out var item))
        {
            items.Add(item);
        }

        return items;
    }

    public abstract record Animal(string Name);

    public sealed record Dog(string Name) : Animal(Name);
}
