using System.Diagnostics;

namespace IoActors.Platform.Instances;

/// <summary>A running OS process: exit watching, SIGTERM to the tree, and a tree kill that also reaches orphaned descendants.</summary>
internal sealed class OsProcessInstance : IRunningInstance
{
    private readonly Process _process;
    // Continuations run inline on the exit notification (the instance actor only posts a message), saving a thread-pool hop.
    private readonly TaskCompletionSource<InstanceExit> _exited = new();
    private readonly object _gate = new();

    // Descendants seen when the stop was requested: the root's exit orphans them, after which only this list finds them.
    private List<ProcessTree.ProcessKey> _descendants = [];

    // Whether the host's watchdog lists the process (taken off once it ended).
    private volatile bool _watched;

    private OsProcessInstance(Process process)
    {
        _process = process;
        ProcessId = process.Id;
    }

    /// <inheritdoc/>
    public int? ProcessId { get; }

    /// <inheritdoc/>
    public Task<InstanceExit> Exited => _exited.Task;

    /// <summary>
    /// Starts <paramref name="startInfo"/> on this thread, lists it with the host's <see cref="HostExitWatchdog"/> (so it
    /// ends with the host) and watches its exit. A start cancelled once the process runs kills it: whoever cancelled will
    /// not take the result.
    /// </summary>
    /// <exception cref="LaunchException">The process could not be started; the message names the file and folder.</exception>
    /// <exception cref="OperationCanceledException">The start was cancelled before the process started.</exception>
    public static Task<OsProcessInstance> StartAsync(ProcessStartInfo startInfo, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var instance = Start(startInfo);
            var registration = cancellationToken.Register(instance.Kill);
            instance.Exited.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return Task.FromResult(instance);
        }
        catch (Exception e)
        {
            return Task.FromException<OsProcessInstance>(e);
        }
    }

    private static OsProcessInstance Start(ProcessStartInfo startInfo)
    {
        var fileName = startInfo.FileName;
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        OsProcessInstance? instance = null;
        process.Exited += (_, _) => instance?.OnExited();
        try
        {
            if (!process.Start())
            {
                throw new LaunchException($"'{fileName}' did not start (in folder '{startInfo.WorkingDirectory}').");
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            process.Dispose();
            throw new LaunchException($"'{fileName}' could not be started in folder '{startInfo.WorkingDirectory}': {e.Message}", e);
        }

        instance = new OsProcessInstance(process);
        instance._watched = HostExitWatchdog.Supported && HostExitWatchdog.Shared.Watch(process.Id);
        if (process.HasExited)
        {
            instance.OnExited();
        }

        if (instance._watched && instance._exited.Task.IsCompleted)
        {
            // It ended while it was being listed (Forget is idempotent).
            HostExitWatchdog.Shared.Forget(process.Id);
        }

        return instance;
    }

    /// <inheritdoc/>
    public void RequestStop()
    {
        if (_exited.Task.IsCompleted)
        {
            return;
        }

        SnapshotDescendants();
        if (OperatingSystem.IsWindows())
        {
            try
            {
                if (!_process.CloseMainWindow())
                {
                    // A console app has no window to close: the grace period then ends in a tree kill.
                }
            }
            catch (InvalidOperationException)
            {
            }

            return;
        }

        PosixSignals.Send(_process.Id, PosixSignals.SigTerm);
        ProcessTree.Signal(Snapshot(), PosixSignals.SigTerm);
    }

    /// <inheritdoc/>
    public void Kill()
    {
        SnapshotDescendants();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException or ObjectDisposedException)
        {
            // Already gone.
        }

        ProcessTree.Signal(Snapshot(), PosixSignals.SigKill);
    }

    private List<ProcessTree.ProcessKey> Snapshot()
    {
        lock (_gate)
        {
            return [.. _descendants];
        }
    }

    private void SnapshotDescendants()
    {
        if (_exited.Task.IsCompleted)
        {
            return;
        }

        var found = ProcessTree.Descendants(_process.Id);
        lock (_gate)
        {
            foreach (var p in found)
            {
                if (!_descendants.Contains(p))
                {
                    _descendants.Add(p);
                }
            }
        }
    }

    private void OnExited()
    {
        if (_exited.Task.IsCompleted)
        {
            return;
        }

        if (_watched)
        {
            HostExitWatchdog.Shared.Forget(ProcessId!.Value);
        }

        int code;
        try
        {
            code = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            _exited.TrySetResult(new InstanceExit(null, null, "exited (exit code unknown)"));
            return;
        }

        // .NET reports a process killed by signal N on Unix as exit code 128 + N.
        if (!OperatingSystem.IsWindows() && code > 128 && code < 128 + 65)
        {
            var signal = code - 128;
            _exited.TrySetResult(new InstanceExit(null, signal, $"signal {signal} ({PosixSignals.Name(signal)})"));
        }
        else
        {
            _exited.TrySetResult(new InstanceExit(code, null, $"exit code {code}"));
        }
    }
}
