using System.Text.Json;
using System.Text.Json.Nodes;
using IoActors.Apps.Definitions;

namespace IoActors.Platform.Instances;

/// <summary>How an instance was started (seed 05, <c>startedBy()</c>).</summary>
public enum StartedByKind
{
    /// <summary>Started by another app (or by code hosting the platform).</summary>
    Application,

    /// <summary>Started to handle a raised intent.</summary>
    Intent,

    /// <summary>Started by the platform at boot (<c>autoStart</c>).</summary>
    AutoStart,
}

/// <summary>Who started an instance: the starting app and instance (when known) and how.</summary>
/// <param name="ApplicationName">Name of the app that started the instance, or <see langword="null"/>.</param>
/// <param name="InstanceId">ID of the instance that started the instance, or <see langword="null"/>.</param>
/// <param name="Kind">How the instance was started.</param>
public sealed record StartedBy(string? ApplicationName, string? InstanceId, StartedByKind Kind)
{
    /// <summary>Started by the platform at boot.</summary>
    public static StartedBy AutoStart { get; } = new(null, null, StartedByKind.AutoStart);

    /// <summary>Started by code hosting the platform (no app, no instance).</summary>
    public static StartedBy Host { get; } = new(null, null, StartedByKind.Application);

    /// <summary>The seed's wire name of <see cref="Kind"/>: <c>"application"</c>, <c>"intent"</c> or <c>"autoStart"</c>.</summary>
    public string KindName => Kind switch
    {
        StartedByKind.Intent => "intent",
        StartedByKind.AutoStart => "autoStart",
        _ => "application",
    };
}

/// <summary>Where an instance is in its life.</summary>
public enum InstanceState
{
    /// <summary>Being launched (downloads, process start, window load).</summary>
    Starting,

    /// <summary>Launched and running.</summary>
    Running,

    /// <summary>Its process exited unexpectedly; a restart is scheduled by the restart policy.</summary>
    Restarting,

    /// <summary>A stop was requested; waiting for the process to exit.</summary>
    Stopping,

    /// <summary>Gone (final).</summary>
    Stopped,
}

/// <summary>A snapshot of one instance.</summary>
/// <param name="Id">The instance ID (unique in the platform's lifetime).</param>
/// <param name="AppName">The app's name.</param>
/// <param name="AppType">The app's type.</param>
/// <param name="InstanceIndex">The per-app consecutive number, from 1; reset when all of the app's instances are closed.</param>
/// <param name="Title">The window title (<c>applications.titleFormat</c> applied, or set later).</param>
/// <param name="State">The life-cycle state.</param>
/// <param name="ProcessId">The OS process ID for process apps while running, else <see langword="null"/>.</param>
/// <param name="Ready">Whether the instance signalled readiness (<see cref="AppSignalReady"/> or <see cref="InteropReady"/>).</param>
/// <param name="Context">The start context (or the context set later), or <see langword="null"/>.</param>
/// <param name="StartedBy">Who started it.</param>
/// <param name="StartedAt">When the start was requested (platform time).</param>
/// <param name="RestartCount">How many times the restart policy restarted its process.</param>
public sealed record InstanceInfo(
    string Id,
    string AppName,
    AppType AppType,
    int InstanceIndex,
    string Title,
    InstanceState State,
    int? ProcessId,
    bool Ready,
    JsonElement? Context,
    StartedBy StartedBy,
    DateTimeOffset StartedAt,
    int RestartCount);

/// <summary>How a process (or hosted window) ended.</summary>
/// <param name="ExitCode">The exit code, or <see langword="null"/> when killed by a signal or not a process.</param>
/// <param name="Signal">The terminating signal number on Unix (e.g. 15, 9), or <see langword="null"/>.</param>
/// <param name="Description">A readable description, e.g. "exit code 1" or "signal 9 (SIGKILL)".</param>
public sealed record InstanceExit(int? ExitCode, int? Signal, string Description)
{
    /// <summary>Whether the exit counts as a failure for <see cref="RestartMode.OnFailure"/> (non-zero exit or a signal).</summary>
    public bool IsFailure => Signal is not null || ExitCode is not (null or 0);

    /// <inheritdoc/>
    public override string ToString() => Description;
}

/// <summary>Flags naming what an <see cref="InstanceUpdated"/> changed.</summary>
[Flags]
public enum InstanceChanges
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>The instance became ready.</summary>
    Ready = 1,

    /// <summary>The title changed.</summary>
    Title = 2,

    /// <summary>The context changed.</summary>
    Context = 4,

    /// <summary>The restart policy started a new process (new <see cref="InstanceInfo.ProcessId"/>).</summary>
    Restarted = 8,
}

// ---- commands (to /user/platform/instances) ----

/// <summary>
/// Starts an instance of <paramref name="App"/>. Replies <see cref="InstanceStartResult"/> once the instance runs (process
/// started, window loaded), or <c>Status.Failure</c> with an <see cref="InstanceStartException"/> (so
/// <c>Ask&lt;InstanceStartResult&gt;</c> faults with it). When the app has <c>allowMultiple: false</c> and an instance
/// exists, replies with that instance and <see cref="InstanceStartResult.AlreadyRunning"/> set.
/// </summary>
/// <param name="App">The definition to start (as the registry holds it).</param>
/// <param name="Context">The start context passed to the app, or <see langword="null"/>.</param>
/// <param name="Options">Start options: properties that override the definition's <c>details</c> for this instance, or <see langword="null"/>.</param>
/// <param name="StartedBy">Who starts it; <see langword="null"/> means <see cref="Instances.StartedBy.Host"/>.</param>
public sealed record StartInstance(AppDefinition App, JsonElement? Context = null, JsonObject? Options = null, StartedBy? StartedBy = null);

/// <summary>
/// Adopts a process the platform did not start (an io.Connect client that registers itself, <c>T42.ACS.RegisterInstance</c>)
/// as an instance of <paramref name="App"/>. Nothing is launched: the instance is watched like a started one
/// (<see cref="InstanceStarted"/>, then <see cref="InstanceStopped"/> when its process exits) and stopped like one (SIGTERM,
/// then a kill after the grace period), but never restarted. Without a process id it lives until stopped. Replies
/// <see cref="InstanceStartResult"/>, or <c>Status.Failure</c> with an <see cref="InstanceStartException"/> (no such
/// process, or the app does not allow another instance).
/// </summary>
/// <param name="App">The definition the process says it is an instance of.</param>
/// <param name="ProcessId">Its process id, or <see langword="null"/>.</param>
/// <param name="InstanceId">The id to give it (the id its client already goes by) when that id is free and made of letters, digits, '-' and '_' (at most 64); otherwise, or when <see langword="null"/>, a new one.</param>
internal sealed record AdoptInstance(AppDefinition App, int? ProcessId, string? InstanceId = null);

/// <summary>Reply to <see cref="StartInstance"/>.</summary>
/// <param name="Instance">The running instance.</param>
/// <param name="AlreadyRunning">Whether this is an existing instance returned because the app does not allow multiple instances.</param>
public sealed record InstanceStartResult(InstanceInfo Instance, bool AlreadyRunning);

/// <summary>
/// Stops an instance: SIGTERM (close on Windows), then the whole process tree is killed after the grace period. It is never
/// restarted. Replies with the final <see cref="InstanceStopped"/> once gone, or <c>Status.Failure</c> with an
/// <see cref="InstanceNotFoundException"/>.
/// </summary>
/// <param name="InstanceId">The instance to stop.</param>
/// <param name="Reason">Why (in the <see cref="InstanceStopped"/> reason), or <see langword="null"/> for "stopped on request".</param>
public sealed record StopInstance(string InstanceId, string? Reason = null);

/// <summary>Stops every instance of an app (as <see cref="StopInstance"/>). Replies <see cref="StopAppInstancesResult"/> at once.</summary>
/// <param name="AppName">The app.</param>
/// <param name="Reason">Why, or <see langword="null"/>.</param>
public sealed record StopAppInstances(string AppName, string? Reason = null);

/// <summary>Reply to <see cref="StopAppInstances"/>.</summary>
/// <param name="InstanceIds">The instances being stopped.</param>
public sealed record StopAppInstancesResult(IReadOnlyList<string> InstanceIds);

/// <summary>Sets an instance's title; publishes <see cref="InstanceUpdated"/>. No reply.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Title">The new title.</param>
internal sealed record SetInstanceTitle(string InstanceId, string Title);

/// <summary>Replaces an instance's context; publishes <see cref="InstanceUpdated"/>. No reply.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Context">The new context.</param>
internal sealed record SetInstanceContext(string InstanceId, JsonElement Context);

/// <summary>The app signalled it is ready (host API). Marks the instance ready (once) and publishes <see cref="InstanceUpdated"/>. No reply.</summary>
/// <param name="InstanceId">The instance.</param>
internal sealed record AppSignalReady(string InstanceId);

/// <summary>The app's interop connection is up (gateway). Marks the instance ready (once) and publishes <see cref="InstanceUpdated"/>. No reply.</summary>
/// <param name="InstanceId">The instance.</param>
public sealed record InteropReady(string InstanceId);

/// <summary>Query: the live instances (all, or one app's). Replies <see cref="InstanceList"/>.</summary>
/// <param name="AppName">Only this app's instances, or <see langword="null"/> for all.</param>
public sealed record GetInstances(string? AppName = null);

/// <summary>Reply to <see cref="GetInstances"/>, ordered by start.</summary>
/// <param name="Instances">The instances.</param>
public sealed record InstanceList(IReadOnlyList<InstanceInfo> Instances);

/// <summary>Query: one instance. Replies <see cref="InstanceLookup"/>.</summary>
/// <param name="InstanceId">The instance.</param>
public sealed record GetInstance(string InstanceId);

/// <summary>Reply to <see cref="GetInstance"/>.</summary>
/// <param name="Instance">The instance, or <see langword="null"/> when there is no such live instance.</param>
public sealed record InstanceLookup(InstanceInfo? Instance);

// ---- events (on the event stream) ----

/// <summary>Base of every instance event (subscribe to it for all of them).</summary>
public abstract record InstanceEvent
{
    /// <summary>The instance ID.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The app name.</summary>
    public abstract string AppName { get; }
}

/// <summary>An instance is running (published once per instance).</summary>
/// <param name="Instance">The instance.</param>
public sealed record InstanceStarted(InstanceInfo Instance) : InstanceEvent
{
    /// <inheritdoc/>
    public override string InstanceId => Instance.Id;

    /// <inheritdoc/>
    public override string AppName => Instance.AppName;
}

/// <summary>An instance changed: readiness, title, context, or a restart.</summary>
/// <param name="Instance">The instance after the change.</param>
/// <param name="Changes">What changed.</param>
public sealed record InstanceUpdated(InstanceInfo Instance, InstanceChanges Changes) : InstanceEvent
{
    /// <inheritdoc/>
    public override string InstanceId => Instance.Id;

    /// <inheritdoc/>
    public override string AppName => Instance.AppName;
}

/// <summary>An instance's process exited unexpectedly and the restart policy will start it again after <paramref name="Delay"/>.</summary>
/// <param name="Instance">The instance.</param>
/// <param name="Exit">How the process ended.</param>
/// <param name="Attempt">The restart attempt this schedules (1 for the first restart within the window).</param>
/// <param name="Delay">The backoff delay.</param>
public sealed record InstanceRestarting(InstanceInfo Instance, InstanceExit Exit, int Attempt, TimeSpan Delay) : InstanceEvent
{
    /// <inheritdoc/>
    public override string InstanceId => Instance.Id;

    /// <inheritdoc/>
    public override string AppName => Instance.AppName;
}

/// <summary>An instance is gone for good (published once per instance that had started).</summary>
/// <param name="Instance">The instance (state <see cref="InstanceState.Stopped"/>).</param>
/// <param name="Exit">How its last process ended, or <see langword="null"/> (window, or unknown).</param>
/// <param name="Reason">Why, e.g. "stopped on request", "exited: exit code 0", "restart limit reached: …".</param>
/// <param name="Requested">Whether a stop was requested (<see cref="StopInstance"/>, app removed, shutdown).</param>
public sealed record InstanceStopped(InstanceInfo Instance, InstanceExit? Exit, string Reason, bool Requested) : InstanceEvent
{
    /// <inheritdoc/>
    public override string InstanceId => Instance.Id;

    /// <inheritdoc/>
    public override string AppName => Instance.AppName;
}

/// <summary>An instance could not be started (never followed by <see cref="InstanceStopped"/>).</summary>
/// <param name="Instance">The instance as it was being started.</param>
/// <param name="Reason">The error, naming what is wrong (missing file, HTTP status, unsupported type…).</param>
public sealed record InstanceStartFailed(InstanceInfo Instance, string Reason) : InstanceEvent
{
    /// <inheritdoc/>
    public override string InstanceId => Instance.Id;

    /// <inheritdoc/>
    public override string AppName => Instance.AppName;
}
