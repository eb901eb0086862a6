using System.Threading.Channels;
using IoActors.Platform.Instances;

namespace IoActors.Platform.Tests.Support;

/// <summary>A launcher whose "processes" the test ends by hand; every launch is readable from <see cref="Launches"/>.</summary>
public sealed class FakeLauncher : IInstanceLauncher
{
    private readonly Channel<FakeRun> _launches = Channel.CreateUnbounded<FakeRun>();
    private int _pid = 100_000;

    public ChannelReader<FakeRun> Launches => _launches.Reader;

    /// <summary>When set, a launch throws this error's <see cref="LaunchException"/> instead.</summary>
    public Func<LaunchRequest, string?>? Fail { get; set; }

    /// <summary>Whether a stop request ends the run at once (exit code 0). The default is true.</summary>
    public bool ExitOnStop { get; set; } = true;

    public int LaunchCount;

    public Task<IRunningInstance> LaunchAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref LaunchCount);
        if (Fail?.Invoke(request) is { } error)
        {
            throw new LaunchException(error);
        }

        var run = new FakeRun(request, Interlocked.Increment(ref _pid), ExitOnStop);
        _launches.Writer.TryWrite(run);
        return Task.FromResult<IRunningInstance>(run);
    }

    public async Task<FakeRun> NextLaunchAsync() => await _launches.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
}

/// <summary>One fake process.</summary>
public sealed class FakeRun : IRunningInstance
{
    private readonly TaskCompletionSource<InstanceExit> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _exitOnStop;

    public FakeRun(LaunchRequest request, int pid, bool exitOnStop)
    {
        Request = request;
        ProcessId = pid;
        _exitOnStop = exitOnStop;
    }

    public LaunchRequest Request { get; }

    public int? ProcessId { get; }

    public Task<InstanceExit> Exited => _exit.Task;

    public TaskCompletionSource StopRequested { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Killed { get; private set; }

    public void Exit(int code) => _exit.TrySetResult(new InstanceExit(code, null, $"exit code {code}"));

    public void RequestStop()
    {
        StopRequested.TrySetResult();
        if (_exitOnStop)
        {
            _exit.TrySetResult(new InstanceExit(null, 15, "signal 15 (SIGTERM)"));
        }
    }

    public void Kill()
    {
        Killed = true;
        _exit.TrySetResult(new InstanceExit(null, 9, "signal 9 (SIGKILL)"));
    }
}
