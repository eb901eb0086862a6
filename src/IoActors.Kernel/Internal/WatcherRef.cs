namespace IoActors.Kernel.Internal;

/// <summary>A temporary watcher for non-actor code (GracefulStop): completes when the watched actor stops.</summary>
internal sealed class WatcherRef(ActorSystem system) : InternalActorRef
{
    private readonly TaskCompletionSource<bool> _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _id = system.NextTempId();

    public Task<bool> Terminated => _terminated.Task;

    public override ActorPath Path => system.TempPath / ("$" + _id.ToString(global::System.Globalization.CultureInfo.InvariantCulture));

    public override ActorSystem System => system;

    public override bool IsTerminated => _terminated.Task.IsCompleted;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        system.DeadLetter(message, sender, this);
    }

    public override void SendSystem(SystemMessage message)
    {
        if (message is DeathWatchNotification)
        {
            _terminated.TrySetResult(true);
        }
    }
}
