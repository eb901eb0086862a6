namespace IoActors.Kernel;

/// <summary>
/// Thrown inside an actor that did not handle the <see cref="Terminated"/> of an actor it watched;
/// the default supervisor strategy stops it.
/// </summary>
public sealed class DeathPactException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="deadActor">The watched actor that stopped.</param>
    public DeathPactException(IActorRef deadActor)
        : base($"Monitored actor '{deadActor.Path}' terminated and its Terminated message was not handled.")
    {
        DeadActor = deadActor;
    }

    /// <summary>The watched actor that stopped.</summary>
    public IActorRef DeadActor { get; }
}
