using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace IoActors.Host.Sse;

/// <summary>
/// One connected event-stream client: its filter and its queue, bounded in events and in bytes. A client that falls
/// too far behind is dropped: its queue completes and <see cref="Cutoff"/> fires after the grace period, which ends its
/// connection whatever is still unsent.
/// </summary>
internal sealed class SseClient
{
    private readonly IReadOnlySet<string>? _types;
    private readonly Channel<SseEvent> _queue;
    private readonly CancellationTokenSource _cutoff = new();
    private long _queuedBytes;
    private volatile bool _overflowed;

    public SseClient(string id, IReadOnlySet<string>? types, int capacity)
    {
        Id = id;
        _types = types;
        _queue = Channel.CreateBounded<SseEvent>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        Reader = new QueueReader(this);
    }

    public string Id { get; }

    /// <summary>The queued events; reading one releases its bytes.</summary>
    public ChannelReader<SseEvent> Reader { get; }

    /// <summary>Set when the client was dropped as too slow: it gets a final "overflow" event and is disconnected.</summary>
    public bool Overflowed => _overflowed;

    /// <summary>Bytes of event data queued and not read yet.</summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>Fires when the client's connection must end: the grace period after a drop ran out.</summary>
    public CancellationToken Cutoff => _cutoff.Token;

    /// <summary>Events the client asked to resume after that had already left the replay buffer.</summary>
    public long Missed { get; set; }

    /// <summary>
    /// Whether the Last-Event-ID asked for is past the last event this stream numbered: it came from an earlier run of the
    /// host, whose numbers this one reuses, so the client must load everything again.
    /// </summary>
    public bool Reset { get; set; }

    /// <summary>Whether the filter takes an event type (exact name or a prefix ending in '*', case-insensitive).</summary>
    public bool Accepts(string type)
    {
        if (_types is null)
        {
            return true;
        }

        foreach (var t in _types)
        {
            if (t.EndsWith('*') ? type.StartsWith(t[..^1], StringComparison.OrdinalIgnoreCase) : string.Equals(t, type, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Queues an event unless that would take the client over <paramref name="maxBytes"/> or its event capacity.</summary>
    public bool TryEnqueue(SseEvent e, long maxBytes)
    {
        if (QueuedBytes + e.Bytes > maxBytes || !_queue.Writer.TryWrite(e))
        {
            return false;
        }

        Interlocked.Add(ref _queuedBytes, e.Bytes);
        return true;
    }

    /// <summary>Drops the client: no more events; what is queued may still go out until <see cref="Cutoff"/> fires after <paramref name="grace"/>.</summary>
    public void Drop(TimeSpan grace, TimeProvider time)
    {
        _overflowed = true;
        _queue.Writer.TryComplete();
        var timer = time.CreateTimer(_ => Cut(), null, grace, Timeout.InfiniteTimeSpan);
        _cutoff.Token.Register(timer.Dispose);
    }

    /// <summary>Ends the queue (the client disconnected or the hub closes).</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Releases the cutoff timer once the connection has ended.</summary>
    public void Close() => Cut();

    private void Cut()
    {
        try
        {
            _cutoff.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private sealed class QueueReader(SseClient client) : ChannelReader<SseEvent>
    {
        public override Task Completion => client._queue.Reader.Completion;

        public override bool CanCount => true;

        public override int Count => client._queue.Reader.Count;

        public override bool TryRead([MaybeNullWhen(false)] out SseEvent item)
        {
            if (!client._queue.Reader.TryRead(out item))
            {
                return false;
            }

            Interlocked.Add(ref client._queuedBytes, -item.Bytes);
            return true;
        }

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => client._queue.Reader.WaitToReadAsync(cancellationToken);
    }
}
