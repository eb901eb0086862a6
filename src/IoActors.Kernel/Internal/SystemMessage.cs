namespace IoActors.Kernel.Internal;

/// <summary>A message of the kernel's own protocol; intrusive link for the lock-free system queue.</summary>
internal abstract class SystemMessage
{
    /// <summary>The next message in the mailbox's system stack (newest first until the consumer reverses it).</summary>
    public SystemMessage? Next;
}
