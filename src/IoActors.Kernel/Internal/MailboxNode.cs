namespace IoActors.Kernel.Internal;

/// <summary>
/// One envelope of the user-message queue (an intrusive MPSC linked list): the message, its sender and
/// the link. The only allocation on the Tell path.
/// </summary>
internal sealed class MailboxNode(object? message, IActorRef? sender)
{
    public object? Message = message;

    public IActorRef? Sender = sender;

    public MailboxNode? Next;
}
