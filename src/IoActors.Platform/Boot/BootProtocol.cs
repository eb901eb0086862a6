using IoActors.Apps.Definitions;

namespace IoActors.Platform.Boot;

/// <summary>Which readiness signal an instance sent.</summary>
internal enum ReadinessSignal
{
    /// <summary>The app invoked "signal-app-ready" (<c>AppSignalReady</c>).</summary>
    AppSignal,

    /// <summary>The app's interop connection is up (<c>InteropReady</c>).</summary>
    InteropReady,
}

// ---- messages to the boot supervisor ----

/// <summary>An instance sent a readiness signal. The platform routes readiness here as well as to the instance manager.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Signal">Which signal.</param>
internal sealed record InstanceSignalled(string InstanceId, ReadinessSignal Signal);

/// <summary>Query: the current boot report. Replies <see cref="BootReport"/>.</summary>
public sealed record GetBootReport
{
    /// <summary>The shared instance.</summary>
    public static GetBootReport Instance { get; } = new();
}

// ---- events (on the event stream) ----

/// <summary>Base of every boot event (subscribe to it for all of them).</summary>
/// <param name="Attempt">The boot attempt: 1, then one more per restart.</param>
public abstract record BootEvent(int Attempt);

/// <summary>The boot started (it waits for the required app stores first).</summary>
/// <param name="Attempt">The boot attempt.</param>
public sealed record BootStarted(int Attempt) : BootEvent(Attempt);

/// <summary>The required app stores loaded; the stages begin.</summary>
/// <param name="Attempt">The boot attempt.</param>
/// <param name="Apps">How many auto-start apps are planned.</param>
public sealed record StoresReady(int Attempt, int Apps) : BootEvent(Attempt);

/// <summary>A stage started.</summary>
/// <param name="Attempt">The boot attempt.</param>
/// <param name="Stage">The stage.</param>
public sealed record StageStarted(int Attempt, BootStage Stage) : BootEvent(Attempt);

/// <summary>A stage ended: each of its waiting apps is ready or timed out.</summary>
/// <param name="Attempt">The boot attempt.</param>
/// <param name="Stage">The stage.</param>
public sealed record StageCompleted(int Attempt, BootStage Stage) : BootEvent(Attempt);

/// <summary>The identity gate resolved the user (between pre-sso and post-sso).</summary>
/// <param name="Attempt">The boot attempt.</param>
/// <param name="Identity">The identity.</param>
public sealed record IdentityResolved(int Attempt, PlatformIdentity Identity) : BootEvent(Attempt);

/// <summary>Base of the per-app boot events.</summary>
/// <param name="Attempt">The boot attempt.</param>
/// <param name="App">The app's boot record after the change.</param>
public abstract record AppBootEvent(int Attempt, AppBootRecord App) : BootEvent(Attempt);

/// <summary>The boot requested the start of an auto-start app.</summary>
/// <param name="Attempt">The boot attempt.</param>
/// <param name="App">The app's boot record.</param>
public sealed record AppBootRequested(int Attempt, AppBootRecord App) : AppBootEvent(Attempt, App);

/// <summary>An auto-start app started.</summary>
/// <param name="Attempt">The boot attempt.</param>
/// <param name="App">The app's boot record.</param>
public sealed record AppBootStarted(int Attempt, AppBootRecord App) : AppBootEvent(Attempt, App);

/// <summary>An auto-start app signalled the readiness the boot waited for.</summary>
/// <param name="Attempt">The boot attempt.</param>
/// <param name="App">The app's boot record.</param>
public sealed record AppBootReady(int Attempt, AppBootRecord App) : AppBootEvent(Attempt, App);

/// <summary>An auto-start app did not signal readiness within its timeout; the boot went on unless it was critical.</summary>
/// <param name="Attempt">The boot attempt.</param>
/// <param name="App">The app's boot record.</param>
public sealed record AppBootTimedOut(int Attempt, AppBootRecord App) : AppBootEvent(Attempt, App);

/// <summary>An auto-start app could not be started.</summary>
/// <param name="Attempt">The boot attempt.</param>
/// <param name="App">The app's boot record (with the error).</param>
public sealed record AppBootFailed(int Attempt, AppBootRecord App) : AppBootEvent(Attempt, App);

/// <summary>An auto-start app was not started because it breaks the rules of its stage.</summary>
/// <param name="Attempt">The boot attempt.</param>
/// <param name="App">The app's boot record (the error says which rule).</param>
public sealed record AppBootRefused(int Attempt, AppBootRecord App) : AppBootEvent(Attempt, App);

/// <summary>The boot finished: every stage ran.</summary>
/// <param name="Attempt">The boot attempt.</param>
/// <param name="Report">The boot report.</param>
public sealed record BootCompleted(int Attempt, BootReport Report) : BootEvent(Attempt);

/// <summary>The boot failed; the platform shuts down.</summary>
/// <param name="Attempt">The boot attempt.</param>
/// <param name="Error">What failed, naming the store or app and the cause.</param>
/// <param name="Report">The boot report at the moment of failure.</param>
public sealed record BootFailed(int Attempt, string Error, BootReport Report) : BootEvent(Attempt);

/// <summary>A loaded app breaks the rules of the stage it asks for; it will not be started at boot (a load-time warning).</summary>
/// <param name="AppName">The app.</param>
/// <param name="StoreId">Its store.</param>
/// <param name="Stage">The stage it asks for.</param>
/// <param name="Reason">Which rule it breaks.</param>
public sealed record StageRuleWarning(string AppName, string StoreId, BootStage Stage, string Reason);
