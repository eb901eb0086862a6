namespace IoActors.Persistence;

/// <summary>
/// A <see cref="PersistentActor"/> whose recovery and command handlers are registered in its constructor with
/// <see cref="Recover{T}(Action{T}, Predicate{T})"/> and <see cref="Command{T}(Action{T}, Predicate{T})"/>; the first
/// matching handler wins.
/// </summary>
public abstract class ReceivePersistentActor : PersistentActor
{
    private readonly List<Func<object, bool>> _recoverHandlers = [];
    private readonly List<Func<object, bool>> _commandHandlers = [];

    /// <summary>Handles replayed events (or <see cref="SnapshotOffer"/>, <see cref="RecoveryCompleted"/>) of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The message type (subtypes included).</typeparam>
    /// <param name="handler">The handler.</param>
    /// <param name="shouldHandle">An optional filter.</param>
    protected void Recover<T>(Action<T> handler, Predicate<T>? shouldHandle = null) => _recoverHandlers.Add(Wrap(handler, shouldHandle));

    /// <summary>Handles recovery messages of type <typeparamref name="T"/> for which <paramref name="handler"/> returns true.</summary>
    /// <typeparam name="T">The message type (subtypes included).</typeparam>
    /// <param name="handler">The handler; returning false passes the message on.</param>
    protected void Recover<T>(Func<T, bool> handler) => _recoverHandlers.Add(Wrap(handler));

    /// <summary>Handles every recovery message not handled by an earlier handler.</summary>
    /// <param name="handler">The handler.</param>
    protected void RecoverAny(Action<object> handler) => _recoverHandlers.Add(Wrap(handler, null));

    /// <summary>Handles commands of type <typeparamref name="T"/>; call Persist from the handler.</summary>
    /// <typeparam name="T">The message type (subtypes included).</typeparam>
    /// <param name="handler">The handler.</param>
    /// <param name="shouldHandle">An optional filter.</param>
    protected void Command<T>(Action<T> handler, Predicate<T>? shouldHandle = null) => _commandHandlers.Add(Wrap(handler, shouldHandle));

    /// <summary>Handles commands of type <typeparamref name="T"/> for which <paramref name="handler"/> returns true.</summary>
    /// <typeparam name="T">The message type (subtypes included).</typeparam>
    /// <param name="handler">The handler; returning false passes the message on.</param>
    protected void Command<T>(Func<T, bool> handler) => _commandHandlers.Add(Wrap(handler));

    /// <summary>Handles every command not handled by an earlier handler.</summary>
    /// <param name="handler">The handler.</param>
    protected void CommandAny(Action<object> handler) => _commandHandlers.Add(Wrap(handler, null));

    /// <inheritdoc />
    protected sealed override bool ReceiveRecover(object message) => Dispatch(_recoverHandlers, message);

    /// <inheritdoc />
    protected sealed override bool ReceiveCommand(object message) => Dispatch(_commandHandlers, message);

    private static bool Dispatch(List<Func<object, bool>> handlers, object message)
    {
        foreach (var handler in handlers)
        {
            if (handler(message))
            {
                return true;
            }
        }

        return false;
    }

    private static Func<object, bool> Wrap<T>(Action<T> handler, Predicate<T>? shouldHandle)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return message =>
        {
            if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
            {
                handler(typed);
                return true;
            }

            return false;
        };
    }

    private static Func<object, bool> Wrap<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return message => message is T typed && handler(typed);
    }
}
