namespace IoActors.Kernel;

/// <summary>
/// An actor could not be created or started: its constructor, <c>PreStart</c> or <c>PostRestart</c> threw.
/// The default supervisor strategy stops such an actor.
/// </summary>
public sealed class ActorInitializationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="actor">The actor that failed to start.</param>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The exception thrown by the actor.</param>
    public ActorInitializationException(IActorRef actor, string message, Exception? innerException)
        : base(message, innerException)
    {
        Actor = actor;
    }

    /// <summary>The actor that failed to start.</summary>
    public IActorRef Actor { get; }
}
