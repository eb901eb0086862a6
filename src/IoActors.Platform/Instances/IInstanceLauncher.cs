using IoActors.Apps.Definitions;

namespace IoActors.Platform.Instances;

/// <summary>Starts the process or hosted window of one instance. Built-in launchers cover every app type; replace one through <see cref="InstanceManagerSettings.Launchers"/>.</summary>
public interface IInstanceLauncher
{
    /// <summary>Starts what <paramref name="request"/> describes.</summary>
    /// <param name="request">The effective definition (start options applied, macros expanded), environment and title.</param>
    /// <param name="cancellationToken">Cancels the start (the instance was stopped while starting).</param>
    /// <returns>The running instance.</returns>
    /// <exception cref="LaunchException">The start failed; the message says why (missing file, HTTP status, unsupported type…).</exception>
    Task<IRunningInstance> LaunchAsync(LaunchRequest request, CancellationToken cancellationToken);
}

/// <summary>What a launcher starts.</summary>
/// <param name="InstanceId">The instance ID.</param>
/// <param name="Definition">The effective definition: start options merged into <c>details</c>, <c>%VAR%</c>, <c>%GDDIR%</c> and <c>$ASSET_LOCATION$</c> expanded.</param>
/// <param name="Environment">Environment variables for a process (instance ID, API URL and token, <c>_GD_STARTING_CONTEXT_</c>).</param>
/// <param name="Title">The instance title.</param>
public sealed record LaunchRequest(string InstanceId, AppDefinition Definition, IReadOnlyDictionary<string, string> Environment, string Title);

/// <summary>A started process or hosted window.</summary>
public interface IRunningInstance
{
    /// <summary>The OS process ID, or <see langword="null"/> for a hosted window.</summary>
    int? ProcessId { get; }

    /// <summary>Completes when the process exits or the window closes, with how it ended.</summary>
    Task<InstanceExit> Exited { get; }

    /// <summary>Asks it to exit: SIGTERM to the process and its descendants on Unix, close on Windows, close for a window. Returns at once.</summary>
    void RequestStop();

    /// <summary>Kills it and its whole process tree (including descendants already orphaned since <see cref="RequestStop"/>). Returns at once.</summary>
    void Kill();
}

/// <summary>Hosts window-like apps (window, workspaces, webGroup, childWindow). The default headless host loads the URL and applies <c>details.reloadOptions</c>.</summary>
public interface IWindowHost
{
    /// <summary>Opens a window for <paramref name="request"/>; fails when the content cannot be loaded.</summary>
    /// <param name="request">The effective definition and title.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The open window; its <see cref="IRunningInstance.Exited"/> completes when it closes.</returns>
    /// <exception cref="LaunchException">The content could not be loaded (after the reload attempts).</exception>
    Task<IRunningInstance> OpenAsync(LaunchRequest request, CancellationToken cancellationToken);
}
