using System.Text.Json;
using System.Threading.Channels;
using IoActors.Kernel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IoActors.Host.Sse;

/// <summary>
/// Turns the platform's registry, store, instance and boot events into numbered server-sent events: a bounded replay
/// buffer for <c>Last-Event-ID</c>, and one bounded queue per client; a client whose queue overflows is cut off.
/// </summary>
internal sealed class EventHub : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Queue<SseEvent> _replay = new();
    private readonly List<SseClient> _clients = [];
    private readonly SseOptions _options;
    private readonly JsonSerializerOptions _json;
    private readonly ILogger _log;
    private EventStreamSubscription<object>? _subscription;
    private Task? _pump;
    private long _lastId;
    private int _disposed;
    private long _slowDisconnects;

    public EventHub(SseOptions options, JsonSerializerOptions json, ILogger? log = null)
    {
        _options = options;
        _json = json;
        _log = log ?? NullLogger.Instance;
    }

    /// <summary>How many clients were disconnected for being too slow.</summary>
    public long SlowClientsDisconnected => Interlocked.Read(ref _slowDisconnects);

    /// <summary>The last event ID assigned.</summary>
    public long LastId => Interlocked.Read(ref _lastId);

    /// <summary>Subscribes to the actor system's event stream (called before the platform's actors start).</summary>
    public void Attach(ActorSystem system)
    {
        _subscription = system.EventStream.Subscribe<object>(new EventStreamSubscriptionOptions { Capacity = 65536 });
        var subscription = _subscription;
        _pump = Task.Run(async () =>
        {
            await foreach (var e in subscription.ReadAllAsync().ConfigureAwait(false))
            {
                if (IsPlatformEvent(e))
                {
                    Publish(e.GetType().Name, Serialize(e));
                }
            }
        });
    }

    /// <summary>Whether an event is one the stream carries (public registry, store, instance and boot events).</summary>
    public static bool IsPlatformEvent(object e)
    {
        var type = e.GetType();
        var ns = type.Namespace ?? string.Empty;
        return type.IsPublic && (ns.StartsWith("IoActors.Apps", StringComparison.Ordinal) || ns.StartsWith("IoActors.Platform", StringComparison.Ordinal));
    }

    /// <summary>Numbers an event, keeps it for replay and queues it for every client whose filter takes it.</summary>
    public void Publish(string type, string data)
    {
        lock (_gate)
        {
            var e = new SseEvent(++_lastId, type, data);
            _replay.Enqueue(e);
            while (_replay.Count > _options.ReplayCapacity)
            {
                _replay.Dequeue();
            }

            for (var i = _clients.Count - 1; i >= 0; i--)
            {
                var client = _clients[i];
                if (client.Accepts(type) && !client.Queue.Writer.TryWrite(e))
                {
                    client.Overflowed = true;
                    client.Queue.Writer.TryComplete();
                    _clients.RemoveAt(i);
                    Interlocked.Increment(ref _slowDisconnects);
                    _log.LogWarning("SSE client {Client} too slow ({Capacity} events queued); disconnected", client.Id, _options.ClientCapacity);
                }
            }
        }
    }

    /// <summary>Connects a client: it first gets the buffered events after <paramref name="lastEventId"/>, then live ones, with no gap.</summary>
    public SseClient Connect(long? lastEventId, IReadOnlySet<string>? types)
    {
        var client = new SseClient(Guid.NewGuid().ToString("N")[..8], types, Channel.CreateBounded<SseEvent>(new BoundedChannelOptions(_options.ClientCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait }));
        lock (_gate)
        {
            if (lastEventId is { } after)
            {
                var oldest = _replay.Count > 0 ? _replay.Peek().Id : _lastId + 1;
                if (after + 1 < oldest)
                {
                    client.Missed = oldest - after - 1;
                }

                foreach (var e in _replay)
                {
                    if (e.Id > after && client.Accepts(e.Type) && !client.Queue.Writer.TryWrite(e))
                    {
                        client.Overflowed = true;
                        client.Queue.Writer.TryComplete();
                        return client;
                    }
                }
            }

            _clients.Add(client);
        }

        return client;
    }

    /// <summary>Disconnects a client.</summary>
    public void Disconnect(SseClient client)
    {
        lock (_gate)
        {
            _clients.Remove(client);
        }

        client.Queue.Writer.TryComplete();
    }

    private string Serialize(object e)
    {
        try
        {
            return JsonSerializer.Serialize(e, e.GetType(), _json);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException or ArgumentException)
        {
            return JsonSerializer.Serialize(new { text = e.ToString() }, _json);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_subscription is not null)
        {
            await _subscription.DisposeAsync().ConfigureAwait(false);
        }

        if (_pump is not null)
        {
            await _pump.ConfigureAwait(false);
        }

        lock (_gate)
        {
            foreach (var client in _clients)
            {
                client.Queue.Writer.TryComplete();
            }

            _clients.Clear();
        }
    }
}
