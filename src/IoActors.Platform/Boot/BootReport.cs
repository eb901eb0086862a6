using IoActors.Apps.Definitions;

namespace IoActors.Platform.Boot;

/// <summary>How one auto-start app fared in the boot.</summary>
public enum AppBootOutcome
{
    /// <summary>Planned, not requested yet.</summary>
    Pending,

    /// <summary>Start requested; not started yet.</summary>
    Requested,

    /// <summary>Started; the boot does not wait for it (or still waits for its readiness).</summary>
    Started,

    /// <summary>Started and signalled readiness.</summary>
    Ready,

    /// <summary>Its readiness did not arrive within its timeout; the boot went on (unless it was critical).</summary>
    TimedOut,

    /// <summary>It could not be started.</summary>
    Failed,

    /// <summary>Not started: it breaks the rules of its stage.</summary>
    Refused,
}

/// <summary>The boot record of one auto-start app. Times are platform time.</summary>
/// <param name="Name">The app name.</param>
/// <param name="StoreId">The store it comes from.</param>
/// <param name="Stage">The stage it belongs to.</param>
/// <param name="Priority">Its priority in the stage (higher starts first).</param>
/// <param name="Wait">What readiness the boot waits for.</param>
/// <param name="Critical">Whether its failure or timeout fails the boot.</param>
/// <param name="Outcome">Where it is now.</param>
/// <param name="InstanceId">The started instance, or <see langword="null"/>.</param>
/// <param name="RequestedAt">When the start was requested.</param>
/// <param name="StartedAt">When the instance started.</param>
/// <param name="ReadyAt">When it signalled readiness.</param>
/// <param name="TimedOutAt">When its readiness timeout passed.</param>
/// <param name="FailedAt">When it failed to start.</param>
/// <param name="Error">Why it failed, timed out or was refused.</param>
public sealed record AppBootRecord(
    string Name,
    string StoreId,
    BootStage Stage,
    double Priority,
    InitializationWait Wait,
    bool Critical,
    AppBootOutcome Outcome,
    string? InstanceId = null,
    DateTimeOffset? RequestedAt = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? ReadyAt = null,
    DateTimeOffset? TimedOutAt = null,
    DateTimeOffset? FailedAt = null,
    string? Error = null);

/// <summary>The boot record of one stage.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="StartedAt">When it started, or <see langword="null"/> when not yet.</param>
/// <param name="EndedAt">When it ended, or <see langword="null"/> when not yet.</param>
public sealed record StageBootRecord(BootStage Stage, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt);

/// <summary>
/// The boot report: per stage and per auto-start app, when things were requested, started, ready, timed out or failed.
/// Published with <see cref="BootCompleted"/> / <see cref="BootFailed"/> and queryable at any time.
/// </summary>
/// <param name="Attempt">1 for the first boot, then one more per restart.</param>
/// <param name="StartedAt">When the boot started.</param>
/// <param name="EndedAt">When it ended, or <see langword="null"/> while it runs.</param>
/// <param name="Stages">The stages in boot order.</param>
/// <param name="Apps">The auto-start apps in the order they were planned (stage, then priority, highest first).</param>
/// <param name="Identity">The user identity resolved at the identity gate, or <see langword="null"/> before it.</param>
/// <param name="Error">Why the boot failed, or <see langword="null"/>.</param>
public sealed record BootReport(
    int Attempt,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<StageBootRecord> Stages,
    IReadOnlyList<AppBootRecord> Apps,
    PlatformIdentity? Identity,
    string? Error)
{
    /// <summary>Whether the boot has ended (successfully or not).</summary>
    public bool Finished => EndedAt is not null;

    /// <summary>Whether the boot ended successfully.</summary>
    public bool Succeeded => EndedAt is not null && Error is null;

    /// <summary>The boot's duration so far, or in total once it ended.</summary>
    /// <param name="now">The current platform time, used while the boot runs.</param>
    /// <returns>The duration.</returns>
    public TimeSpan Duration(DateTimeOffset now) => (EndedAt ?? now) - StartedAt;
}
