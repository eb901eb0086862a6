using IoActors.Kernel.Internal;

namespace IoActors.Kernel;

/// <summary>
/// An ordinary message that makes the actor fail with <see cref="ActorKilledException"/> when processed,
/// so its supervisor decides (the default strategy stops it).
/// </summary>
public sealed class Kill : IAutoReceivedMessage
{
    private Kill()
    {
    }

    /// <summary>The single instance.</summary>
    public static Kill Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "<Kill>";
}
