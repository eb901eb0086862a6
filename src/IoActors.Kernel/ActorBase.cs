using IoActors.Kernel.Internal;

namespace IoActors.Kernel;

/// <summary>
/// The base of all actors. Instances are created by the kernel from <see cref="Props"/>; constructing one
/// outside <c>ActorOf</c> throws.
/// </summary>
public abstract class ActorBase
{
    // The cell is the actor's context, its reference and its mailbox at once.
    private readonly ActorCell _cell;

    /// <summary>Binds the new instance to the cell that is creating it.</summary>
    /// <exception cref="InvalidOperationException">The actor is not being created by <c>ActorOf</c>.</exception>
    protected ActorBase()
    {
        _cell = ActorCell.Constructing ?? throw new InvalidOperationException(
            $"Actor '{GetType().FullName}' was constructed directly; create actors with ActorSystem.ActorOf or Context.ActorOf and Props.Create.");
        ActorCell.Constructing = null;
    }

    /// <summary>The actor's context.</summary>
    protected IActorContext Context => _cell;

    /// <summary>The actor's own reference.</summary>
    protected IActorRef Self => _cell;

    /// <summary>The sender of the message being processed (the dead-letters reference when there was none).</summary>
    protected IActorRef Sender => _cell.Sender;

    internal ActorCell Cell => _cell;

    /// <summary>Handles a message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>Whether the message was handled; otherwise <see cref="Unhandled"/> runs.</returns>
    protected abstract bool Receive(object message);

    /// <summary>Runs before the first message. The default does nothing.</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Runs after the actor stopped. The default does nothing.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>Runs on the failed instance before a restart. The default stops all children, then calls <see cref="PostStop"/>.</summary>
    /// <param name="reason">The failure.</param>
    /// <param name="message">The message being processed when it failed, if any.</param>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Runs on the new instance after a restart. The default calls <see cref="PreStart"/>.</summary>
    /// <param name="reason">The failure that caused the restart.</param>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>The strategy that supervises this actor's children. The default is <see cref="Kernel.SupervisorStrategy.DefaultStrategy"/>.</summary>
    /// <returns>The strategy.</returns>
    protected virtual SupervisorStrategy SupervisorStrategy() => Kernel.SupervisorStrategy.DefaultStrategy;

    /// <summary>
    /// Called for a message the behavior did not handle: an unhandled <see cref="Terminated"/> throws
    /// <see cref="DeathPactException"/>, anything else is published as <see cref="UnhandledMessage"/>.
    /// </summary>
    /// <param name="message">The message.</param>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
        {
            throw new DeathPactException(terminated.ActorRef);
        }

        _cell.System.EventStream.Publish(new UnhandledMessage(message, _cell.Sender, _cell));
    }

    internal bool InvokeReceive(object message) => Receive(message);

    internal void InvokeUnhandled(object message) => Unhandled(message);

    internal void InvokePreStart() => PreStart();

    internal void InvokePostStop() => PostStop();

    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => PostRestart(reason);

    internal SupervisorStrategy InvokeSupervisorStrategy() => SupervisorStrategy();
}
