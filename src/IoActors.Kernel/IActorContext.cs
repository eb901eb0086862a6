using Microsoft.Extensions.Logging;

namespace IoActors.Kernel;

/// <summary>
/// The actor's view of itself and the system. Use it only from the actor's own message handling
/// (including the continuations of a <c>ReceiveAsync</c> handler), never from other threads.
/// </summary>
public interface IActorContext
{
    /// <summary>The actor's own reference.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed (the dead-letters reference when there was none).</summary>
    IActorRef Sender { get; }

    /// <summary>The actor's supervisor.</summary>
    IActorRef Parent { get; }

    /// <summary>The live children.</summary>
    IEnumerable<IActorRef> Children { get; }

    /// <summary>The system the actor lives in.</summary>
    ActorSystem System { get; }

    /// <summary>The props the actor was created with.</summary>
    Props Props { get; }

    /// <summary>A logger whose scope carries the actor path as <c>ActorPath</c>.</summary>
    ILogger Log { get; }

    /// <summary>The current receive timeout, or <see langword="null"/> when none is set.</summary>
    TimeSpan? ReceiveTimeout { get; }

    /// <summary>The child with the given name, or <see cref="ActorRefs.Nobody"/>.</summary>
    /// <param name="name">The child's name.</param>
    /// <returns>The child reference.</returns>
    IActorRef Child(string name);

    /// <summary>Creates a child actor.</summary>
    /// <param name="props">How to create it.</param>
    /// <param name="name">A unique name among siblings, or <see langword="null"/> for a generated one.</param>
    /// <returns>The child's reference (the actor starts asynchronously).</returns>
    /// <exception cref="InvalidActorNameException">The name is invalid or taken.</exception>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops a child (or the actor itself) asynchronously: after its current message, before any further one.</summary>
    /// <param name="actor">The actor to stop.</param>
    void Stop(IActorRef actor);

    /// <summary>Watches an actor: when it stops, this actor receives <see cref="Terminated"/> exactly once.</summary>
    /// <param name="actor">The actor to watch.</param>
    /// <returns><paramref name="actor"/>.</returns>
    IActorRef Watch(IActorRef actor);

    /// <summary>Watches an actor and receives <paramref name="message"/> instead of <see cref="Terminated"/> when it stops.</summary>
    /// <param name="actor">The actor to watch.</param>
    /// <param name="message">The message to receive.</param>
    /// <returns><paramref name="actor"/>.</returns>
    IActorRef WatchWith(IActorRef actor, object message);

    /// <summary>Stops watching; no <see cref="Terminated"/> for it is delivered afterwards, even one already on its way.</summary>
    /// <param name="actor">The actor to stop watching.</param>
    /// <returns><paramref name="actor"/>.</returns>
    IActorRef Unwatch(IActorRef actor);

    /// <summary>Replaces the current behavior.</summary>
    /// <param name="receive">The new behavior.</param>
    void Become(Receive receive);

    /// <summary>Replaces the current behavior with one that handles every message.</summary>
    /// <param name="receive">The new behavior.</param>
    void Become(Action<object> receive);

    /// <summary>Pushes a behavior on top of the current one; <see cref="Unbecome"/> pops it.</summary>
    /// <param name="receive">The new behavior.</param>
    void BecomeStacked(Receive receive);

    /// <summary>Returns to the previous behavior.</summary>
    void Unbecome();

    /// <summary>Sets (or with <see langword="null"/> clears) the idle period after which <see cref="Kernel.ReceiveTimeout"/> is delivered.</summary>
    /// <param name="timeout">The idle period; <see langword="null"/> or non-positive clears it.</param>
    void SetReceiveTimeout(TimeSpan? timeout);
}
