using Akka.Actor;

namespace IoActors.Platform.Events;

/// <summary>
/// The event stream's subscriber behind an <see cref="EventSubscription{T}"/>: an actor reference without a mailbox
/// whose <c>Tell</c> offers the event to the subscription's buffer on the publishing thread, so no event published
/// before the system terminates is lost in a mailbox, and a slow reader costs publishers nothing but the buffer.
/// </summary>
/// <typeparam name="T">The event type.</typeparam>
internal sealed class EventSinkRef<T> : MinimalActorRef
{
    private readonly Action<T> _offer;

    public EventSinkRef(ExtendedActorSystem system, Action<T> offer)
    {
        Provider = system.Provider;
        Path = system.Provider.TempPath();
        _offer = offer;
    }

    /// <inheritdoc />
    public override ActorPath Path { get; }

    /// <inheritdoc />
    public override IActorRefProvider Provider { get; }

    /// <inheritdoc />
    protected override void TellInternal(object message, IActorRef sender)
    {
        if (message is T e)
        {
            _offer(e);
        }
    }
}
