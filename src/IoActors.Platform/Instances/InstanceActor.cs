using System.Text.Json.Nodes;
using IoActors.Apps.Definitions;
using Akka.Actor;
using Akka.Event;

namespace IoActors.Platform.Instances;

/// <summary>
/// Owns one instance from start to exit: launches it through its launcher (after unpacking its asset), watches the
/// process, applies the restart policy on unexpected exits, stops it (SIGTERM, tree kill after the grace period) and
/// publishes the instance events. A stop on request never restarts.
/// </summary>
internal sealed class InstanceActor : ReceiveActor, IWithTimers
{
    private const string RestartTimer = "restart";
    private const string GraceTimer = "grace";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly AppDefinition _definition;
    private readonly JsonObject? _options;
    private readonly RestartPolicy _policy;
    private readonly IInstanceLauncher _launcher;
    private readonly AssetInstaller _assets;
    private readonly InstanceManagerSettings _settings;

    // A process the platform did not start: nothing is unpacked and no environment is built for it.
    private readonly bool _adopted;

    // Who waits for the start result; the flag says whether they get AlreadyRunning (a second start of a single-instance app).
    private readonly List<(IActorRef Waiter, bool AlreadyRunning)> _startWaiters = [];
    private readonly List<IActorRef> _stopWaiters = [];

    // Start times of the restarts within the policy window (sliding), oldest first.
    private readonly Queue<DateTimeOffset> _restarts = new();

    private InstanceInfo _info;
    private IRunningInstance? _running;
    private CancellationTokenSource? _launchCancellation;
    private string? _assetLocation;

    // Bumped per launch so results, exits and timers of an earlier process are ignored.
    private int _generation;
    private bool _started;
    private bool _finished;
    private bool _stopRequested;
    private string _stopReason = "stopped on request";
    private InstanceExit? _lastExit;

    public InstanceActor(InstanceInfo info, AppDefinition definition, JsonObject? options, RestartPolicy policy, IInstanceLauncher launcher, AssetInstaller assets, InstanceManagerSettings settings, IActorRef? replyTo, bool adopted = false)
    {
        _adopted = adopted;
        _info = info;
        _definition = definition;
        _options = options;
        _policy = policy;
        _launcher = launcher;
        _assets = assets;
        _settings = settings;
        if (replyTo is not null)
        {
            _startWaiters.Add((replyTo, false));
        }

        Receive<Launched>(OnLaunched);
        Receive<LaunchFailed>(OnLaunchFailed);
        Receive<ProcessExited>(OnExited);
        Receive<RestartDue>(OnRestartDue);
        Receive<StopGraceElapsed>(m =>
        {
            if (m.Generation == _generation && _running is not null)
            {
                _log.Warning("Instance {InstanceId} of {App} did not exit within {Grace}; killing its process tree", _info.Id, _info.AppName, _settings.StopGracePeriod);
                _running.Kill();
            }
        });
        Receive<StopInstance>(OnStop);
        Receive<AddStartWaiter>(m =>
        {
            if (_started)
            {
                m.Waiter.Tell(new InstanceStartResult(_info, true), Self);
            }
            else
            {
                _startWaiters.Add((m.Waiter, true));
            }
        });
        Receive<AppSignalReady>(_ => MarkReady());
        Receive<InteropReady>(_ => MarkReady());
        Receive<SetInstanceTitle>(m => Update(_info with { Title = m.Title }, InstanceChanges.Title));
        Receive<SetInstanceContext>(m => Update(_info with { Context = m.Context.Clone() }, InstanceChanges.Context));
        Receive<GetInstance>(_ => Sender.Tell(new InstanceLookup(_info), Self));
    }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(InstanceInfo info, AppDefinition definition, JsonObject? options, RestartPolicy policy, IInstanceLauncher launcher, AssetInstaller assets, InstanceManagerSettings settings, IActorRef? replyTo, bool adopted = false) =>
        Akka.Actor.Props.Create(() => new InstanceActor(info, definition, options, policy, launcher, assets, settings, replyTo, adopted));

    /// <inheritdoc/>
    protected override void PreStart() => Launch();

    /// <inheritdoc/>
    protected override void PostStop()
    {
        _launchCancellation?.Cancel();
        if (_finished)
        {
            return;
        }

        // Stopped from outside (platform shutdown, supervisor): never leave the process behind.
        _running?.Kill();
        _finished = true;
        _info = _info with { State = InstanceState.Stopped };
        var stopped = new InstanceStopped(_info, _lastExit, "the platform stopped the instance", true);
        if (_started)
        {
            Context.System.EventStream.Publish(stopped);
        }

        foreach (var waiter in _stopWaiters)
        {
            waiter.Tell(stopped, ActorRefs.NoSender);
        }

        foreach (var (waiter, _) in _startWaiters)
        {
            waiter.Tell(new Status.Failure(new InstanceStartException(_info.AppName, _info.Id, "the platform stopped the instance while it was starting")), ActorRefs.NoSender);
        }
    }

    private void Launch()
    {
        var generation = ++_generation;
        _launchCancellation?.Dispose();
        var cts = _launchCancellation = new CancellationTokenSource();

        // The launch runs here until its first await; a result that is already there (a failed check, a window host that
        // answers at once) is handled without a message hop. Process starts (on the process start thread), downloads and
        // window loads continue off the actor and come back as a message.
        Task<IRunningInstance> task;
        try
        {
            task = LaunchAsync(_info, cts.Token);
        }
        catch (Exception e)
        {
            task = Task.FromException<IRunningInstance>(e);
        }

        if (task.IsCompleted)
        {
            if (task.IsCompletedSuccessfully)
            {
                OnLaunched(new Launched(generation, task.Result));
            }
            else
            {
                OnLaunchFailed(new LaunchFailed(generation, task.Exception?.GetBaseException() ?? new OperationCanceledException("the start was cancelled")));
            }

            return;
        }

        var self = Self;
        task.ContinueWith(
            t => self.Tell(t.IsCompletedSuccessfully
                ? new Launched(generation, t.Result)
                : new LaunchFailed(generation, t.Exception?.GetBaseException() ?? new OperationCanceledException("the start was cancelled")), ActorRefs.NoSender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task<IRunningInstance> LaunchAsync(InstanceInfo info, CancellationToken cancellationToken)
    {
        if (_adopted)
        {
            return await _launcher.LaunchAsync(new LaunchRequest(info.Id, _definition, new Dictionary<string, string>(), info.Title), cancellationToken).ConfigureAwait(false);
        }

        if (_assetLocation is null && _definition.Asset is { } asset)
        {
            _assetLocation = await _assets.InstallAsync(_definition.Name, asset, cancellationToken).ConfigureAwait(false);
        }

        var location = _assetLocation ?? _assets.LocationOf(_definition.Name);
        var effective = InstanceLaunchPlan.Effective(_definition, _options, _settings.PlatformDirectory, location);
        var request = new LaunchRequest(info.Id, effective, InstanceLaunchPlan.Environment(info, _settings), info.Title);
        return await _launcher.LaunchAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private void OnLaunched(Launched m)
    {
        if (m.Generation != _generation || _finished)
        {
            m.Running.Kill();
            return;
        }

        _running = m.Running;
        var self = Self;
        var generation = m.Generation;
        if (m.Running is ITitleReporting titled)
        {
            var instanceId = _info.Id;
            titled.OnTitleChanged(title => self.Tell(new SetInstanceTitle(instanceId, title), ActorRefs.NoSender));
        }

        m.Running.Exited.ContinueWith(
            t => self.Tell(new ProcessExited(generation, t.IsCompletedSuccessfully ? t.Result : new InstanceExit(null, null, "exit unknown: " + t.Exception?.GetBaseException().Message)), ActorRefs.NoSender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        if (_stopRequested)
        {
            BeginStop();
            return;
        }

        var restarted = _started;
        _info = _info with { State = InstanceState.Running, ProcessId = m.Running.ProcessId };
        Context.Parent.Tell(new InstanceInfoChanged(_info), Self);
        if (restarted)
        {
            _log.Info("Instance {InstanceId} of {App} restarted (pid {Pid}, restart {Count})", _info.Id, _info.AppName, _info.ProcessId, _info.RestartCount);
            Context.System.EventStream.Publish(new InstanceUpdated(_info, InstanceChanges.Restarted));
            return;
        }

        _started = true;
        _log.Info("Instance {InstanceId} of {App} started (pid {Pid})", _info.Id, _info.AppName, _info.ProcessId);
        Context.System.EventStream.Publish(new InstanceStarted(_info));
        foreach (var (waiter, already) in _startWaiters)
        {
            waiter.Tell(new InstanceStartResult(_info, already), Self);
        }

        _startWaiters.Clear();
        if (_info.Ready)
        {
            Context.System.EventStream.Publish(new InstanceUpdated(_info, InstanceChanges.Ready));
        }
    }

    private void OnLaunchFailed(LaunchFailed m)
    {
        if (m.Generation != _generation || _finished)
        {
            return;
        }

        var reason = m.Error switch
        {
            LaunchException e => e.Message,
            OperationCanceledException => "the start was cancelled",
            var e => $"{e.GetType().Name}: {e.Message}",
        };

        if (_stopRequested)
        {
            Finish(_lastExit, _stopReason + (_started ? string.Empty : " (while starting)"), requested: true, startFailure: reason);
            return;
        }

        if (!_started)
        {
            _log.Warning("Instance {InstanceId} of {App} failed to start: {Reason}", _info.Id, _info.AppName, reason);
            Finish(null, reason, requested: false, startFailure: reason, error: m.Error);
            return;
        }

        OnUnexpectedEnd(new InstanceExit(null, null, "restart failed: " + reason), launchFailed: true);
    }

    private void OnExited(ProcessExited m)
    {
        if (m.Generation != _generation || _finished)
        {
            return;
        }

        var ended = _running;
        _running = null;
        _lastExit = m.Exit;
        Timers.Cancel(GraceTimer);
        if (_stopRequested)
        {
            // The root is gone; descendants that survived the SIGTERM would be orphans: kill them now.
            ended?.Kill();
            Finish(m.Exit, _stopReason, requested: true);
            return;
        }

        OnUnexpectedEnd(m.Exit, launchFailed: false);
    }

    private void OnUnexpectedEnd(InstanceExit exit, bool launchFailed)
    {
        _lastExit = exit;
        var restart = launchFailed ? _policy.Mode != RestartMode.Never : _policy.ShouldRestart(exit);
        if (!restart)
        {
            Finish(exit, "exited: " + exit.Description, requested: false);
            return;
        }

        var now = _settings.TimeProvider.GetUtcNow();
        while (_restarts.Count > 0 && now - _restarts.Peek() >= _policy.Within)
        {
            _restarts.Dequeue();
        }

        if (_restarts.Count >= _policy.MaxRestarts)
        {
            Finish(exit, $"restart limit reached: more than {_policy.MaxRestarts} restart{(_policy.MaxRestarts == 1 ? string.Empty : "s")} within {_policy.Within.TotalMilliseconds:0} ms; last exit: {exit.Description}", requested: false);
            return;
        }

        var attempt = _restarts.Count + 1;
        var delay = _policy.DelayFor(attempt);
        _restarts.Enqueue(now);
        _info = _info with { State = InstanceState.Restarting, ProcessId = null };

        // The timer exists before the event is published, so whoever reacts to the event (a test advancing a virtual clock) finds it.
        Timers.StartSingleTimer(RestartTimer, new RestartDue(_generation), delay);
        Context.Parent.Tell(new InstanceInfoChanged(_info), Self);
        _log.Warning("Instance {InstanceId} of {App} ended ({Exit}); restart {Attempt} in {Delay}", _info.Id, _info.AppName, exit.Description, attempt, delay);
        Context.System.EventStream.Publish(new InstanceRestarting(_info, exit, attempt, delay));
    }

    private void OnRestartDue(RestartDue m)
    {
        if (m.Generation != _generation || _finished || _stopRequested || _info.State != InstanceState.Restarting)
        {
            return;
        }

        _info = _info with { State = InstanceState.Starting, RestartCount = _info.RestartCount + 1 };
        Launch();
    }

    private void OnStop(StopInstance m)
    {
        if (!Sender.Equals(Context.System.DeadLetters))
        {
            _stopWaiters.Add(Sender);
        }

        if (_stopRequested)
        {
            return;
        }

        _stopRequested = true;
        if (m.Reason is { } reason)
        {
            _stopReason = reason;
        }

        switch (_info.State)
        {
            case InstanceState.Starting:
                _launchCancellation?.Cancel();
                break;
            case InstanceState.Restarting:
                Timers.Cancel(RestartTimer);
                Finish(_lastExit, _stopReason, requested: true);
                break;
            default:
                BeginStop();
                break;
        }
    }

    private void BeginStop()
    {
        _info = _info with { State = InstanceState.Stopping };
        Context.Parent.Tell(new InstanceInfoChanged(_info), Self);
        var running = _running!;
        if (_settings.StopGracePeriod <= TimeSpan.Zero)
        {
            running.RequestStop();
            running.Kill();
            return;
        }

        // Armed before the stop is requested, so whoever sees the request (a test on virtual time) finds the grace timer.
        Timers.StartSingleTimer(GraceTimer, new StopGraceElapsed(_generation), _settings.StopGracePeriod);
        running.RequestStop();
    }

    private void MarkReady()
    {
        if (_info.Ready || _finished)
        {
            return;
        }

        _info = _info with { Ready = true };
        Context.Parent.Tell(new InstanceInfoChanged(_info), Self);
        if (_started)
        {
            Context.System.EventStream.Publish(new InstanceUpdated(_info, InstanceChanges.Ready));
        }
    }

    private void Update(InstanceInfo info, InstanceChanges changes)
    {
        if (_finished)
        {
            return;
        }

        _info = info;
        Context.Parent.Tell(new InstanceInfoChanged(_info), Self);
        if (_started)
        {
            Context.System.EventStream.Publish(new InstanceUpdated(_info, changes));
        }
    }

    private void Finish(InstanceExit? exit, string reason, bool requested, string? startFailure = null, Exception? error = null)
    {
        _finished = true;
        Timers.CancelAll();
        _info = _info with { State = InstanceState.Stopped, ProcessId = null };
        var stopped = new InstanceStopped(_info, exit, reason, requested);

        // The manager forgets the instance before anyone hears that it stopped: whoever lists the instances after the
        // reply or the event (their requests reach the manager after this) no longer finds it.
        Context.Parent.Tell(new InstanceEnded(_info.Id), Self);
        if (_started)
        {
            _log.Info("Instance {InstanceId} of {App} stopped: {Reason}", _info.Id, _info.AppName, reason);
            Context.System.EventStream.Publish(stopped);
        }
        else
        {
            var failure = startFailure ?? reason;
            Context.System.EventStream.Publish(new InstanceStartFailed(_info, failure));
            foreach (var (waiter, _) in _startWaiters)
            {
                waiter.Tell(new Status.Failure(new InstanceStartException(_info.AppName, _info.Id, failure, error)), Self);
            }

            _startWaiters.Clear();
        }

        foreach (var waiter in _stopWaiters)
        {
            waiter.Tell(stopped, Self);
        }

        _stopWaiters.Clear();
        Context.Stop(Self);
    }
}
