namespace IoActors.Kernel;

/// <summary>Applies the decision to all children when one fails (all restart, or all stop).</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed within <paramref name="withinTimeRange"/>; -1 = unlimited, 0 = never restart. Exceeding it stops all children.</param>
    /// <param name="withinTimeRange">The restart window; <see cref="TimeSpan.Zero"/> or <see cref="Timeout.InfiniteTimeSpan"/> = no window.</param>
    /// <param name="decider">Maps an exception to a directive.</param>
    /// <param name="loggingEnabled">Whether failures are logged. The default is <see langword="true"/>.</param>
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled)
    {
    }

    /// <summary>Creates the strategy with unlimited restarts.</summary>
    /// <param name="decider">Maps an exception to a directive.</param>
    public AllForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    internal override bool AppliesToAllChildren => true;
}
