using IoActors.Kernel.Internal;

namespace IoActors.Kernel;

/// <summary>
/// A parent that restarts its single child with exponential backoff (on the system's clock). Messages sent
/// to it are forwarded to the current child (dead letters while there is none). Ask it
/// <see cref="GetCurrentChild"/> or <see cref="GetRestartCount"/>; send <see cref="ResetBackoff"/> to reset the count.
/// </summary>
public static class BackoffSupervisor
{
    /// <summary>The props of a backoff supervisor.</summary>
    /// <param name="options">The backoff options (validated here).</param>
    /// <returns>The props.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static Props Props(BackoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Kernel.Props.Create(() => new BackoffSupervisorActor(options));
    }

    /// <summary>The delay before restart number <paramref name="restartCount"/> (0-based): min(max, min·2^n)·(1 + random·factor).</summary>
    /// <param name="restartCount">How many restarts happened before.</param>
    /// <param name="minBackoff">The first delay.</param>
    /// <param name="maxBackoff">The largest delay.</param>
    /// <param name="randomFactor">Random extra delay factor.</param>
    /// <returns>The delay.</returns>
    public static TimeSpan CalculateDelay(int restartCount, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor)
    {
        var random = 1.0 + (Random.Shared.NextDouble() * randomFactor);
        var exponential = restartCount >= 30 ? double.MaxValue : minBackoff.Ticks * Math.Pow(2, restartCount);
        var capped = Math.Min(maxBackoff.Ticks, exponential);
        var ticks = capped * random;
        return ticks >= TimeSpan.MaxValue.Ticks ? maxBackoff : TimeSpan.FromTicks((long)ticks);
    }
}
