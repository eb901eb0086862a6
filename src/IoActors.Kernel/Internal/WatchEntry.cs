namespace IoActors.Kernel.Internal;

/// <summary>One watched actor, seen from the watcher.</summary>
internal sealed class WatchEntry(object? customMessage)
{
    /// <summary>The WatchWith message, or null for Terminated.</summary>
    public object? CustomMessage = customMessage;

    /// <summary>Whether the termination was already enqueued for delivery (it is delivered at most once).</summary>
    public bool Notified;
}
