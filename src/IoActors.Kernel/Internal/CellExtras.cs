using Microsoft.Extensions.Logging;

namespace IoActors.Kernel.Internal;

/// <summary>
/// The parts of an actor cell that most actors never use, allocated on first use so that an idle,
/// childless, unwatched actor stays small.
/// </summary>
internal sealed class CellExtras
{
    /// <summary>Children by name, including stopping ones until they terminate (names stay reserved). Guarded by lock(cell).</summary>
    public Dictionary<string, ActorCell>? Children;

    /// <summary>Children this actor asked to stop and whose termination a restart waits for.</summary>
    public HashSet<ActorCell>? StoppingChildren;

    /// <summary>Counter behind generated child names.</summary>
    public long NextChildNumber;

    /// <summary>Behaviors pushed by Become, top last; empty = the actor's own Receive.</summary>
    public List<Receive>? Behaviors;

    /// <summary>The actors this one watches, with the custom message of WatchWith.</summary>
    public Dictionary<InternalActorRef, WatchEntry>? Watching;

    /// <summary>The actors watching this one.</summary>
    public HashSet<InternalActorRef>? WatchedBy;

    /// <summary>Messages put back at the front of the mailbox by Unstash, consumed before the queue.</summary>
    public MailboxNode? Unstashed;

    public ActorStash? Stash;

    public TimerScheduler? Timers;

    public TimeSpan? ReceiveTimeout;

    public ITimer? ReceiveTimeoutTimer;

    /// <summary>Bumped on every reset, so a tick armed before the reset is ignored.</summary>
    public int ReceiveTimeoutGeneration;

    public ILogger? Log;

    /// <summary>The synchronization context of the current incarnation (see <see cref="ActorSynchronizationContext"/>).</summary>
    public ActorSynchronizationContext? SyncContext;

    /// <summary>The task of the ReceiveAsync handler in progress.</summary>
    public Task? PendingTask;

    /// <summary>The restart cause while a restart waits for stopping children.</summary>
    public Exception? PendingRecreate;

    /// <summary>Restart counting, owned by the parent.</summary>
    public ChildRestartStats? RestartStats;

    /// <summary>Whether the actor subscribed to the event stream (unsubscribed when it stops).</summary>
    public volatile bool EventStreamSubscriber;
}
