namespace IoActors.Kernel.Internal;

/// <summary>Restarts the actor after <see cref="Cause"/>.</summary>
internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

/// <summary>Resumes a failed actor, dropping the failing message.</summary>
internal sealed class Resume : SystemMessage;

/// <summary>Stops the actor.</summary>
internal sealed class Terminate : SystemMessage;

/// <summary><see cref="Watcher"/> starts watching <see cref="Watchee"/> (sent to the watchee).</summary>
internal sealed class Watch(InternalActorRef watchee, InternalActorRef watcher) : SystemMessage
{
    public InternalActorRef Watchee { get; } = watchee;

    public InternalActorRef Watcher { get; } = watcher;
}

/// <summary><see cref="Watcher"/> stops watching <see cref="Watchee"/> (sent to the watchee).</summary>
internal sealed class Unwatch(InternalActorRef watchee, InternalActorRef watcher) : SystemMessage
{
    public InternalActorRef Watchee { get; } = watchee;

    public InternalActorRef Watcher { get; } = watcher;
}

/// <summary><see cref="Actor"/> has stopped (sent to its watchers and its parent).</summary>
internal sealed class DeathWatchNotification(InternalActorRef actor, bool existenceConfirmed) : SystemMessage
{
    public InternalActorRef Actor { get; } = actor;

    public bool ExistenceConfirmed { get; } = existenceConfirmed;
}

/// <summary>A child failed (sent to the parent).</summary>
internal sealed class Failed(ActorCell child, Exception cause) : SystemMessage
{
    public ActorCell Child { get; } = child;

    public Exception Cause { get; } = cause;
}

/// <summary>The task of a ReceiveAsync handler completed.</summary>
internal sealed class AsyncCompleted(Task task) : SystemMessage
{
    public Task Task { get; } = task;
}

/// <summary>A continuation of a ReceiveAsync handler, to run on the actor's turn.</summary>
internal sealed class RunContinuation(ActorSynchronizationContext context, SendOrPostCallback callback, object? state) : SystemMessage
{
    public ActorSynchronizationContext Context { get; } = context;

    public SendOrPostCallback Callback { get; } = callback;

    public object? State { get; } = state;
}
