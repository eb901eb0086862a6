namespace IoActors.Kernel.Internal;

/// <summary>The reference to no actor: messages become dead letters of the sending actor's system (or are dropped outside actors).</summary>
internal sealed class NobodyRef : InternalActorRef
{
    private static readonly ActorPath NobodyPath = ActorPath.Root("all-systems") / "Nobody";

    private NobodyRef()
    {
    }

    public static NobodyRef Instance { get; } = new();

    public override ActorPath Path => NobodyPath;

    public override ActorSystem? System => null;

    public override bool IsTerminated => true;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var system = (sender as InternalActorRef)?.System ?? ActorCell.Current?.System;
        system?.DeadLetter(message, sender, this);
    }

    public override void SendSystem(SystemMessage message)
    {
        if (message is Watch watch)
        {
            watch.Watcher.SendSystem(new DeathWatchNotification(this, false));
        }
    }
}
