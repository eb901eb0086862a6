using Microsoft.Extensions.Logging;

namespace IoActors.Kernel;

/// <summary>
/// Runs registered tasks in ordered phases when the system shuts down (on <see cref="ActorSystem.Terminate"/>,
/// SIGTERM/SIGINT or process exit). Tasks of one phase run concurrently; a phase that overruns its timeout
/// is logged and the next phase starts. The last phase stops all actors.
/// </summary>
public sealed class CoordinatedShutdown
{
    /// <summary>The first phase.</summary>
    public const string PhaseBeforeServiceUnbind = "before-service-unbind";

    /// <summary>Stop accepting new incoming connections and requests.</summary>
    public const string PhaseServiceUnbind = "service-unbind";

    /// <summary>Wait for requests in progress to complete.</summary>
    public const string PhaseServiceRequestsDone = "service-requests-done";

    /// <summary>Final shutdown of services.</summary>
    public const string PhaseServiceStop = "service-stop";

    /// <summary>Phase for custom application tasks before the cluster phases.</summary>
    public const string PhaseBeforeClusterShutdown = "before-cluster-shutdown";

    /// <summary>Cluster sharding shutdown (kept for Akka naming; no built-in task).</summary>
    public const string PhaseClusterShardingShutdownRegion = "cluster-sharding-shutdown-region";

    /// <summary>Leaving the cluster (kept for Akka naming; no built-in task).</summary>
    public const string PhaseClusterLeave = "cluster-leave";

    /// <summary>Cluster exiting (kept for Akka naming; no built-in task).</summary>
    public const string PhaseClusterExiting = "cluster-exiting";

    /// <summary>Cluster exiting done (kept for Akka naming; no built-in task).</summary>
    public const string PhaseClusterExitingDone = "cluster-exiting-done";

    /// <summary>Cluster shutdown (kept for Akka naming; no built-in task).</summary>
    public const string PhaseClusterShutdown = "cluster-shutdown";

    /// <summary>Phase for custom application tasks just before the actors stop.</summary>
    public const string PhaseBeforeActorSystemTerminate = "before-actor-system-terminate";

    /// <summary>The last phase: all actors are stopped.</summary>
    public const string PhaseActorSystemTerminate = "actor-system-terminate";

    private readonly ActorSystem _system;
    private readonly ActorSystemOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<(string Name, Func<Task> Task)>> _tasks = [];
    private Task? _run;

    internal CoordinatedShutdown(ActorSystem system, ActorSystemOptions options)
    {
        _system = system;
        _options = options;
        _logger = system.LoggerFactory.CreateLogger("IoActors.Kernel.CoordinatedShutdown");
    }

    /// <summary>The phases, in the order they run.</summary>
    public static IReadOnlyList<string> PhaseNames { get; } =
    [
        PhaseBeforeServiceUnbind, PhaseServiceUnbind, PhaseServiceRequestsDone, PhaseServiceStop,
        PhaseBeforeClusterShutdown, PhaseClusterShardingShutdownRegion, PhaseClusterLeave, PhaseClusterExiting,
        PhaseClusterExitingDone, PhaseClusterShutdown, PhaseBeforeActorSystemTerminate, PhaseActorSystemTerminate,
    ];

    /// <summary>Why the shutdown runs, or <see langword="null"/> before it started.</summary>
    public CoordinatedShutdownReason? Reason { get; private set; }

    /// <summary>The sum of all phase timeouts: the longest a full run can take.</summary>
    public TimeSpan TotalTimeout => PhaseNames.Aggregate(TimeSpan.Zero, (sum, phase) => sum + PhaseTimeout(phase));

    /// <summary>The timeout of a phase.</summary>
    /// <param name="phase">The phase name.</param>
    /// <returns>The timeout.</returns>
    /// <exception cref="ArgumentException">Unknown phase.</exception>
    public TimeSpan PhaseTimeout(string phase)
    {
        EnsurePhase(phase);
        return _options.CoordinatedShutdownPhaseTimeouts.TryGetValue(phase, out var timeout) ? timeout : _options.CoordinatedShutdownPhaseTimeout;
    }

    /// <summary>Registers a task to run in a phase. Tasks added after the shutdown started are ignored (and logged).</summary>
    /// <param name="phase">One of <see cref="PhaseNames"/>.</param>
    /// <param name="taskName">A name for logs.</param>
    /// <param name="task">The task to start.</param>
    /// <exception cref="ArgumentException">Unknown phase or empty task name.</exception>
    public void AddTask(string phase, string taskName, Func<Task> task)
    {
        EnsurePhase(phase);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskName);
        ArgumentNullException.ThrowIfNull(task);
        lock (_lock)
        {
            if (_run is not null)
            {
                _logger.LogWarning("Coordinated shutdown already running; task {TaskName} added to phase {Phase} is ignored", taskName, phase);
                return;
            }

            if (!_tasks.TryGetValue(phase, out var list))
            {
                _tasks[phase] = list = [];
            }

            list.Add((taskName, task));
        }
    }

    /// <summary>Runs all phases; idempotent: later calls return the task of the first.</summary>
    /// <param name="reason">Why the shutdown runs.</param>
    /// <returns>A task that completes when all phases have run and the system has terminated.</returns>
    public Task Run(CoordinatedShutdownReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        lock (_lock)
        {
            if (_run is not null)
            {
                return _run;
            }

            Reason = reason;
            _run = Task.Run(RunPhasesAsync);
            return _run;
        }
    }

    private async Task RunPhasesAsync()
    {
        _logger.LogInformation("Coordinated shutdown of {System} started: {Reason}", _system.Name, Reason);
        foreach (var phase in PhaseNames)
        {
            List<(string Name, Func<Task> Task)> tasks;
            lock (_lock)
            {
                tasks = _tasks.TryGetValue(phase, out var list) ? [.. list] : [];
            }

            if (phase == PhaseActorSystemTerminate)
            {
                tasks.Add(("terminate-actors", _system.TerminateActorsAsync));
            }

            if (tasks.Count == 0)
            {
                continue;
            }

            var running = tasks.Select(t => (t.Name, Task: StartSafely(phase, t.Name, t.Task))).ToList();
            var timeout = PhaseTimeout(phase);
            try
            {
                await Task.WhenAll(running.Select(r => r.Task)).WaitAsync(timeout, _system.TimeProvider).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                var pending = running.Where(r => !r.Task.IsCompleted).Select(r => r.Name);
                _logger.LogWarning("Coordinated shutdown phase {Phase} timed out after {Timeout}; unfinished tasks: {Tasks}", phase, timeout, string.Join(", ", pending));
            }
        }

        _system.CompleteTermination();
        _logger.LogInformation("Coordinated shutdown of {System} finished", _system.Name);
    }

    private async Task StartSafely(string phase, string name, Func<Task> task)
    {
        try
        {
            await task().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Coordinated shutdown task {TaskName} in phase {Phase} failed", name, phase);
        }
    }

    private static void EnsurePhase(string phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        if (!PhaseNames.Contains(phase))
        {
            throw new ArgumentException($"Unknown coordinated-shutdown phase '{phase}'; known phases are {string.Join(", ", PhaseNames)}.", nameof(phase));
        }
    }
}
