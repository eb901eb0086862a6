using Akka.Actor;
using Akka.Event;

namespace IoActors.Platform.AppManagement;

/// <summary>An event-stream subscription that calls a handler; disposing it unsubscribes (idempotent).</summary>
internal sealed class EventHandlerSubscription : IDisposable
{
    private readonly ActorSystem _system;
    private IActorRef? _subscriber;

    private EventHandlerSubscription(ActorSystem system, IActorRef subscriber)
    {
        _system = system;
        _subscriber = subscriber;
    }

    /// <summary>Subscribes <paramref name="handler"/> to events of type <typeparamref name="T"/> (the subscription is active on return).</summary>
    public static IDisposable Create<T>(ActorSystem system, Action<T> handler) => Create(system, handler, typeof(T));

    /// <summary>
    /// Subscribes one handler to several channels through one actor, so the handler sees their events in the order they
    /// were published (separate subscriptions would each have their own mailbox and could interleave them).
    /// </summary>
    public static IDisposable Create<T>(ActorSystem system, Action<T> handler, params Type[] channels)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscriber = system.ActorOf(Props.Create(() => new EventCallbackActor<T>(handler)));
        foreach (var channel in channels)
        {
            system.EventStream.Subscribe(subscriber, channel);
        }

        return new EventHandlerSubscription(system, subscriber);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _subscriber, null) is { } subscriber)
        {
            _system.EventStream.Unsubscribe(subscriber);
            _system.Stop(subscriber);
        }
    }
}
