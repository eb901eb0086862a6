namespace IoActors.Kernel;

/// <summary>Asks a <see cref="BackoffSupervisor"/> for its current child; the reply is <see cref="CurrentChild"/>.</summary>
public sealed class GetCurrentChild
{
    private GetCurrentChild()
    {
    }

    /// <summary>The single instance.</summary>
    public static GetCurrentChild Instance { get; } = new();
}

/// <summary>The reply to <see cref="GetCurrentChild"/>.</summary>
/// <param name="Ref">The running child, or <see langword="null"/> while it is being restarted.</param>
public sealed record CurrentChild(IActorRef? Ref);

/// <summary>Asks a <see cref="BackoffSupervisor"/> how many restarts it counted; the reply is <see cref="RestartCount"/>.</summary>
public sealed class GetRestartCount
{
    private GetRestartCount()
    {
    }

    /// <summary>The single instance.</summary>
    public static GetRestartCount Instance { get; } = new();
}

/// <summary>The reply to <see cref="GetRestartCount"/>.</summary>
/// <param name="Count">Restarts since the start or the last reset.</param>
public sealed record RestartCount(int Count);

/// <summary>Resets a <see cref="BackoffSupervisor"/>'s restart count (and so its next delay) to the minimum.</summary>
public sealed class ResetBackoff
{
    private ResetBackoff()
    {
    }

    /// <summary>The single instance.</summary>
    public static ResetBackoff Instance { get; } = new();
}
