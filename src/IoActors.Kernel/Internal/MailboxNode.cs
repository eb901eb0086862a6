namespace IoActors.Kernel.Internal;

/// <summary>
/// A message and its sender in a singly linked list: the stash's messages put back at the front of the mailbox
/// (<see cref="CellExtras.Unstashed"/>), consumed before the <see cref="MailboxQueue"/>.
/// </summary>
internal sealed class MailboxNode(object? message, IActorRef? sender)
{
    public object? Message = message;

    public IActorRef? Sender = sender;

    public MailboxNode? Next;
}
