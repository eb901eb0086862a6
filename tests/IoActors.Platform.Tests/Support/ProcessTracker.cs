using IoActors.Platform.Instances;

namespace IoActors.Platform.Tests.Support;

/// <summary>Remembers every process a test started (instance pids and child pids) so the teardown can check none is left.</summary>
internal sealed class ProcessTracker
{
    private readonly HashSet<int> _pids = [];
    private readonly object _gate = new();

    public void Track(int? pid)
    {
        if (pid is { } p && p > 0)
        {
            lock (_gate)
            {
                _pids.Add(p);
            }
        }
    }

    public void Track(object message)
    {
        if (message is InstanceEvent e)
        {
            Track(e switch
            {
                InstanceStarted s => s.Instance.ProcessId,
                InstanceUpdated u => u.Instance.ProcessId,
                _ => null,
            });
        }
    }

    public IReadOnlyList<int> Alive()
    {
        lock (_gate)
        {
            return _pids.Where(ProcessTree.IsAlive).ToList();
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pids.Count;
            }
        }
    }

    /// <summary>Kills whatever is left (so a failing test does not leak), returning what was left.</summary>
    public IReadOnlyList<int> KillLeftovers()
    {
        var alive = Alive();
        foreach (var pid in alive)
        {
            try
            {
                using var p = System.Diagnostics.Process.GetProcessById(pid);
                p.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
            }
        }

        return alive;
    }
}
