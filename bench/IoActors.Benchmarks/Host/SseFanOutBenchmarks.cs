using System.Text.Json;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using IoActors.Host.Sse;

namespace IoActors.Benchmarks.Host;

/// <summary>
/// Server-sent event fan-out: 10 000 events published to 50 connected subscribers that keep up (each drains its queue
/// on its own task). Events are published in bursts of 1 000; a subscriber that keeps up has drained a burst before the
/// next (its queue holds 4 096). Every subscriber must receive every event, in order, with contiguous ids — a loss or a
/// slow-subscriber disconnect fails the run.
/// The baseline fans the same events out through 50 unbounded single-reader channels in the same run. This measures the
/// hub (numbering, replay buffer, per-client bounded queues, filters), not the HTTP writes.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
[MemoryDiagnoser]
public class SseFanOutBenchmarks
{
    /// <summary>Subscribers.</summary>
    public const int Subscribers = 50;

    /// <summary>Events per invocation.</summary>
    public const int Events = 10_000;

    private const int Burst = 1_000;

    // Events delivered to all subscribers so far, and the signal that a burst has been drained.
    private long _delivered;
    private long _target;
    private TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private const string Payload = "{\"sequence\":1,\"app\":{\"name\":\"client-list\",\"store\":\"store-0\"}}";

    /// <summary>Plain channels: one unbounded single-reader channel per subscriber.</summary>
    [Benchmark(Baseline = true)]
    public async Task RawChannels()
    {
        var channels = Enumerable.Range(0, Subscribers).Select(_ => Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true })).ToArray();
        var readers = channels.Select(c => Drain(c.Reader)).ToArray();
        for (long i = 1; i <= Events; i++)
        {
            foreach (var c in channels)
            {
                c.Writer.TryWrite(i);
            }
        }

        foreach (var c in channels)
        {
            c.Writer.TryComplete();
        }

        await Task.WhenAll(readers);
    }

    /// <summary>The host's event hub with 50 connected subscribers.</summary>
    [Benchmark]
    public async Task EventHubFanOut()
    {
        await using var hub = new EventHub(new SseOptions { ClientCapacity = 4096 }, new JsonSerializerOptions());
        var clients = Enumerable.Range(0, Subscribers).Select(_ => hub.Connect(null, null)).ToArray();
        _delivered = 0;
        var readers = clients.Select(c => Drain(c.Reader)).ToArray();
        for (var sent = 0; sent < Events; sent += Burst)
        {
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _target, (long)(sent + Burst) * Subscribers);
            for (var i = 0; i < Burst; i++)
            {
                hub.Publish("AppChanged", Payload);
            }

            if (Interlocked.Read(ref _delivered) < Volatile.Read(ref _target))
            {
                await _drained.Task;
            }
        }

        foreach (var c in clients)
        {
            hub.Disconnect(c);
        }

        await Task.WhenAll(readers);
        if (hub.SlowClientsDisconnected != 0)
        {
            throw new InvalidOperationException($"{hub.SlowClientsDisconnected} subscribers were disconnected as too slow");
        }
    }

    private static Task Drain(ChannelReader<long> reader) => Task.Run(async () =>
    {
        long expected = 1;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var id))
            {
                Check(id, ref expected);
            }
        }

        Done(expected);
    });

    private Task Drain(ChannelReader<SseEvent> reader) => Task.Run(async () =>
    {
        long expected = -1;
        var received = 0;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var e))
            {
                if (expected == -1)
                {
                    expected = e.Id;
                }

                Check(e.Id, ref expected);
                received++;
                if (Interlocked.Increment(ref _delivered) == Volatile.Read(ref _target))
                {
                    _drained.TrySetResult();
                }
            }
        }

        if (received != Events)
        {
            throw new InvalidOperationException($"a subscriber received {received} of {Events} events");
        }
    });

    private static void Check(long id, ref long expected)
    {
        if (id != expected)
        {
            throw new InvalidOperationException($"event {expected} was lost or reordered (got {id})");
        }

        expected++;
    }

    private static void Done(long expected)
    {
        if (expected != Events + 1)
        {
            throw new InvalidOperationException($"a subscriber received {expected - 1} of {Events} events");
        }
    }
}
