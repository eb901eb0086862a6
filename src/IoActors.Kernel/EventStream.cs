using System.Collections.Concurrent;
using IoActors.Kernel.Internal;

namespace IoActors.Kernel;

/// <summary>
/// The system's publish/subscribe bus. A subscription to a type receives events of that type and its
/// subtypes; stopped actors are unsubscribed automatically; publishing never blocks.
/// </summary>
public sealed class EventStream
{
    private readonly ActorSystem _system;
    private readonly Lock _lock = new();

    // Copy-on-write: all subscriptions plus a per-event-type cache of the matching ones, replaced together on
    // every change so a publisher never fills a fresh cache from a stale list.
    private Snapshot _snapshot = new([]);

    internal EventStream(ActorSystem system)
    {
        _system = system;
    }

    /// <summary>Subscribes an actor to events of <paramref name="channel"/> and its subtypes.</summary>
    /// <param name="subscriber">The actor.</param>
    /// <param name="channel">The event type.</param>
    /// <returns><see langword="false"/> when it was already subscribed to that channel.</returns>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        if (subscriber is ActorCell cell)
        {
            cell.Extras.EventStreamSubscriber = true;
        }

        return Add(new Subscription(subscriber, null, channel));
    }

    /// <summary>Unsubscribes an actor from one channel.</summary>
    /// <param name="subscriber">The actor.</param>
    /// <param name="channel">The event type it subscribed to.</param>
    /// <returns>Whether a subscription was removed.</returns>
    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        return Remove(s => Equals(s.Actor, subscriber) && s.Channel == channel);
    }

    /// <summary>Unsubscribes an actor from all channels.</summary>
    /// <param name="subscriber">The actor.</param>
    /// <returns>Whether any subscription was removed.</returns>
    public bool Unsubscribe(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return Remove(s => Equals(s.Actor, subscriber));
    }

    /// <summary>Publishes an event to every subscriber of its type or a base type or interface of it.</summary>
    /// <param name="event">The event.</param>
    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var snapshot = Volatile.Read(ref _snapshot);
        var targets = snapshot.Cache.GetOrAdd(@event.GetType(), Match, snapshot.All);
        foreach (var target in targets)
        {
            if (target.Actor is { } actor)
            {
                actor.Tell(@event, null);
            }
            else
            {
                target.Sink!.Offer(@event);
            }
        }
    }

    /// <summary>
    /// Subscribes non-actor code to events of <typeparamref name="T"/> (and subtypes) through a bounded buffer:
    /// a slow reader never blocks publishers nor holds unbounded memory; see <see cref="EventStreamSubscriptionOptions.OverflowPolicy"/>.
    /// </summary>
    /// <typeparam name="T">The event type.</typeparam>
    /// <param name="options">Buffer capacity and overflow policy; <see langword="null"/> for the defaults.</param>
    /// <returns>The subscription; dispose it to unsubscribe.</returns>
    public EventStreamSubscription<T> Subscribe<T>(EventStreamSubscriptionOptions? options = null)
    {
        options ??= new EventStreamSubscriptionOptions();
        options.Validate();
        var subscription = new EventStreamSubscription<T>(this, options);
        Add(new Subscription(null, subscription.Sink, typeof(T)));
        return subscription;
    }

    internal void RemoveSink(IEventSink sink) => Remove(s => ReferenceEquals(s.Sink, sink));

    private static Subscription[] Match(Type eventType, Subscription[] all)
    {
        var list = new List<Subscription>();
        foreach (var s in all)
        {
            if (s.Channel.IsAssignableFrom(eventType))
            {
                list.Add(s);
            }
        }

        return [.. list];
    }

    private bool Add(Subscription subscription)
    {
        lock (_lock)
        {
            foreach (var s in _snapshot.All)
            {
                if (s.Channel == subscription.Channel && ((s.Actor is not null && Equals(s.Actor, subscription.Actor)) || (s.Sink is not null && ReferenceEquals(s.Sink, subscription.Sink))))
                {
                    return false;
                }
            }

            Volatile.Write(ref _snapshot, new Snapshot([.. _snapshot.All, subscription]));
            return true;
        }
    }

    private bool Remove(Predicate<Subscription> match)
    {
        lock (_lock)
        {
            var kept = Array.FindAll(_snapshot.All, s => !match(s));
            if (kept.Length == _snapshot.All.Length)
            {
                return false;
            }

            Volatile.Write(ref _snapshot, new Snapshot(kept));
            return true;
        }
    }

    private sealed record Subscription(IActorRef? Actor, IEventSink? Sink, Type Channel);

    private sealed class Snapshot(Subscription[] all)
    {
        public Subscription[] All { get; } = all;

        public ConcurrentDictionary<Type, Subscription[]> Cache { get; } = new();
    }
}
