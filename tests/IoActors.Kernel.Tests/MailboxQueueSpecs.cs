using System.Collections.Concurrent;
using FluentAssertions;
using IoActors.Kernel.Internal;
using IoActors.Kernel.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests;

/// <summary>The segmented user-message queue on its own, and the cell behaviours that depend on it.</summary>
public sealed class MailboxQueueSpecs(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact]
    public void Queue_Empty_HasNothing()
    {
        var queue = new QueueBox();

        queue.Queue.HasClaimed().Should().BeFalse();
        queue.Queue.TryDequeue(out _, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(1_000)]
    public void Queue_KeepingNInFlight_DeliversEverythingInOrderAcrossSegmentBoundaries(int inFlight)
    {
        var queue = new QueueBox();
        var sender = new TestSender();
        const int total = 5_000;
        var sent = 0;
        var expected = 0;
        for (; sent < inFlight; sent++)
        {
            queue.Queue.Enqueue(sent, sender);
        }

        while (expected < total)
        {
            queue.Queue.HasClaimed().Should().BeTrue();
            queue.Queue.TryDequeue(out var message, out var from).Should().BeTrue();
            message.Should().Be(expected++);
            from.Should().BeSameAs(sender);
            if (sent < total)
            {
                queue.Queue.Enqueue(sent++, sender);
            }
        }

        queue.Queue.HasClaimed().Should().BeFalse();
        queue.Queue.TryDequeue(out _, out _).Should().BeFalse();
    }

    [Fact]
    public void Queue_BurstsOfGrowingSize_AreDrainedInOrder()
    {
        var queue = new QueueBox();
        var next = 0;
        var expected = 0;
        for (var burst = 1; burst <= 600; burst += 37)
        {
            for (var i = 0; i < burst; i++)
            {
                queue.Queue.Enqueue(next++, null);
            }

            // Drain only part of the burst, so the rest straddles the next burst's segments.
            for (var i = 0; i < burst / 2; i++)
            {
                queue.Queue.TryDequeue(out var message, out _).Should().BeTrue();
                message.Should().Be(expected++);
            }
        }

        while (queue.Queue.TryDequeue(out var message, out _))
        {
            message.Should().Be(expected++);
        }

        expected.Should().Be(next);
        queue.Queue.HasClaimed().Should().BeFalse();
    }

    [Fact]
    public void Segment_PositionsWrapAroundIntMaxValue_StillInOrderAndFreezable()
    {
        var segment = new MailboxSegment(4, int.MaxValue - 5);
        var next = 0;
        var expected = 0;
        for (var lap = 0; lap < 10; lap++)
        {
            for (var i = 0; i < 3; i++)
            {
                segment.TryEnqueue(next++, null).Should().BeTrue();
            }

            for (var i = 0; i < 3; i++)
            {
                segment.TryTake(out var message, out _).Should().BeTrue();
                message.Should().Be(expected++);
            }
        }

        for (var i = 0; i < 4; i++)
        {
            segment.TryEnqueue(next++, null).Should().BeTrue();
        }

        segment.TryEnqueue(next, null).Should().BeFalse("the segment is full");
        segment.TryTake(out var first, out _).Should().BeTrue();
        first.Should().Be(expected++);

        var successor = segment.Grow();
        segment.TryEnqueue(next, null).Should().BeFalse("a frozen segment accepts nothing, even with a free slot");
        successor.TryEnqueue(next, null).Should().BeTrue();
        segment.Grow().Should().BeSameAs(successor);
        for (var i = 0; i < 3; i++)
        {
            segment.TryTake(out var message, out _).Should().BeTrue();
            message.Should().Be(expected++);
        }

        segment.TryTake(out _, out _).Should().BeFalse();
        successor.TryTake(out var last, out _).Should().BeTrue();
        last.Should().Be(next);
    }

    [Theory]
    [InlineData(2, 50_000)]
    [InlineData(8, 20_000)]
    public void Queue_ConcurrentProducersAndConsumer_NoLossNoDuplicateFifoPerProducer(int producers, int perProducer)
    {
        var queue = new QueueBox();
        var senders = Enumerable.Range(0, producers).Select(_ => new TestSender()).ToArray();
        using var start = new Barrier(producers + 1);
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perProducer; i++)
            {
                queue.Queue.Enqueue(new Sequenced(p, i), senders[p]);
                if ((i & 1023) == 0)
                {
                    Thread.Yield();
                }
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        var next = new int[producers];
        var received = 0;
        var violations = new List<string>();
        start.SignalAndWait();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (received < producers * perProducer && DateTime.UtcNow < deadline)
        {
            if (!queue.Queue.TryDequeue(out var message, out var sender))
            {
                Thread.SpinWait(20);
                continue;
            }

            var s = (Sequenced)message;
            if (s.Number != next[s.Sender] && violations.Count < 10)
            {
                violations.Add($"producer {s.Sender}: got {s.Number}, expected {next[s.Sender]}");
            }

            if (!ReferenceEquals(sender, senders[s.Sender]) && violations.Count < 10)
            {
                violations.Add($"producer {s.Sender}: message {s.Number} has the wrong sender");
            }

            next[s.Sender] = s.Number + 1;
            received++;
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        violations.Should().BeEmpty();
        received.Should().Be(producers * perProducer);
        next.Should().AllBeEquivalentTo(perProducer);
        queue.Queue.HasClaimed().Should().BeFalse();
        queue.Queue.TryDequeue(out _, out _).Should().BeFalse();
    }

    [Fact]
    public void Stop_WhileManyProducersTell_EveryMessageIsHandledOrDeadLetteredExactlyOnce()
    {
        const int producers = 4;
        const int perProducer = 10_000;
        var handled = new ConcurrentDictionary<int, byte>();
        var duplicates = 0;
        var dead = new ConcurrentDictionary<int, byte>();
        var collector = Sys.ActorOf(Props.Create(() => new DeadLetterCollector(dead, () => Interlocked.Increment(ref duplicates))));
        Sys.EventStream.Subscribe(collector, typeof(DeadLetter));
        var target = Sys.ActorOf(Props.Create(() => new Recorder(handled, () => Interlocked.Increment(ref duplicates))));

        // Dedicated threads, so the producers neither wait on nor crowd the thread pool the actors run on.
        using var start = new Barrier(producers + 1);
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perProducer; i++)
            {
                target.Tell(p * perProducer + i, ActorRefs.NoSender);
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        start.SignalAndWait();

        // Stop mid-stream: some messages handled, some still queued (drained), some told after the end.
        SpinWait.SpinUntil(() => handled.Count >= 1_000, TimeSpan.FromSeconds(10));
        Sys.Stop(target);
        foreach (var thread in threads)
        {
            thread.Join();
        }

        SpinWait.SpinUntil(() => handled.Count + dead.Count >= producers * perProducer, TimeSpan.FromSeconds(30));

        duplicates.Should().Be(0);
        (handled.Count + dead.Count).Should().Be(producers * perProducer);
        handled.Keys.Intersect(dead.Keys).Should().BeEmpty();
        Output?.WriteLine($"handled {handled.Count}, dead letters {dead.Count}");
    }

    [Fact]
    public void Stash_MoreThanASegmentWhileMessagesKeepArriving_UnstashedGoFirstThenTheMailboxInOrder()
    {
        var seen = new ConcurrentQueue<int>();
        using var done = new CountdownEvent(1);
        const int stashed = 700;
        const int after = 700;
        var actor = Sys.ActorOf(Props.Create(() => new BigGate(seen, stashed + after, done)));
        for (var i = 0; i < stashed; i++)
        {
            actor.Tell(i, ActorRefs.NoSender);
        }

        actor.Tell("open", ActorRefs.NoSender);
        for (var i = stashed; i < stashed + after; i++)
        {
            actor.Tell(i, ActorRefs.NoSender);
        }

        done.Wait(TimeSpan.FromSeconds(20)).Should().BeTrue();
        seen.Should().Equal(Enumerable.Range(0, stashed + after));
    }

    /// <summary>A heap home for the struct queue (the cell embeds it; tests need a stable address too).</summary>
    private sealed class QueueBox
    {
        public MailboxQueue Queue;
    }

    private sealed class TestSender : IActorRef
    {
        public ActorPath Path => throw new NotSupportedException();

        public void Tell(object message, IActorRef? sender) => throw new NotSupportedException();

        public bool Equals(IActorRef? other) => ReferenceEquals(this, other);
    }

    private sealed class Recorder(ConcurrentDictionary<int, byte> handled, Action duplicate) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is int n && !handled.TryAdd(n, 0))
            {
                duplicate();
            }
        }
    }

    private sealed class DeadLetterCollector(ConcurrentDictionary<int, byte> dead, Action duplicate) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is DeadLetter { Message: int n } && !dead.TryAdd(n, 0))
            {
                duplicate();
            }
        }
    }

    /// <summary>Stashes ints until "open", then records every int; signals when it has seen them all.</summary>
    private sealed class BigGate(ConcurrentQueue<int> seen, int expected, CountdownEvent done) : UntypedActor, IWithStash
    {
        private bool _open;

        public IStash Stash { get; set; } = null!;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case int when !_open:
                    Stash.Stash();
                    break;
                case int n:
                    seen.Enqueue(n);
                    if (seen.Count == expected)
                    {
                        done.Signal();
                    }

                    break;
                case "open":
                    _open = true;
                    Stash.UnstashAll();
                    break;
            }
        }
    }
}
