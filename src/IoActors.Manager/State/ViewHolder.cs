namespace IoActors.Manager.State;

/// <summary>
/// Where a node's current <see cref="DirectoryView"/> is published for request handlers: by the directory actor itself
/// (one node), or by the node's directory replica (cluster mode). A request that changed the directory waits here until
/// the view shows its change, so an admin reads what they wrote on whichever node they asked.
/// </summary>
internal sealed class ViewHolder
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private readonly List<(long Version, TaskCompletionSource Done)> _waiting = [];
    private volatile DirectoryView _current = DirectoryView.Empty;

    public DirectoryView Current
    {
        get => _current;
        set
        {
            List<TaskCompletionSource>? done = null;
            lock (_gate)
            {
                _current = value;
                for (var i = _waiting.Count - 1; i >= 0; i--)
                {
                    if (_waiting[i].Version <= value.Version)
                    {
                        (done ??= []).Add(_waiting[i].Done);
                        _waiting.RemoveAt(i);
                    }
                }
            }

            _ready.TrySetResult();
            done?.ForEach(d => d.TrySetResult());
        }
    }

    /// <summary>Completes once the directory has recovered and published its first view.</summary>
    public Task Ready => _ready.Task;

    /// <summary>The current view once it shows <paramref name="version"/> (a journal sequence number).</summary>
    /// <exception cref="ManagerException">503 when the view has not caught up within <paramref name="timeout"/>.</exception>
    public async Task<DirectoryView> WhenAtAsync(long version, TimeSpan timeout, CancellationToken ct)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (_current.Version >= version)
            {
                return _current;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((version, waiter));
        }

        try
        {
            await waiter.Task.WaitAsync(timeout, ct).ConfigureAwait(false);
            return _current;
        }
        catch (TimeoutException)
        {
            throw new ManagerException(503, "Busy", $"the change is stored (directory version {version}) but this node's view has not shown it within {timeout.TotalSeconds:0} s; read again shortly");
        }
        finally
        {
            lock (_gate)
            {
                _waiting.RemoveAll(w => w.Done == waiter);
            }
        }
    }
}
