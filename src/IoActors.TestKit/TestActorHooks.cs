using IoActors.Kernel;

namespace IoActors.TestKit;

/// <summary>What the test sets on a test actor while it runs: messages to ignore and an auto-pilot.</summary>
internal sealed class TestActorHooks
{
    // Read on the test actor's thread, written by the test: volatile so a change is seen by the next message.
    private volatile Func<object, bool>? _ignore;
    private volatile Func<object, IActorRef, bool>? _autoPilot;

    /// <summary>Messages for which this returns true are dropped instead of queued.</summary>
    public Func<object, bool>? Ignore
    {
        get => _ignore;
        set => _ignore = value;
    }

    /// <summary>Called for each queued message with its sender; returning false removes the pilot.</summary>
    public Func<object, IActorRef, bool>? AutoPilot
    {
        get => _autoPilot;
        set => _autoPilot = value;
    }

    /// <summary>Removes <paramref name="pilot"/> unless the test has set another pilot meanwhile.</summary>
    public void RemoveAutoPilot(Func<object, IActorRef, bool> pilot) => Interlocked.CompareExchange(ref _autoPilot, null, pilot);
}
