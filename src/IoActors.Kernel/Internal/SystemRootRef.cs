using Microsoft.Extensions.Logging;

namespace IoActors.Kernel.Internal;

/// <summary>The parent of the /user guardian: learns when the guardian stopped and stops it if it fails.</summary>
internal sealed class SystemRootRef(ActorSystem system, ActorPath path) : InternalActorRef
{
    public override ActorPath Path => path;

    public override ActorSystem System => system;

    public override bool IsTerminated => system.IsTerminated;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        system.DeadLetter(message, sender, this);
    }

    public override void SendSystem(SystemMessage message)
    {
        switch (message)
        {
            case DeathWatchNotification:
                system.OnGuardianStopped();
                break;
            case Failed failed:
                system.Logger.LogCritical(failed.Cause, "Guardian {ActorPath} failed; stopping it", failed.Child.Path.ToString());
                failed.Child.SendSystem(new Terminate());
                break;
        }
    }
}
