using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using IoActors.Platform.Instances;

namespace IoActors.Platform.Hosting;

/// <summary>
/// Journals the OS process of every running instance (pid plus start time, read from /proc when the instance starts or
/// restarts; only the host's own children), so that the apps of a host that was killed without a shutdown are not left
/// running. At start, before the boot plans, it reads the previous run's set and stops the processes that still run with
/// the same pid and start time in the same machine boot: SIGTERM to each and its descendants, SIGKILL to whatever is
/// left after the grace period. A pid that now belongs to another process is never touched, nor are the processes of
/// another host that still runs on this journal. Then it tells its parent <see cref="LeftoversStopped"/>; until then
/// the instance events wait in the stash. Each event holds the whole set, so older ones are deleted. Linux only
/// (elsewhere no start time is known and nothing is recorded).
/// </summary>
internal sealed class InstanceProcessJournal : ReceivePersistentActor, IWithTimers
{
    public const string Id = "ioactors-instance-processes";

    private const string PollTimer = "poll";
    private const string GraceTimer = "grace";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly TimeSpan _gracePeriod;
    private readonly string _runId;
    private readonly string _bootId = ProcessTree.BootId();
    private readonly ProcessTree.ProcessKey _host;
    private readonly Dictionary<string, InstanceProcessRecord> _live = new(StringComparer.Ordinal);

    // The previous run's processes being stopped (kept in the journal until they are gone), and every process of theirs still awaited.
    private readonly List<InstanceProcessRecord> _leftovers = [];
    private readonly List<ProcessTree.ProcessKey> _awaited = [];
    private InstanceProcessesPersisted? _previous;

    // From the end of recovery until the leftovers are stopped: instance events wait in the stash.
    private bool _recovering = true;
    private bool _killed;
    private int _killedCount;

    public InstanceProcessJournal(PlatformJournal journal, TimeSpan gracePeriod, string runId)
    {
        JournalPluginId = journal.JournalPluginId;
        SnapshotPluginId = journal.SnapshotPluginId;
        _gracePeriod = gracePeriod;
        _runId = runId;
        _ = ProcessTree.TryRead(Environment.ProcessId, out _host, out _);
        Recover<InstanceProcessesPersisted>(set => _previous = set);
        Recover<RecoveryCompleted>(_ =>
        {
            // A stored set with fields missing (edited, or written by another version) counts for what it holds.
            if (_previous is { } p)
            {
                _previous = p with { BootId = p.BootId ?? string.Empty, RunId = p.RunId ?? string.Empty, Instances = [.. (p.Instances ?? []).Where(i => i is not null)] };
            }

            Self.Tell(RecoverLeftovers.Instance, Self);
        });
        Command<RecoverLeftovers>(_ => RecoverLeftoversNow());
        Command<Poll>(_ => CheckLeftovers());
        Command<GraceElapsed>(_ => OnGraceElapsed());
        Command<LeftoversGone>(_ => FinishRecovery());
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(m => _log.Warning("Could not delete the older instance process sets: {Error}", m.Cause.Message));
        Command<InstanceEvent>(m =>
        {
            if (_recovering)
            {
                Stash.Stash();
                return;
            }

            switch (m)
            {
                case InstanceStarted started:
                    Track(started.Instance);
                    break;
                case InstanceUpdated updated when updated.Changes.HasFlag(InstanceChanges.Restarted):
                    Track(updated.Instance);
                    break;
                case InstanceRestarting restarting:
                    Forget(restarting.InstanceId);
                    break;
                case InstanceStopped stopped:
                    Forget(stopped.InstanceId);
                    break;
            }
        });
    }

    /// <inheritdoc/>
    public override string PersistenceId => Id;

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="journal">The journal plugins.</param>
    /// <param name="gracePeriod">How long leftovers get between SIGTERM and SIGKILL.</param>
    /// <param name="runId">This platform run (a set it wrote itself, read again after a restart of this actor, holds no leftovers).</param>
    public static Props Props(PlatformJournal journal, TimeSpan gracePeriod, string runId) => Akka.Actor.Props.Create(() => new InstanceProcessJournal(journal, gracePeriod, runId));

    /// <inheritdoc/>
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        // Without the set the leftovers of a killed host stay; the platform still starts.
        _log.Error(reason, "Could not read the instance processes of the previous run from the journal");
        Context.Parent.Tell(LeftoversStopped.Instance, Self);
    }

    /// <inheritdoc/>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "Could not journal the instance processes; the instance process journal stops");
        if (_recovering)
        {
            // The boot must not wait for it.
            Context.Parent.Tell(LeftoversStopped.Instance, Self);
        }
    }

    /// <inheritdoc/>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "Could not journal the instance processes (the journal rejected the set)");
        if (_recovering)
        {
            EndRecovery();
        }
    }

    private void RecoverLeftoversNow()
    {
        var previous = _previous;
        _previous = null;
        try
        {
            foreach (var leftover in previous is null ? [] : Leftovers(previous))
            {
                _leftovers.Add(leftover);
                var root = new ProcessTree.ProcessKey(leftover.ProcessId, leftover.StartTime);
                _awaited.Add(root);
                _awaited.AddRange(ProcessTree.Descendants(root.Pid).Where(d => !_awaited.Contains(d)));
            }
        }
        catch (Exception ex)
        {
            // The boot must not wait for a recovery that cannot be done.
            _log.Error(ex, "Could not look for the instance processes of the previous run");
            _leftovers.Clear();
            _awaited.Clear();
        }

        if (_leftovers.Count == 0)
        {
            FinishRecovery(write: previous is { Instances.Count: > 0 });
            return;
        }

        _log.Warning(
            "{Count} instance process(es) of the previous run still running: {Processes}; stopping them (SIGTERM, SIGKILL after {Grace})",
            _leftovers.Count,
            string.Join(", ", _leftovers.Select(l => $"{l.AppName} (instance {l.InstanceId}, pid {l.ProcessId})")),
            _gracePeriod);
        ProcessTree.Signal(_awaited, PosixSignals.SigTerm);
        if (_gracePeriod <= TimeSpan.Zero)
        {
            OnGraceElapsed();
        }
        else
        {
            Timers.StartSingleTimer(GraceTimer, GraceElapsed.Instance, _gracePeriod);
        }

        Timers.StartPeriodicTimer(PollTimer, Poll.Instance, PollInterval);
    }

    /// <summary>The previous run's processes that still run as they were journaled; logs why each other one is left alone.</summary>
    private List<InstanceProcessRecord> Leftovers(InstanceProcessesPersisted previous)
    {
        var found = new List<InstanceProcessRecord>();
        if (previous.Instances.Count == 0)
        {
            return found;
        }

        if (previous.RunId == _runId)
        {
            // This actor restarted: the set is this run's own, its processes are the running instances'.
            foreach (var record in previous.Instances.Where(i => ProcessTree.IsAlive(new ProcessTree.ProcessKey(i.ProcessId, i.StartTime))))
            {
                _live.TryAdd(record.InstanceId, record);
            }

            return found;
        }

        if (previous.BootId != _bootId)
        {
            _log.Info("The {Count} instance process(es) journaled by the previous run are from an earlier machine boot: nothing to stop", previous.Instances.Count);
            return found;
        }

        var writer = new ProcessTree.ProcessKey(previous.HostProcessId, previous.HostStartTime);
        if (writer != _host && ProcessTree.IsAlive(writer))
        {
            _log.Warning(
                "The instance processes in the journal belong to another host process that still runs (pid {Pid}); its {Count} instance(s) are left alone. Two hosts should not share one journal",
                previous.HostProcessId,
                previous.Instances.Count);
            return found;
        }

        foreach (var record in previous.Instances)
        {
            var key = new ProcessTree.ProcessKey(record.ProcessId, record.StartTime);
            if (ProcessTree.IsAlive(key))
            {
                found.Add(record);
            }
            else if (ProcessTree.IsAlive(record.ProcessId))
            {
                _log.Info(
                    "Instance {InstanceId} of {App} from the previous run is gone; its pid {Pid} now belongs to another process, which is left alone",
                    record.InstanceId,
                    record.AppName,
                    record.ProcessId);
            }
        }

        return found;
    }

    private void CheckLeftovers()
    {
        _awaited.RemoveAll(p => !ProcessTree.IsAlive(p));
        if (_awaited.Count == 0 && _leftovers.Count > 0)
        {
            Timers.CancelAll();
            Self.Tell(LeftoversGone.Instance, Self);
        }
    }

    private void OnGraceElapsed()
    {
        if (_killed)
        {
            // SIGKILL did not end them either (uninterruptible sleep, another user's process): stop waiting.
            _awaited.RemoveAll(p => !ProcessTree.IsAlive(p));
            _log.Error("Leftover process(es) of the previous run still running after SIGKILL: {Pids}", string.Join(", ", _awaited.Select(p => p.Pid)));
            _awaited.Clear();
            CheckLeftovers();
            return;
        }

        _killed = true;
        foreach (var root in _awaited.ToList())
        {
            _awaited.AddRange(ProcessTree.Descendants(root.Pid).Where(d => !_awaited.Contains(d)));
        }

        var alive = _awaited.Where(ProcessTree.IsAlive).ToList();
        if (alive.Count > 0)
        {
            _log.Warning("Leftover process(es) of the previous run did not exit within {Grace} of SIGTERM; killing pid(s) {Pids}", _gracePeriod, string.Join(", ", alive.Select(p => p.Pid)));
            ProcessTree.Signal(alive, PosixSignals.SigKill);
            _killedCount += alive.Count;
        }

        Timers.StartSingleTimer(GraceTimer, GraceElapsed.Instance, _gracePeriod > TimeSpan.Zero ? _gracePeriod : TimeSpan.FromSeconds(1));
    }

    private void FinishRecovery(bool write = true)
    {
        if (_leftovers.Count > 0)
        {
            _log.Info("Stopped the {Count} instance process(es) of the previous run ({Killed} process(es) with SIGKILL)", _leftovers.Count, _killedCount);
        }

        _leftovers.Clear();
        if (write)
        {
            Write(EndRecovery);
        }
        else
        {
            EndRecovery();
        }
    }

    private void EndRecovery()
    {
        _recovering = false;
        Context.Parent.Tell(LeftoversStopped.Instance, Self);
        Stash.UnstashAll();
    }

    private void Track(InstanceInfo instance)
    {
        bool changed;

        // Only the host's own child: a pid that is not (or no longer) ours is not this instance's process.
        if (instance.ProcessId is { } pid && ProcessTree.TryRead(pid, out var process, out var parent) && parent == Environment.ProcessId)
        {
            var record = new InstanceProcessRecord(instance.Id, instance.AppName, process.Pid, process.StartTime);
            changed = !_live.TryGetValue(instance.Id, out var known) || known != record;
            _live[instance.Id] = record;
        }
        else
        {
            changed = _live.Remove(instance.Id);
        }

        if (changed)
        {
            Write();
        }
    }

    private void Forget(string instanceId)
    {
        if (_live.Remove(instanceId))
        {
            Write();
        }
    }

    private void Write(Action? then = null)
    {
        var set = new InstanceProcessesPersisted(_bootId, _host.Pid, _host.StartTime, _runId, [.. _leftovers, .. _live.Values]);
        Persist(set, _ =>
        {
            if (_log.IsDebugEnabled)
            {
                _log.Debug("Journaled the processes of {Count} instance(s): {Processes}", set.Instances.Count, string.Join(", ", set.Instances.Select(i => $"{i.AppName} pid {i.ProcessId}")));
            }

            if (LastSequenceNr > 1)
            {
                // Each event holds the whole set: older ones are not needed any more.
                DeleteMessages(LastSequenceNr - 1);
            }

            then?.Invoke();
        });
    }

    /// <summary>Tells the parent the previous run's leftover processes are gone (or there were none).</summary>
    public sealed record LeftoversStopped
    {
        public static LeftoversStopped Instance { get; } = new();
    }

    private sealed record RecoverLeftovers
    {
        public static RecoverLeftovers Instance { get; } = new();
    }

    private sealed record Poll
    {
        public static Poll Instance { get; } = new();
    }

    private sealed record GraceElapsed
    {
        public static GraceElapsed Instance { get; } = new();
    }

    private sealed record LeftoversGone
    {
        public static LeftoversGone Instance { get; } = new();
    }
}
