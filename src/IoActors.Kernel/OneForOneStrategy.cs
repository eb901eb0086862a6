namespace IoActors.Kernel;

/// <summary>Applies the decision only to the child that failed.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed within <paramref name="withinTimeRange"/>; -1 = unlimited, 0 = never restart. Exceeding it stops the child.</param>
    /// <param name="withinTimeRange">The restart window; <see cref="TimeSpan.Zero"/> or <see cref="Timeout.InfiniteTimeSpan"/> = no window.</param>
    /// <param name="decider">Maps an exception to a directive.</param>
    /// <param name="loggingEnabled">Whether failures are logged. The default is <see langword="true"/>.</param>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled)
    {
    }

    /// <summary>Creates the strategy with unlimited restarts.</summary>
    /// <param name="decider">Maps an exception to a directive.</param>
    public OneForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    internal override bool AppliesToAllChildren => false;
}
