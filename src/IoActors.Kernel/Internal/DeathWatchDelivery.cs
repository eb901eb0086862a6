namespace IoActors.Kernel.Internal;

/// <summary>
/// A termination of a watched actor, queued behind the user messages already in the mailbox; on dequeue it
/// becomes Terminated (or the WatchWith message) unless the actor was unwatched meanwhile.
/// </summary>
internal sealed class DeathWatchDelivery(InternalActorRef actor, bool existenceConfirmed) : IAutoReceivedMessage
{
    public InternalActorRef Actor { get; } = actor;

    public bool ExistenceConfirmed { get; } = existenceConfirmed;
}
