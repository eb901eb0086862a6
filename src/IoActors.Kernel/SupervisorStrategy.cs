using IoActors.Kernel.Internal;

namespace IoActors.Kernel;

/// <summary>
/// Decides what happens to a failed child. <see cref="OneForOneStrategy"/> applies the decision to the
/// failed child only, <see cref="AllForOneStrategy"/> to all children.
/// </summary>
public abstract class SupervisorStrategy
{
    /// <summary>Creates a strategy.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed within <paramref name="withinTimeRange"/>; -1 = unlimited, 0 = never restart.</param>
    /// <param name="withinTimeRange">The restart window; <see cref="TimeSpan.Zero"/> or <see cref="Timeout.InfiniteTimeSpan"/> = no window.</param>
    /// <param name="decider">Maps an exception to a directive.</param>
    /// <param name="loggingEnabled">Whether failures are logged.</param>
    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled)
    {
        ArgumentNullException.ThrowIfNull(decider);
        if (maxNrOfRetries < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNrOfRetries), maxNrOfRetries, "maxNrOfRetries must be -1 (unlimited), 0 (never restart) or positive.");
        }

        if (withinTimeRange < TimeSpan.Zero && withinTimeRange != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(withinTimeRange), withinTimeRange, "withinTimeRange must be zero or positive (or Timeout.InfiniteTimeSpan for no window).");
        }

        MaxNumberOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
        LoggingEnabled = loggingEnabled;
    }

    /// <summary>
    /// The default strategy: <see cref="ActorInitializationException"/>, <see cref="ActorKilledException"/> and
    /// <see cref="DeathPactException"/> stop the child; any other exception restarts it, without limit.
    /// </summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>A strategy that stops the failed child whatever the exception.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>Restarts allowed within <see cref="WithinTimeRange"/>; -1 = unlimited, 0 = never restart.</summary>
    public int MaxNumberOfRetries { get; }

    /// <summary>The restart window; <see cref="TimeSpan.Zero"/> or <see cref="Timeout.InfiniteTimeSpan"/> = no window.</summary>
    public TimeSpan WithinTimeRange { get; }

    /// <summary>Maps an exception to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>Whether failures are logged by the supervisor.</summary>
    public bool LoggingEnabled { get; }

    /// <summary>Whether the directive applies to all children (all-for-one) rather than the failed one.</summary>
    internal abstract bool AppliesToAllChildren { get; }

    /// <summary>The default decider (see <see cref="DefaultStrategy"/>).</summary>
    /// <param name="cause">The failure.</param>
    /// <returns><see cref="Directive.Stop"/> for initialization, kill and death-pact failures, otherwise <see cref="Directive.Restart"/>.</returns>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>Applies the decider; an exception thrown by the decider escalates.</summary>
    /// <param name="cause">The failure.</param>
    /// <returns>The directive.</returns>
    public Directive Decide(Exception cause)
    {
        try
        {
            return Decider(cause);
        }
        catch (Exception)
        {
            return Directive.Escalate;
        }
    }

    /// <summary>Akka's restart-window rule: may the child restart once more at <paramref name="now"/>?</summary>
    internal bool RequestRestartPermission(ChildRestartStats stats, long now, TimeProvider clock)
    {
        var window = WithinTimeRange == Timeout.InfiniteTimeSpan || WithinTimeRange == TimeSpan.Zero ? (TimeSpan?)null : WithinTimeRange;
        if (MaxNumberOfRetries == 0)
        {
            return false;
        }

        if (MaxNumberOfRetries < 0 && window is null)
        {
            return true;
        }

        if (window is null)
        {
            stats.Count++;
            return stats.Count <= MaxNumberOfRetries;
        }

        var max = MaxNumberOfRetries < 0 ? 1 : MaxNumberOfRetries;
        if (stats.Count == 0 || clock.GetElapsedTime(stats.WindowStart, now) > window.Value)
        {
            stats.Count = 1;
            stats.WindowStart = now;
            return true;
        }

        stats.Count++;
        return stats.Count <= max;
    }
}
