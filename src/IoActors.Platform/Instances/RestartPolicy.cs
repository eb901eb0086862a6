using IoActors.Apps.Definitions;

namespace IoActors.Platform.Instances;

/// <summary>
/// The restart policy of a process app: the documented top-level definition property
/// <c>"restartPolicy": {"mode": "never"|"on-failure"|"always", "maxRestarts", "withinMs", "backoffMs", "maxBackoffMs"}</c>,
/// whose missing fields come from the platform default (<see cref="InstanceManagerSettings.DefaultRestartPolicy"/>).
/// An unexpected exit restarts after <c>backoffMs × 2^(n-1)</c> (capped at <c>maxBackoffMs</c>) for the n-th restart
/// within the window; more than <c>maxRestarts</c> restarts within <c>withinMs</c> gives up with a final
/// <see cref="InstanceStopped"/> whose reason says so. A stop on request never restarts.
/// </summary>
/// <param name="Mode">When to restart. The default is <see cref="RestartMode.Never"/>.</param>
/// <param name="MaxRestarts">Restarts allowed within <paramref name="Within"/>. The default is 5.</param>
/// <param name="Within">The sliding window for <paramref name="MaxRestarts"/>. The default is 60 s.</param>
/// <param name="Backoff">The first restart's delay. The default is 1 s.</param>
/// <param name="MaxBackoff">The largest delay. The default is 30 s.</param>
public sealed record RestartPolicy(RestartMode Mode, int MaxRestarts, TimeSpan Within, TimeSpan Backoff, TimeSpan MaxBackoff)
{
    /// <summary>The platform default: never restart (limits 5 within 60 s, backoff 1 s to 30 s when a mode is set).</summary>
    public static RestartPolicy Default { get; } = new(RestartMode.Never, AppRestartPolicy.DefaultMaxRestarts, AppRestartPolicy.DefaultWithin, AppRestartPolicy.DefaultBackoff, AppRestartPolicy.DefaultMaxBackoff);

    /// <summary>Whether an exit that was not requested should restart the process.</summary>
    /// <param name="exit">How the process ended.</param>
    /// <returns><see langword="true"/> to restart (subject to the limit).</returns>
    public bool ShouldRestart(InstanceExit exit) => Mode switch
    {
        RestartMode.Always => true,
        RestartMode.OnFailure => exit.IsFailure,
        _ => false,
    };

    /// <summary>The delay before the <paramref name="attempt"/>-th restart within the window (1-based).</summary>
    /// <param name="attempt">The restart number, from 1.</param>
    /// <returns>The backoff delay, doubling per attempt and capped at <see cref="MaxBackoff"/>.</returns>
    public TimeSpan DelayFor(int attempt) => AppRestartPolicy.DelayFor(attempt, Backoff, MaxBackoff);
}
