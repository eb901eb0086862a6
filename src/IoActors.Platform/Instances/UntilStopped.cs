namespace IoActors.Platform.Instances;

/// <summary>A running instance with no process of its own (a headless window, a registered client without a pid): it ends when stopped.</summary>
internal sealed class UntilStopped : IRunningInstance
{
    private readonly TaskCompletionSource<InstanceExit> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _description;

    /// <param name="description">How it ends, e.g. "window closed".</param>
    public UntilStopped(string description)
    {
        _description = description;
    }

    public int? ProcessId => null;

    public Task<InstanceExit> Exited => _ended.Task;

    public void RequestStop() => _ended.TrySetResult(new InstanceExit(null, null, _description));

    public void Kill() => _ended.TrySetResult(new InstanceExit(null, null, _description));
}
