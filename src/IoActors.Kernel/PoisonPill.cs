using IoActors.Kernel.Internal;

namespace IoActors.Kernel;

/// <summary>
/// An ordinary message that stops the actor when it is processed: messages enqueued before it are
/// handled first, later ones become dead letters.
/// </summary>
public sealed class PoisonPill : IAutoReceivedMessage
{
    private PoisonPill()
    {
    }

    /// <summary>The single instance.</summary>
    public static PoisonPill Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "<PoisonPill>";
}
