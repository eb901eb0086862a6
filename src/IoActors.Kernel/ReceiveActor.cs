using IoActors.Kernel.Internal;

namespace IoActors.Kernel;

/// <summary>
/// An actor whose behavior is a list of typed handlers registered in its constructor (or in
/// <see cref="Become(Action)"/>); the first matching handler wins.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    // The handlers of the initial behavior.
    private readonly HandlerSet _initial = new();

    // Where Receive<T> calls currently add handlers: the initial set, or a set being built by Become.
    private HandlerSet _building;

    /// <summary>Creates the actor; register handlers in the derived constructor.</summary>
    protected ReceiveActor()
    {
        _building = _initial;
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> (that satisfy <paramref name="shouldHandle"/>).</summary>
    /// <typeparam name="T">The message type (subtypes included).</typeparam>
    /// <param name="handler">The handler.</param>
    /// <param name="shouldHandle">An optional filter.</param>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _building.Add(new ActionHandler<T>(handler, shouldHandle));
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> that satisfy <paramref name="shouldHandle"/> (Akka's argument order).</summary>
    /// <typeparam name="T">The message type (subtypes included).</typeparam>
    /// <param name="shouldHandle">The filter.</param>
    /// <param name="handler">The handler.</param>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        Receive(handler, shouldHandle);
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> for which <paramref name="handler"/> returns <see langword="true"/>.</summary>
    /// <typeparam name="T">The message type (subtypes included).</typeparam>
    /// <param name="handler">The handler; returning <see langword="false"/> passes the message to the next handler.</param>
    protected void Receive<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _building.Add(new FuncHandler<T>(handler));
    }

    /// <summary>
    /// Handles messages of type <typeparamref name="T"/> asynchronously: the actor processes no other
    /// message (system messages excepted) until the task completes; <c>Sender</c> and <c>Self</c> stay valid
    /// across awaits; a failure of the task goes to the supervisor.
    /// </summary>
    /// <typeparam name="T">The message type (subtypes included).</typeparam>
    /// <param name="handler">The asynchronous handler.</param>
    /// <param name="shouldHandle">An optional filter.</param>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var cell = Cell;
        _building.Add(new ActionHandler<T>(m => cell.RunTask(() => handler(m)), shouldHandle));
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> that satisfy <paramref name="shouldHandle"/>, asynchronously (see <see cref="ReceiveAsync{T}(Func{T, Task}, Predicate{T})"/>).</summary>
    /// <typeparam name="T">The message type (subtypes included).</typeparam>
    /// <param name="shouldHandle">The filter.</param>
    /// <param name="handler">The asynchronous handler.</param>
    protected void ReceiveAsync<T>(Predicate<T> shouldHandle, Func<T, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        ReceiveAsync(handler, shouldHandle);
    }

    /// <summary>Handles every message not handled by an earlier handler.</summary>
    /// <param name="handler">The handler.</param>
    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _building.Add(new ActionHandler<object>(handler, null));
    }

    /// <summary>Handles every message not handled by an earlier handler, asynchronously (see <see cref="ReceiveAsync{T}(Func{T, Task}, Predicate{T})"/>).</summary>
    /// <param name="handler">The asynchronous handler.</param>
    protected void ReceiveAnyAsync(Func<object, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var cell = Cell;
        _building.Add(new ActionHandler<object>(m => cell.RunTask(() => handler(m)), null));
    }

    /// <summary>Replaces the behavior with the handlers registered by <paramref name="configure"/>.</summary>
    /// <param name="configure">Registers handlers with <c>Receive</c>.</param>
    protected void Become(Action configure) => Context.Become(Build(configure));

    /// <summary>Pushes the handlers registered by <paramref name="configure"/> as the new behavior; <see cref="UnbecomeStacked"/> pops it.</summary>
    /// <param name="configure">Registers handlers with <c>Receive</c>.</param>
    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure));

    /// <summary>Returns to the previous behavior.</summary>
    protected void UnbecomeStacked() => Context.Unbecome();

    /// <inheritdoc />
    protected sealed override bool Receive(object message) => _initial.Handle(message);

    private Receive Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var set = new HandlerSet();
        var previous = _building;
        _building = set;
        try
        {
            configure();
        }
        finally
        {
            _building = previous;
        }

        return set.Handle;
    }
}
