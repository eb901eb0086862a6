namespace IoActors.Kernel;

/// <summary>Thrown inside an actor that processed <see cref="Kill"/>; the default supervisor strategy stops it.</summary>
public sealed class ActorKilledException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="actor">The killed actor.</param>
    public ActorKilledException(IActorRef actor)
        : base($"Actor '{actor.Path}' was killed by a Kill message.")
    {
        Actor = actor;
    }

    /// <summary>The killed actor.</summary>
    public IActorRef Actor { get; }
}
