using System.Runtime.CompilerServices;
using System.Threading.Channels;
using IoActors.Kernel.Internal;

namespace IoActors.Kernel;

/// <summary>
/// A bounded subscription of non-actor code to the event stream. Read through <see cref="Reader"/> or
/// <see cref="ReadAllAsync"/>; dispose to unsubscribe (the reader then completes).
/// </summary>
/// <typeparam name="T">The event type (subtypes included).</typeparam>
public sealed class EventStreamSubscription<T> : IAsyncDisposable
{
    private readonly EventStream _stream;
    private readonly BoundedEventBuffer<T> _buffer;

    internal EventStreamSubscription(EventStream stream, EventStreamSubscriptionOptions options)
    {
        _stream = stream;
        _buffer = new BoundedEventBuffer<T>(options.Capacity, options.OverflowPolicy);
    }

    /// <summary>The buffered events.</summary>
    public ChannelReader<T> Reader => _buffer;

    /// <summary>How many events were dropped by the overflow policy.</summary>
    public long Dropped => _buffer.Dropped;

    internal IEventSink Sink => _buffer;

    /// <summary>Reads events until the subscription ends or <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The events, in publication order.</returns>
    public async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await _buffer.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_buffer.TryRead(out var item))
            {
                yield return item;
            }
        }
    }

    /// <summary>Unsubscribes and completes the reader.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        _stream.RemoveSink(_buffer);
        _buffer.Complete(null);
        return ValueTask.CompletedTask;
    }
}
