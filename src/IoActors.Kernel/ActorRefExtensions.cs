using IoActors.Kernel.Internal;

namespace IoActors.Kernel;

/// <summary>Tell with the implicit sender, Forward, Ask and GracefulStop.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Sends a message; the sender is the current actor inside an actor, otherwise the <see cref="ImplicitSender.Ambient"/>
    /// sender, otherwise <see cref="ActorRefs.NoSender"/>.
    /// </summary>
    /// <param name="actor">The recipient.</param>
    /// <param name="message">The message; never <see langword="null"/>.</param>
    public static void Tell(this IActorRef actor, object message)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Tell(message, (IActorRef?)ActorCell.Current ?? ImplicitSender.Ambient);
    }

    /// <summary>Sends a message keeping the current message's sender (inside an actor).</summary>
    /// <param name="actor">The recipient.</param>
    /// <param name="message">The message; never <see langword="null"/>.</param>
    public static void Forward(this IActorRef actor, object message)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Tell(message, ActorCell.Current?.CurrentSender);
    }

    /// <summary>Sends a message and awaits one reply (see <see cref="Ask{T}"/>).</summary>
    /// <param name="actor">The recipient.</param>
    /// <param name="message">The request.</param>
    /// <param name="timeout">How long to wait; positive.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The reply.</returns>
    public static Task<object> Ask(this IActorRef actor, object message, TimeSpan timeout, CancellationToken cancellationToken = default)
        => actor.Ask<object>(message, timeout, cancellationToken);

    /// <summary>
    /// Sends a message with a temporary reply reference (under <c>/temp</c>) and awaits one reply of type
    /// <typeparamref name="T"/>. A <see cref="Status.Failure"/> reply faults the task with its cause; a reply of
    /// another type faults it with <see cref="InvalidCastException"/>; no reply within <paramref name="timeout"/>
    /// (on the system's clock) faults it with <see cref="AskTimeoutException"/>. Later replies become dead letters.
    /// </summary>
    /// <typeparam name="T">The expected reply type.</typeparam>
    /// <param name="actor">The recipient.</param>
    /// <param name="message">The request.</param>
    /// <param name="timeout">How long to wait; positive.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero, negative or infinite.</exception>
    public static Task<T> Ask<T>(this IActorRef actor, object message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(message);
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The ask timeout must be positive.");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var system = (actor as InternalActorRef)?.System ?? ActorCell.Current?.System;
        if (system is null)
        {
            return Task.FromException<T>(new AskTimeoutException(actor, timeout, $"Ask to '{actor.Path}' cannot get a reply: the recipient belongs to no actor system."));
        }

        var promise = new PromiseRef<T>(system, actor, timeout, message.GetType());
        promise.Start(cancellationToken);
        actor.Tell(message, promise);
        return promise.Task;
    }

    /// <summary>
    /// Sends <paramref name="stopMessage"/> (default <see cref="PoisonPill"/>) and completes with <see langword="true"/>
    /// when the actor has stopped; faults with <see cref="AskTimeoutException"/> if it has not stopped within
    /// <paramref name="timeout"/>.
    /// </summary>
    /// <param name="actor">The actor to stop.</param>
    /// <param name="timeout">How long to wait; positive.</param>
    /// <param name="stopMessage">The message that makes the actor stop.</param>
    /// <returns><see langword="true"/> once stopped.</returns>
    public static async Task<bool> GracefulStop(this IActorRef actor, TimeSpan timeout, object? stopMessage = null)
    {
        var target = InternalActorRef.From(actor, nameof(actor));
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The graceful-stop timeout must be positive.");
        }

        var system = target.System ?? throw new ArgumentException($"'{actor.Path}' belongs to no actor system.", nameof(actor));
        var watcher = new WatcherRef(system);
        target.SendSystem(new Watch(target, watcher));
        target.Tell(stopMessage ?? PoisonPill.Instance, null);
        try
        {
            return await watcher.Terminated.WaitAsync(timeout, system.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new AskTimeoutException(actor, timeout, $"Actor '{actor.Path}' did not stop within {timeout}.");
        }
    }
}
