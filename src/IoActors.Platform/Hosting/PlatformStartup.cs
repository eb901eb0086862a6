namespace IoActors.Platform.Hosting;

/// <summary>
/// The platform actor's start as <see cref="IoPlatform.Create"/> waits for it: the references once every child has
/// confirmed its start, and meanwhile what the start is waiting for (for the timeout message).
/// </summary>
internal sealed class PlatformStartup
{
    // Written by the platform actor, read by the creating thread when it gives up.
    private volatile string _waitingFor = "the platform actor to start";

    /// <summary>Completes with the references once the platform started, or faults with why it could not.</summary>
    public TaskCompletionSource<PlatformRefs> Refs { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What the start waits for, e.g. "the children stores, instances to confirm their start".</summary>
    public string WaitingFor
    {
        get => _waitingFor;
        set => _waitingFor = value;
    }
}
