namespace IoActors.Kernel.Internal;

/// <summary>The system's dead-letters reference: everything told to it is published as a DeadLetter.</summary>
internal sealed class DeadLettersRef(ActorSystem system, ActorPath path) : InternalActorRef
{
    public override ActorPath Path => path;

    public override ActorSystem System => system;

    public override bool IsTerminated => false;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is DeadLetter deadLetter)
        {
            system.DeadLetter(deadLetter.Message, deadLetter.Sender, deadLetter.Recipient);
            return;
        }

        system.DeadLetter(message, sender, this);
    }

    public override void SendSystem(SystemMessage message)
    {
        if (message is Watch watch)
        {
            watch.Watcher.SendSystem(new DeathWatchNotification(this, false));
        }
    }
}
