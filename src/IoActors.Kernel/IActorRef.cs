namespace IoActors.Kernel;

/// <summary>
/// An immutable, thread-safe handle to an actor. Sending through it never blocks and never throws
/// for a stopped actor: such messages become dead letters.
/// </summary>
public interface IActorRef : IEquatable<IActorRef>
{
    /// <summary>The actor's path in the hierarchy, for example <c>/user/platform/registry</c>.</summary>
    ActorPath Path { get; }

    /// <summary>Sends <paramref name="message"/> to the actor, fire and forget.</summary>
    /// <param name="message">The message; never <see langword="null"/>.</param>
    /// <param name="sender">The actor replies go to, or <see langword="null"/> (<see cref="ActorRefs.NoSender"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    void Tell(object message, IActorRef? sender);
}
