namespace IoActors.Kernel;

/// <summary>An actor with a single <see cref="OnReceive"/> method; call <see cref="ActorBase.Unhandled"/> for messages it does not understand.</summary>
public abstract class UntypedActor : ActorBase
{
    /// <summary>Handles a message.</summary>
    /// <param name="message">The message.</param>
    protected abstract void OnReceive(object message);

    /// <inheritdoc />
    protected sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }

    /// <summary>Replaces the behavior with <paramref name="receive"/>.</summary>
    /// <param name="receive">The new behavior.</param>
    protected void Become(Action<object> receive) => Context.Become(receive);
}
