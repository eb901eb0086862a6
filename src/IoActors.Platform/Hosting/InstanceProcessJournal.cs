using Akka.Actor;
using Akka.Event;
using IoActors.Persistence;
using IoActors.Platform.Instances;
using Microsoft.Extensions.Logging;

namespace IoActors.Platform.Hosting;

/// <summary>
/// Journals the OS process of every running instance (pid plus start time, read from /proc when the instance starts or
/// restarts; only the host's own children), so that the apps of a host that was killed without a shutdown are not left
/// running. At start, before the boot plans, it reads the previous run's set and stops the processes that still run with
/// the same pid and start time in the same machine boot: SIGTERM to each and its descendants, SIGKILL to whatever is
/// left after the grace period. A pid that now belongs to another process is never touched, nor are the processes of
/// another host that still runs on this journal. Then it tells its parent <see cref="LeftoversStopped"/>. Linux only
/// (elsewhere no start time is known and nothing is recorded).
/// </summary>
internal sealed class InstanceProcessJournal : ReceiveActor, IWithTimers
{
    public const string PersistenceId = "ioactors-instance-processes";

    private const string PollTimer = "poll";
    private const string GraceTimer = "grace";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly IJournal _journal;
    private readonly TimeSpan _gracePeriod;
    private readonly string _runId;
    private readonly string _bootId = ProcessTree.BootId();
    private readonly ProcessTree.ProcessKey _host;
    private readonly Dictionary<string, InstanceProcessRecord> _live = new(StringComparer.Ordinal);

    // The previous run's processes being stopped (kept in the journal until they are gone), and every process of theirs still awaited.
    private readonly List<InstanceProcessRecord> _leftovers = [];
    private readonly List<ProcessTree.ProcessKey> _awaited = [];
    private InstanceProcessesPersisted? _previous;
    private long _sequenceNr;
    private bool _loaded;
    private bool _killed;
    private int _killedCount;

    public InstanceProcessJournal(IJournal journal, TimeSpan gracePeriod, string runId)
    {
        _journal = journal;
        _gracePeriod = gracePeriod;
        _runId = runId;
        _ = ProcessTree.TryRead(Environment.ProcessId, out _host, out _);
        ReceiveAsync<Recover>(_ => RecoverAsync());
        Receive<Poll>(_ => CheckLeftovers());
        Receive<GraceElapsed>(_ => OnGraceElapsed());
        ReceiveAsync<LeftoversGone>(_ => FinishRecoveryAsync());
        ReceiveAsync<InstanceStarted>(m => TrackAsync(m.Instance));
        ReceiveAsync<InstanceUpdated>(m => m.Changes.HasFlag(InstanceChanges.Restarted) ? TrackAsync(m.Instance) : Task.CompletedTask);
        ReceiveAsync<InstanceRestarting>(m => ForgetAsync(m.InstanceId));
        ReceiveAsync<InstanceStopped>(m => ForgetAsync(m.InstanceId));
        Receive<InstanceEvent>(_ => { });
    }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="journal">The journal.</param>
    /// <param name="gracePeriod">How long leftovers get between SIGTERM and SIGKILL.</param>
    /// <param name="runId">This platform run (a set it wrote itself, read again after a restart of this actor, holds no leftovers).</param>
    public static Props Props(IJournal journal, TimeSpan gracePeriod, string runId) => Akka.Actor.Props.Create(() => new InstanceProcessJournal(journal, gracePeriod, runId));

    /// <inheritdoc/>
    protected override void PreStart() => Self.Tell(Recover.Instance, Self);

    private async Task LoadAsync()
    {
        if (_loaded)
        {
            return;
        }

        _loaded = true;
        try
        {
            _sequenceNr = await _journal.ReadHighestSequenceNrAsync(PersistenceId);
            if (_sequenceNr > 0)
            {
                await _journal.ReplayAsync(PersistenceId, _sequenceNr, _sequenceNr, 1, r => _previous = r.Payload as InstanceProcessesPersisted);
            }

            // A stored set with fields missing (edited, or written by another version) counts for what it holds.
            if (_previous is { } p)
            {
                _previous = p with { BootId = p.BootId ?? string.Empty, RunId = p.RunId ?? string.Empty, Instances = [.. (p.Instances ?? []).Where(i => i is not null)] };
            }
        }
        catch (Exception ex)
        {
            // Without the set the leftovers of a killed host stay; the platform still starts.
            _log.Error(ex, "Could not read the instance processes of the previous run from the journal");
        }
    }

    private async Task RecoverAsync()
    {
        await LoadAsync();
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
            await FinishRecoveryAsync(write: previous is { Instances.Count: > 0 });
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

    private async Task FinishRecoveryAsync(bool write = true)
    {
        if (_leftovers.Count > 0)
        {
            _log.Info("Stopped the {Count} instance process(es) of the previous run ({Killed} process(es) with SIGKILL)", _leftovers.Count, _killedCount);
        }

        _leftovers.Clear();
        if (write)
        {
            await WriteAsync();
        }

        Context.Parent.Tell(LeftoversStopped.Instance, Self);
    }

    private async Task TrackAsync(InstanceInfo instance)
    {
        await LoadAsync();
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
            await WriteAsync();
        }
    }

    private async Task ForgetAsync(string instanceId)
    {
        await LoadAsync();
        if (_live.Remove(instanceId))
        {
            await WriteAsync();
        }
    }

    private async Task WriteAsync()
    {
        var set = new InstanceProcessesPersisted(_bootId, _host.Pid, _host.StartTime, _runId, [.. _leftovers, .. _live.Values]);
        try
        {
            await _journal.WriteAsync(PersistenceId, [new PersistentRepr(PersistenceId, _sequenceNr + 1, set)]);
            _sequenceNr++;
            if (_sequenceNr > 1)
            {
                // Each event holds the whole set: older ones are not needed any more.
                await _journal.DeleteToAsync(PersistenceId, _sequenceNr - 1);
            }
        }
        catch (Exception ex)
        {
            _log.Error(ex, "Could not journal the instance processes");
        }
    }

    /// <summary>Tells the parent the previous run's leftover processes are gone (or there were none).</summary>
    public sealed record LeftoversStopped
    {
        public static LeftoversStopped Instance { get; } = new();
    }

    private sealed record Recover
    {
        public static Recover Instance { get; } = new();
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
