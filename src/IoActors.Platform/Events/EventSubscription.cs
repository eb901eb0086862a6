using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Akka.Actor;

namespace IoActors.Platform.Events;

/// <summary>
/// A bounded subscription of non-actor code (an SSE hub, a C# subscriber, a test) to Akka's event stream: a subscriber
/// reference without a mailbox writes the events of <typeparamref name="T"/> (and subtypes) into a bounded buffer as they
/// are published, so a slow reader never blocks publishers nor holds unbounded memory (see
/// <see cref="EventSubscriptionOptions.OverflowPolicy"/>), and no event published before the system terminates is lost.
/// The subscription is active when <see cref="Create"/> returns: no event published after that is missed. Read through
/// <see cref="Reader"/> or <see cref="ReadAllAsync"/>; dispose to unsubscribe (the reader then completes; it also
/// completes, after the buffered events, when the actor system terminates).
/// </summary>
/// <typeparam name="T">The event type (subtypes included).</typeparam>
/// <example>
/// <code>
/// await using var events = EventSubscription&lt;InstanceEvent&gt;.Create(system);
/// await foreach (var e in events.ReadAllAsync(cancellationToken)) { ... }
/// </code>
/// </example>
public sealed class EventSubscription<T> : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly Channel<T> _channel;
    private readonly IActorRef _sink;
    private long _dropped;
    private int _disposed;

    private EventSubscription(ActorSystem system, EventSubscriptionOptions options)
    {
        _system = system;
        var policy = options.OverflowPolicy;
        var bounded = new BoundedChannelOptions(options.Capacity)
        {
            SingleWriter = false,
            FullMode = policy switch
            {
                OverflowPolicy.DropOldest => BoundedChannelFullMode.DropOldest,
                OverflowPolicy.DropNewest => BoundedChannelFullMode.DropWrite,
                _ => BoundedChannelFullMode.Wait,
            },
        };
        _channel = Channel.CreateBounded<T>(bounded, _ => Interlocked.Increment(ref _dropped));
        var writer = _channel.Writer;
        var capacity = options.Capacity;
        Action<T> offer = policy == OverflowPolicy.Disconnect
            ? e =>
            {
                if (!writer.TryWrite(e))
                {
                    writer.TryComplete(new EventStreamOverflowException(typeof(T), capacity));
                }
            }
            : e => writer.TryWrite(e);
        _sink = new EventSinkRef<T>((ExtendedActorSystem)system, offer);

        // Subscribed here, before Create returns: Akka's event stream subscribes synchronously.
        system.EventStream.Subscribe(_sink, typeof(T));
        system.WhenTerminated.ContinueWith(_ => writer.TryComplete(), TaskScheduler.Default);
    }

    /// <summary>The buffered events, in publication order.</summary>
    public ChannelReader<T> Reader => _channel.Reader;

    /// <summary>How many events the overflow policy dropped.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Subscribes to events of <typeparamref name="T"/> (and subtypes) on <paramref name="system"/>'s event stream.</summary>
    /// <param name="system">The actor system.</param>
    /// <param name="options">Buffer capacity and overflow policy; <see langword="null"/> for the defaults.</param>
    /// <returns>The active subscription; dispose it to unsubscribe.</returns>
    /// <exception cref="ArgumentException">The options are invalid; the message names each field, value and rule.</exception>
    public static EventSubscription<T> Create(ActorSystem system, EventSubscriptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        options ??= new EventSubscriptionOptions();
        options.Validate();
        return new EventSubscription<T>(system, options);
    }

    /// <summary>Reads events until the subscription ends or <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The events, in publication order.</returns>
    /// <exception cref="EventStreamOverflowException">The reader fell behind a <see cref="OverflowPolicy.Disconnect"/> subscription.</exception>
    public async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_channel.Reader.TryRead(out var item))
            {
                yield return item;
            }
        }
    }

    /// <summary>Unsubscribes and completes the reader (idempotent).</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _system.EventStream.Unsubscribe(_sink);
            _channel.Writer.TryComplete();
        }

        return ValueTask.CompletedTask;
    }
}
