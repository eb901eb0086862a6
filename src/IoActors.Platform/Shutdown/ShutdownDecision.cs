namespace IoActors.Platform.Shutdown;

/// <summary>What a shutdown handler decides.</summary>
public enum ShutdownDecision
{
    /// <summary>Let the shutdown (or restart) go on.</summary>
    Proceed,

    /// <summary>Cancel it (<c>{prevent: true}</c>). Not honoured for a signal-initiated shutdown.</summary>
    Prevent,
}
