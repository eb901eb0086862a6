namespace IoActors.Kernel;

/// <summary>
/// How a <see cref="BackoffSupervisor"/> restarts its child: after an exponentially growing, randomized delay.
/// Create with <see cref="Backoff.OnStop"/> or <see cref="Backoff.OnFailure"/>; immutable.
/// </summary>
public sealed record BackoffOptions
{
    internal BackoffOptions(bool onFailure, Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor)
    {
        OnFailure = onFailure;
        ChildProps = childProps;
        ChildName = childName;
        MinBackoff = minBackoff;
        MaxBackoff = maxBackoff;
        RandomFactor = randomFactor;
        AutoReset = minBackoff;
    }

    /// <summary>Whether the child is restarted when it fails (<see langword="true"/>) or whenever it stops (<see langword="false"/>).</summary>
    public bool OnFailure { get; }

    /// <summary>How to create the child.</summary>
    public Props ChildProps { get; }

    /// <summary>The child's name (the same for every incarnation).</summary>
    public string ChildName { get; }

    /// <summary>The first delay; positive.</summary>
    public TimeSpan MinBackoff { get; }

    /// <summary>The largest delay; at least <see cref="MinBackoff"/>.</summary>
    public TimeSpan MaxBackoff { get; }

    /// <summary>Each delay is multiplied by 1 + a random number in [0, RandomFactor]; between 0 and 1.</summary>
    public double RandomFactor { get; }

    /// <summary>After the child has run this long, the restart count is reset to 0; <see langword="null"/> = never. The default is <see cref="MinBackoff"/>.</summary>
    public TimeSpan? AutoReset { get; private init; }

    /// <summary>After this many restarts the supervisor stops itself; -1 = unlimited. The default is -1.</summary>
    public int MaxNrOfRetries { get; private init; } = -1;

    /// <summary>The strategy for the child's failures (a Restart decision becomes a backoff restart with <see cref="Backoff.OnFailure"/>). The default is <see cref="SupervisorStrategy.DefaultStrategy"/>.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; private init; }

    /// <summary>A copy that resets the restart count after the child has run for <paramref name="resetBackoff"/>.</summary>
    /// <param name="resetBackoff">The running time after which the count resets; positive.</param>
    /// <returns>The new options.</returns>
    public BackoffOptions WithAutoReset(TimeSpan resetBackoff) => this with { AutoReset = resetBackoff };

    /// <summary>A copy that never resets the restart count automatically.</summary>
    /// <returns>The new options.</returns>
    public BackoffOptions WithManualReset() => this with { AutoReset = null };

    /// <summary>A copy that gives up (stops the supervisor) after <paramref name="maxNrOfRetries"/> restarts.</summary>
    /// <param name="maxNrOfRetries">The maximum number of restarts; -1 = unlimited.</param>
    /// <returns>The new options.</returns>
    public BackoffOptions WithMaxNrOfRetries(int maxNrOfRetries) => this with { MaxNrOfRetries = maxNrOfRetries };

    /// <summary>A copy that supervises the child's failures with <paramref name="strategy"/>.</summary>
    /// <param name="strategy">The strategy.</param>
    /// <returns>The new options.</returns>
    public BackoffOptions WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return this with { SupervisorStrategy = strategy };
    }

    /// <summary>Checks every setting and reports all problems at once.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names each field, value and rule.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ChildName))
        {
            problems.Add("ChildName: must not be empty.");
        }

        if (MinBackoff <= TimeSpan.Zero)
        {
            problems.Add($"MinBackoff: {MinBackoff} is invalid; it must be positive.");
        }

        if (MaxBackoff < MinBackoff)
        {
            problems.Add($"MaxBackoff: {MaxBackoff} is invalid; it must be at least MinBackoff ({MinBackoff}).");
        }

        if (RandomFactor is < 0 or > 1 || double.IsNaN(RandomFactor))
        {
            problems.Add($"RandomFactor: {RandomFactor} is invalid; it must be between 0 and 1.");
        }

        if (AutoReset is { } reset && reset <= TimeSpan.Zero)
        {
            problems.Add($"AutoReset: {reset} is invalid; it must be positive.");
        }

        if (MaxNrOfRetries < -1)
        {
            problems.Add($"MaxNrOfRetries: {MaxNrOfRetries} is invalid; it must be -1 (unlimited) or at least 0.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid BackoffOptions: " + string.Join(" ", problems));
        }
    }
}
