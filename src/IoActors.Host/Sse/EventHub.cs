using System.Globalization;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using IoActors.Platform.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IoActors.Host.Sse;

/// <summary>
/// Turns the platform's registry, store, instance and boot events into numbered, timestamped server-sent events: a
/// replay buffer for <c>Last-Event-ID</c>, and one queue per client, both bounded in events and in bytes; a client whose
/// queue overflows is cut off and its connection ends.
/// </summary>
internal sealed class EventHub : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Queue<SseEvent> _replay = new();
    private readonly List<SseClient> _clients = [];
    private readonly SseOptions _options;
    private readonly JsonSerializerOptions _json;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private EventSubscription<object>? _subscription;
    private Task? _pump;
    private long _lastId;
    private long _replayBytes;
    private int _disposed;
    private long _slowDisconnects;

    public EventHub(SseOptions options, JsonSerializerOptions json, ILogger? log = null, TimeProvider? time = null)
    {
        _options = options;
        _json = json;
        _log = log ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Raised when a client's stream has ended (it left, was cut off, or the hub closed).</summary>
    public event Action<SseClient>? Disconnected;

    /// <summary>How many clients were disconnected for being too slow.</summary>
    public long SlowClientsDisconnected => Interlocked.Read(ref _slowDisconnects);

    /// <summary>How long a client's stream may stay quiet before a keep-alive comment goes out.</summary>
    public TimeSpan Heartbeat => _options.Heartbeat;

    /// <summary>The last event ID assigned.</summary>
    public long LastId => Interlocked.Read(ref _lastId);

    /// <summary>Subscribes to the actor system's event stream (called before the platform's actors start); events are stamped with the hub's clock.</summary>
    public void Attach(ActorSystem system)
    {
        _subscription = EventSubscription<object>.Create(system, new EventSubscriptionOptions { Capacity = 65536 });
        var subscription = _subscription;
        _pump = Task.Run(async () =>
        {
            await foreach (var e in subscription.ReadAllAsync().ConfigureAwait(false))
            {
                if (IsPlatformEvent(e))
                {
                    // One event that cannot be turned into JSON must not end the stream for every client.
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

    /// <summary>Numbers an event, stamps it with the current time, keeps it for replay and queues it for every client whose filter takes it.</summary>
    /// <param name="type">The event type.</param>
    /// <param name="data">The event as JSON; an object gets <c>time</c> as its first member, anything else is wrapped as <c>{"time", "value"}</c>.</param>
    public void Publish(string type, string data)
    {
        var stamped = Stamp(_time.GetUtcNow(), data);
        var bytes = Encoding.UTF8.GetByteCount(stamped);
        lock (_gate)
        {
            var e = new SseEvent(++_lastId, type, stamped, bytes);
            _replay.Enqueue(e);
            _replayBytes += bytes;
            while (_replay.Count > _options.ReplayCapacity || (_replayBytes > _options.ReplayMaxBytes && _replay.Count > 1))
            {
                _replayBytes -= _replay.Dequeue().Bytes;
            }

            for (var i = _clients.Count - 1; i >= 0; i--)
            {
                var client = _clients[i];
                if (client.Accepts(type) && !client.TryEnqueue(e, _options.ClientMaxBytes))
                {
                    _clients.RemoveAt(i);
                    Drop(client);
                }
            }
        }
    }

    /// <summary>Connects a client: it first gets the buffered events after <paramref name="lastEventId"/>, then live ones, with no gap.</summary>
    public SseClient Connect(long? lastEventId, IReadOnlySet<string>? types)
    {
        var client = new SseClient(Guid.NewGuid().ToString("N")[..8], types, _options.ClientCapacity);
        lock (_gate)
        {
            if (lastEventId is { } after)
            {
                var oldest = _replay.Count > 0 ? _replay.Peek().Id : _lastId + 1;
                client.Reset = after > _lastId;
                if (after + 1 < oldest)
                {
                    client.Missed = oldest - after - 1;
                }

                foreach (var e in _replay)
                {
                    if (e.Id > after && client.Accepts(e.Type) && !client.TryEnqueue(e, _options.ClientMaxBytes))
                    {
                        Drop(client);
                        return client;
                    }
                }
            }

            _clients.Add(client);
        }

        return client;
    }

    /// <summary>Disconnects a client (its stream has ended).</summary>
    public void Disconnect(SseClient client)
    {
        lock (_gate)
        {
            _clients.Remove(client);
        }

        client.Complete();
        client.Close();
        Disconnected?.Invoke(client);
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
                client.Complete();
            }

            _clients.Clear();
        }
    }

    private static string Stamp(DateTimeOffset time, string data)
    {
        var stamp = "\"time\":\"" + time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "\"";
        var body = data.AsSpan().Trim();
        if (body.Length >= 2 && body[0] == '{' && body[^1] == '}')
        {
            var rest = body[1..].TrimStart();
            return rest[0] == '}' ? "{" + stamp + "}" : string.Concat("{", stamp, ",", rest);
        }

        return "{" + stamp + ",\"value\":" + data + "}";
    }

    private void Drop(SseClient client)
    {
        client.Drop(_options.DisconnectGrace, _time);
        Interlocked.Increment(ref _slowDisconnects);
        _log.LogWarning("SSE client {Client} too slow ({Capacity} events or {Bytes} bytes queued); disconnected", client.Id, _options.ClientCapacity, _options.ClientMaxBytes);
    }

    private string Serialize(object e)
    {
        try
        {
            return JsonSerializer.Serialize(e, e.GetType(), _json);
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "Event {Type} could not be serialized; it is streamed without its content", e.GetType().Name);
            return JsonSerializer.Serialize(new { error = $"the event could not be serialized: {ex.Message}" }, _json);
        }
    }
}
