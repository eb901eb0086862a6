namespace IoActors.Kernel;

/// <summary>An immutable recipe for creating an actor: its factory and optional supervisor strategy for its children.</summary>
public sealed class Props
{
    private Props(Type actorType, Func<ActorBase> factory, SupervisorStrategy? supervisorStrategy)
    {
        ActorType = actorType;
        Factory = factory;
        SupervisorStrategy = supervisorStrategy;
    }

    /// <summary>The actor's type.</summary>
    public Type ActorType { get; }

    /// <summary>The strategy that supervises the actor's children, overriding the actor's own; <see langword="null"/> when not set.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Creates a fresh actor instance (run by the kernel on the actor's own turn, on every start and restart).</summary>
    internal Func<ActorBase> Factory { get; }

    /// <summary>Props whose actor is built by <paramref name="factory"/> (called again on every restart).</summary>
    /// <typeparam name="T">The actor type.</typeparam>
    /// <param name="factory">Builds a new instance; must return a new object each time.</param>
    /// <returns>The props.</returns>
    public static Props Create<T>(Func<T> factory)
        where T : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(T), factory, null);
    }

    /// <summary>Props whose actor is built with its parameterless constructor.</summary>
    /// <typeparam name="T">The actor type.</typeparam>
    /// <returns>The props.</returns>
    public static Props Create<T>()
        where T : ActorBase, new()
        => new(typeof(T), static () => new T(), null);

    /// <summary>A copy whose actor supervises its children with <paramref name="strategy"/>.</summary>
    /// <param name="strategy">The strategy.</param>
    /// <returns>The new props.</returns>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new Props(ActorType, Factory, strategy);
    }

    /// <inheritdoc />
    public override string ToString() => $"Props({ActorType.Name})";
}
