namespace IoActors.Kernel.Internal;

/// <summary>A receive-timeout timer fired; delivered as ReceiveTimeout if no reset happened since it was armed.</summary>
internal sealed class ReceiveTimeoutTick(int generation) : IAutoReceivedMessage, INotInfluenceReceiveTimeout
{
    public int Generation { get; } = generation;
}
