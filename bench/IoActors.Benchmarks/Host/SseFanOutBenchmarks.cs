using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using BenchmarkDotNet.Attributes;
using IoActors.Apps.Definitions;
using IoActors.Benchmarks.Running;
using IoActors.Host.Hosting;
using IoActors.Host.Sse;
using IoActors.Platform.Instances;

namespace IoActors.Benchmarks.Host;

/// <summary>
/// Server-sent event fan-out: 10 000 platform events (<see cref="InstanceStarted"/>, ≈ 300 bytes of JSON each) to 50
/// connected subscribers that keep up (each drains its queue on its own task). Every row does the same work: each event
/// is serialized once with the API's JSON options, numbered and queued for every subscriber, in bursts of 1 000; the next
/// burst starts when every subscriber has taken the previous one (a subscriber's queue holds 4 096). Every subscriber must
/// receive every event, in order, with contiguous ids, the last one carrying the last event's payload — a loss, a
/// reorder or a slow-subscriber disconnect fails the run.
/// <list type="bullet">
/// <item><see cref="RawChannels"/> (baseline): the numbered payloads through 50 unbounded single-reader channels.</item>
/// <item><see cref="EventHubFanOut"/>: the host's event hub (time stamp, replay buffer, filters, per-client queues
/// bounded in events and bytes).</item>
/// <item><see cref="AkkaEventStreamFanOut"/>: the platform's path: the events published on Akka's event stream, through
/// the hub's <c>EventSubscription</c> bridge (the hub serializes them), to the same hub and subscribers.</item>
/// </list>
/// The HTTP writes are not measured.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class SseFanOutBenchmarks
{
    /// <summary>Subscribers.</summary>
    public const int Subscribers = 50;

    /// <summary>Events per invocation.</summary>
    public const int Events = 10_000;

    private const int Burst = 1_000;
    private const string EventType = nameof(InstanceStarted);

    private readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);
    private InstanceStarted[] _events = [];
    private ActorSystem _system = null!;

    // Events delivered to all subscribers so far, and the signal that a burst has been drained.
    private long _delivered;
    private long _target;
    private TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Builds the events and the actor system.</summary>
    [GlobalSetup]
    public void Setup()
    {
        PlatformHost.ConfigureJson(_json);
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        _events = Enumerable.Range(1, Events)
            .Select(i => new InstanceStarted(new InstanceInfo(
                $"client-list-{i}", "client-list", AppType.Exe, i, $"Client List {i}", InstanceState.Running, 10_000 + i, false, null,
                StartedBy.AutoStart, at.AddMilliseconds(i), 0)))
            .ToArray();
        _system = ActorSystem.Create("sse-bench", "akka.coordinated-shutdown.run-by-clr-shutdown-hook = off\nakka.loglevel = WARNING");
    }

    /// <summary>Terminates the actor system.</summary>
    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    /// <summary>Raw channels: the serialized, numbered events through one unbounded single-reader channel per subscriber.</summary>
    [Benchmark(Baseline = true)]
    public async Task RawChannels()
    {
        var channels = Enumerable.Range(0, Subscribers).Select(_ => Channel.CreateUnbounded<RawEvent>(new UnboundedChannelOptions { SingleReader = true })).ToArray();
        var readers = channels.Select(c => Drain(c.Reader, e => e.Id, e => e.Data)).ToArray();
        long id = 0;
        await InBurstsAsync(i =>
        {
            var e = new RawEvent(++id, EventType, JsonSerializer.Serialize(_events[i], _json));
            foreach (var c in channels)
            {
                c.Writer.TryWrite(e);
            }
        });
        foreach (var c in channels)
        {
            c.Writer.TryComplete();
        }

        await Task.WhenAll(readers);
    }

    /// <summary>The host's event hub with 50 connected subscribers, each event serialized and published to it.</summary>
    [Benchmark]
    public async Task EventHubFanOut()
    {
        await using var hub = new EventHub(new SseOptions { ClientCapacity = 4096 }, _json);
        var clients = Connect(hub);
        await InBurstsAsync(i => hub.Publish(EventType, JsonSerializer.Serialize(_events[i], _json)));
        await FinishAsync(hub, clients);
    }

    /// <summary>The events published on Akka's event stream, through the hub's subscription, to the same hub and subscribers.</summary>
    [Benchmark]
    public async Task AkkaEventStreamFanOut()
    {
        await using var hub = new EventHub(new SseOptions { ClientCapacity = 4096 }, _json);
        hub.Attach(_system);
        var clients = Connect(hub);
        await InBurstsAsync(i => _system.EventStream.Publish(_events[i]));
        await FinishAsync(hub, clients);
    }

    private Task[] Connect(EventHub hub) =>
        Enumerable.Range(0, Subscribers).Select(_ => hub.Connect(null, null)).Select(c => Drain(c.Reader, e => e.Id, e => e.Data)).ToArray();

    private async Task FinishAsync(EventHub hub, Task[] readers)
    {
        if (hub.LastId != Events || hub.SlowClientsDisconnected != 0)
        {
            throw new InvalidOperationException($"the hub numbered {hub.LastId} of {Events} events and disconnected {hub.SlowClientsDisconnected} subscribers as too slow");
        }

        // Disposing the hub completes every subscriber's queue; each reader then checks what it got.
        await hub.DisposeAsync();
        await Task.WhenAll(readers);
    }

    private async Task InBurstsAsync(Action<int> publish)
    {
        _delivered = 0;
        for (var sent = 0; sent < Events; sent += Burst)
        {
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _target, (long)(sent + Burst) * Subscribers);
            for (var i = sent; i < sent + Burst; i++)
            {
                publish(i);
            }

            if (Interlocked.Read(ref _delivered) < Volatile.Read(ref _target))
            {
                await _drained.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
    }

    private Task Drain<T>(ChannelReader<T> reader, Func<T, long> id, Func<T, string> data) => Task.Run(async () =>
    {
        long expected = 1;
        var last = "";
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var e))
            {
                if (id(e) != expected)
                {
                    throw new InvalidOperationException($"event {expected} was lost or reordered (got {id(e)})");
                }

                expected++;
                last = data(e);
                if (Interlocked.Increment(ref _delivered) == Volatile.Read(ref _target))
                {
                    _drained.TrySetResult();
                }
            }
        }

        if (expected != Events + 1)
        {
            throw new InvalidOperationException($"a subscriber received {expected - 1} of {Events} events");
        }

        if (!last.Contains($"\"{_events[^1].Instance.Id}\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the last event a subscriber received is not the last one published: {last}");
        }
    });

    /// <summary>A numbered event as the baseline queues it.</summary>
    private sealed record RawEvent(long Id, string Type, string Data);
}
