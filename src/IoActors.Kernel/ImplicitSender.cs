namespace IoActors.Kernel;

/// <summary>
/// The sender that <see cref="ActorRefExtensions.Tell(IActorRef, object)"/> uses outside actors, per async flow
/// (for example a test's TestActor). Inside an actor, the actor's Self always wins.
/// </summary>
public static class ImplicitSender
{
    private static readonly AsyncLocal<IActorRef?> AmbientSender = new();

    /// <summary>The ambient sender of the current async flow, or <see langword="null"/>.</summary>
    public static IActorRef? Ambient => AmbientSender.Value;

    /// <summary>Sets the ambient sender of the current async flow.</summary>
    /// <param name="sender">The sender, or <see langword="null"/> to clear it.</param>
    /// <returns>The previous ambient sender.</returns>
    public static IActorRef? SetAmbient(IActorRef? sender)
    {
        var previous = AmbientSender.Value;
        AmbientSender.Value = sender;
        return previous;
    }
}
