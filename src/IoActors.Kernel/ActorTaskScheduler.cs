using IoActors.Kernel.Internal;

namespace IoActors.Kernel;

/// <summary>Runs awaited work as part of the current message, from any actor type.</summary>
public static class ActorTaskScheduler
{
    /// <summary>
    /// Runs <paramref name="action"/> as part of the message being processed: user messages wait until its task
    /// completes; Self, Sender and Context stay valid across awaits (continuations run on the actor's turn); a fault
    /// goes to the supervisor; if the actor stops meanwhile, the remaining continuations never run.
    /// </summary>
    /// <param name="action">Starts the work.</param>
    /// <exception cref="InvalidOperationException">Called outside an actor's message handling.</exception>
    public static void RunTask(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var cell = ActorCell.Current ?? throw new InvalidOperationException("ActorTaskScheduler.RunTask must be called from an actor's message handling.");
        cell.RunTask(action);
    }
}
