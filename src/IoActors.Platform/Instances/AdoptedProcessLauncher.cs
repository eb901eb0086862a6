using System.Diagnostics;

namespace IoActors.Platform.Instances;

/// <summary>
/// "Launches" an instance the platform did not start (<see cref="AdoptInstance"/>): it watches the running process with
/// the given id, or, without one, stands for an instance that lives until it is stopped. Nothing is started.
/// </summary>
internal sealed class AdoptedProcessLauncher : IInstanceLauncher
{
    private readonly int? _processId;

    public AdoptedProcessLauncher(int? processId)
    {
        _processId = processId;
    }

    /// <inheritdoc/>
    public Task<IRunningInstance> LaunchAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        if (_processId is not { } pid)
        {
            return Task.FromResult<IRunningInstance>(new UntilStopped("stopped"));
        }

        Process process;
        try
        {
            process = Process.GetProcessById(pid);
            process.EnableRaisingEvents = true;
            if (process.HasExited)
            {
                throw new LaunchException($"process {pid} has already exited");
            }
        }
        catch (ArgumentException)
        {
            throw new LaunchException($"no process with id {pid} is running");
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            throw new LaunchException($"process {pid} cannot be watched: {e.Message}", e);
        }

        return Task.FromResult<IRunningInstance>(new AdoptedProcess(process));
    }

    /// <summary>A process some other parent started: its exit code is not ours to read.</summary>
    private sealed class AdoptedProcess : IRunningInstance
    {
        private readonly Process _process;
        private readonly TaskCompletionSource<InstanceExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public AdoptedProcess(Process process)
        {
            _process = process;
            ProcessId = process.Id;
            _ = WatchAsync();
        }

        public int? ProcessId { get; }

        public Task<InstanceExit> Exited => _exited.Task;

        public void RequestStop()
        {
            if (_exited.Task.IsCompleted)
            {
                return;
            }

            if (OperatingSystem.IsWindows())
            {
                _process.CloseMainWindow();
            }
            else
            {
                PosixSignals.Send(_process.Id, PosixSignals.SigTerm);
            }
        }

        public void Kill()
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                // Gone already.
            }
        }

        private async Task WatchAsync()
        {
            try
            {
                await _process.WaitForExitAsync().ConfigureAwait(false);
                _exited.TrySetResult(new InstanceExit(null, null, "the process exited (it was not started by the platform: no exit code)"));
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                _exited.TrySetResult(new InstanceExit(null, null, "the process can no longer be watched: " + e.Message));
            }
            finally
            {
                _process.Dispose();
            }
        }
    }
}
