namespace IoActors.Kernel;

/// <summary>Builds <see cref="BackoffOptions"/> for <see cref="BackoffSupervisor.Props"/>.</summary>
public static class Backoff
{
    /// <summary>Restart the child with a growing delay whenever it stops (for whatever reason).</summary>
    /// <param name="childProps">How to create the child.</param>
    /// <param name="childName">The child's name.</param>
    /// <param name="minBackoff">The first delay.</param>
    /// <param name="maxBackoff">The largest delay.</param>
    /// <param name="randomFactor">Random extra delay factor, 0 to 1.</param>
    /// <returns>The options.</returns>
    public static BackoffOptions OnStop(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor)
    {
        ArgumentNullException.ThrowIfNull(childProps);
        ArgumentNullException.ThrowIfNull(childName);
        return new BackoffOptions(false, childProps, childName, minBackoff, maxBackoff, randomFactor);
    }

    /// <summary>Restart the child with a growing delay when it fails (instead of an immediate restart); if it stops by itself, the supervisor stops too.</summary>
    /// <param name="childProps">How to create the child.</param>
    /// <param name="childName">The child's name.</param>
    /// <param name="minBackoff">The first delay.</param>
    /// <param name="maxBackoff">The largest delay.</param>
    /// <param name="randomFactor">Random extra delay factor, 0 to 1.</param>
    /// <returns>The options.</returns>
    public static BackoffOptions OnFailure(Props childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor)
    {
        ArgumentNullException.ThrowIfNull(childProps);
        ArgumentNullException.ThrowIfNull(childName);
        return new BackoffOptions(true, childProps, childName, minBackoff, maxBackoff, randomFactor);
    }
}
