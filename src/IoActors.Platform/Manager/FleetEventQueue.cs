using System.Text;

namespace IoActors.Platform.Manager;

/// <summary>One queued event: its JSON text (an item of <c>events</c>), its UTF-8 size and when the platform saw it.</summary>
/// <param name="Json">The event's JSON text.</param>
/// <param name="Bytes">The UTF-8 size of <paramref name="Json"/>.</param>
/// <param name="At">When the platform saw it.</param>
internal readonly record struct FleetQueuedEvent(string Json, int Bytes, DateTimeOffset At);

/// <summary>
/// The events waiting for io.Manager, oldest first, bounded by count and by bytes of JSON: an event that would pass either
/// bound pushes out the oldest ones, which are counted in <see cref="Dropped"/> until a batch carrying that count is
/// accepted. Not thread-safe (the reporter actor owns it).
/// </summary>
internal sealed class FleetEventQueue
{
    private readonly Queue<FleetQueuedEvent> _events = new();
    private readonly int _maxCount;
    private readonly long _maxBytes;

    /// <param name="maxCount">The most events waiting (at least 1).</param>
    /// <param name="maxBytes">The most bytes of JSON waiting (at least one event's).</param>
    public FleetEventQueue(int maxCount, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        _maxCount = maxCount;
        _maxBytes = maxBytes;
    }

    /// <summary>How many events wait.</summary>
    public int Count => _events.Count;

    /// <summary>The bytes of JSON waiting.</summary>
    public long Bytes { get; private set; }

    /// <summary>How many events were dropped since the last batch that carried the count was accepted.</summary>
    public long Dropped { get; private set; }

    /// <summary>When the oldest waiting event was seen, or <see langword="null"/> when none waits.</summary>
    public DateTimeOffset? OldestAt => _events.TryPeek(out var head) ? head.At : null;

    /// <summary>Queues an event, dropping the oldest while a bound would be passed; returns how many were dropped now.</summary>
    public int Enqueue(string json, DateTimeOffset at)
    {
        var bytes = Encoding.UTF8.GetByteCount(json);
        var dropped = 0;
        if (bytes > _maxBytes)
        {
            // Larger than the whole queue: it is the one dropped.
            Dropped++;
            return 1;
        }

        while (_events.Count > 0 && (_events.Count + 1 > _maxCount || Bytes + bytes > _maxBytes))
        {
            Bytes -= _events.Dequeue().Bytes;
            dropped++;
        }

        _events.Enqueue(new FleetQueuedEvent(json, bytes, at));
        Bytes += bytes;
        Dropped += dropped;
        return dropped;
    }

    /// <summary>
    /// Takes the oldest events for a batch: at most <paramref name="maxEvents"/>, and no more than <paramref name="maxBytes"/>
    /// of JSON (but at least one); the dropped count goes with them and starts again from zero.
    /// </summary>
    public (List<FleetQueuedEvent> Events, long Dropped) Take(int maxEvents, long maxBytes)
    {
        var taken = new List<FleetQueuedEvent>(Math.Min(maxEvents, _events.Count));
        long size = 0;
        while (taken.Count < maxEvents && _events.TryPeek(out var next) && (taken.Count == 0 || size + next.Bytes <= maxBytes))
        {
            _events.Dequeue();
            Bytes -= next.Bytes;
            size += next.Bytes;
            taken.Add(next);
        }

        var dropped = Dropped;
        Dropped = 0;
        return (taken, dropped);
    }

    /// <summary>Counts again drops a batch carried that io.Manager did not accept (it refused the batch for good).</summary>
    public void Restore(long dropped) => Dropped += dropped;
}
