namespace IoActors.Kernel;

/// <summary>Sent to an actor that has received no message for the period set with <see cref="IActorContext.SetReceiveTimeout"/>.</summary>
public sealed class ReceiveTimeout
{
    private ReceiveTimeout()
    {
    }

    /// <summary>The single instance.</summary>
    public static ReceiveTimeout Instance { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "<ReceiveTimeout>";
}
