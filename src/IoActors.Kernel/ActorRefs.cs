using IoActors.Kernel.Internal;

namespace IoActors.Kernel;

/// <summary>Well-known actor references.</summary>
public static class ActorRefs
{
    /// <summary>A reference that points to no actor; messages sent to it become dead letters.</summary>
    public static IActorRef Nobody { get; } = NobodyRef.Instance;

    /// <summary>The "no sender" value to pass to <see cref="IActorRef.Tell"/>: <see langword="null"/>.</summary>
    public static readonly IActorRef? NoSender;
}
