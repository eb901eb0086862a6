namespace IoActors.Platform.Hosting;

/// <summary>What happened to an instance in an <see cref="InstanceHistoryEntry"/>.</summary>
public enum InstanceHistoryKind
{
    /// <summary>The instance started.</summary>
    Started,

    /// <summary>The instance's process exited unexpectedly and the restart policy will start it again.</summary>
    Restarting,

    /// <summary>The restart policy started a new process for the instance.</summary>
    Restarted,

    /// <summary>The instance is gone for good.</summary>
    Stopped,

    /// <summary>The instance could not be started.</summary>
    StartFailed,
}

/// <summary>One persisted step of an instance's lifecycle, kept across platform restarts.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="InstanceId">The instance.</param>
/// <param name="AppName">The app it is an instance of.</param>
/// <param name="At">When it happened (platform time).</param>
/// <param name="RestartCount">How many times the restart policy had restarted the instance by then.</param>
/// <param name="ExitCode">The process exit code, or <see langword="null"/> (not an exit, a window, a signal or unknown).</param>
/// <param name="Signal">The signal that ended the process, or <see langword="null"/>.</param>
/// <param name="Reason">Why (the stop reason, the exit description or the start error), or <see langword="null"/>.</param>
public sealed record InstanceHistoryEntry(
    InstanceHistoryKind Kind,
    string InstanceId,
    string AppName,
    DateTimeOffset At,
    int RestartCount,
    int? ExitCode = null,
    int? Signal = null,
    string? Reason = null);
