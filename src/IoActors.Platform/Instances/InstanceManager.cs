using IoActors.Apps.Registry;
using Akka.Actor;
using Akka.Event;

namespace IoActors.Platform.Instances;

/// <summary>
/// The instance manager (<c>/user/platform/instances</c>): creates one <c>InstanceActor</c> per start, routes stops,
/// readiness and updates to it, numbers instances per app (<c>instanceIndex</c>, reset when all of an app's instances are
/// closed), applies <c>allowMultiple</c> and <c>applications.titleFormat</c>, and answers the instance queries.
/// See <c>InstanceProtocol.cs</c> for its messages.
/// </summary>
public sealed class InstanceManager : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly InstanceManagerSettings _settings;
    private readonly Dictionary<string, Entry> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AppCounter> _apps = new(StringComparer.Ordinal);
    private LauncherSet? _launchers;
    private long _sequence;

    /// <summary>Creates the manager; Akka calls this from <see cref="Props(InstanceManagerSettings)"/>, which validates the settings.</summary>
    /// <param name="settings">The settings.</param>
    public InstanceManager(InstanceManagerSettings settings)
    {
        _settings = settings;
        Receive<StartInstance>(OnStart);
        Receive<AdoptInstance>(OnAdopt);
        Receive<StopInstance>(m =>
        {
            if (_instances.TryGetValue(m.InstanceId, out var entry))
            {
                entry.Actor.Forward(m);
            }
            else
            {
                Sender.Tell(new Status.Failure(new InstanceNotFoundException(m.InstanceId)), Self);
            }
        });
        Receive<StopAppInstances>(m => Sender.Tell(new StopAppInstancesResult(StopApp(m.AppName, m.Reason)), Self));
        Receive<AppSignalReady>(m => RouteSignal(m.InstanceId, m));
        Receive<InteropReady>(m => RouteSignal(m.InstanceId, m));
        Receive<SetInstanceTitle>(m => Route(m.InstanceId, m));
        Receive<SetInstanceContext>(m =>
        {
            // Listed at once, so that a query after this (a window's getContext after its updateContext) finds it.
            if (_instances.TryGetValue(m.InstanceId, out var entry))
            {
                entry.Info = entry.Info with { Context = m.Context };
            }

            Route(m.InstanceId, m);
        });
        Receive<GetInstances>(m => Sender.Tell(
            new InstanceList(_instances.Values
                .Where(e => m.AppName is null || string.Equals(e.Info.AppName, m.AppName, StringComparison.Ordinal))
                .OrderBy(e => e.Sequence)
                .Select(e => e.Info)
                .ToList()),
            Self));
        Receive<GetInstance>(m => Sender.Tell(new InstanceLookup(_instances.TryGetValue(m.InstanceId, out var e) ? e.Info : null), Self));
        Receive<InstanceInfoChanged>(m =>
        {
            if (_instances.TryGetValue(m.Instance.Id, out var entry))
            {
                // A change the actor reported before it saw the readiness signal or a new context must not take back what the
                // list already shows: readiness is never taken back, and every context change passes here first (so the
                // list's context is never older than the actor's).
                entry.Info = m.Instance with { Ready = m.Instance.Ready || entry.Signalled, Context = entry.Info.Context };
            }
        });
        Receive<InstanceEnded>(m => Remove(m.InstanceId));
        Receive<AppRemoved>(m =>
        {
            if (_settings.CloseRunningInstancesOnAppRemoved)
            {
                var ids = StopApp(m.App.Name, "the app was removed");
                if (ids.Count > 0)
                {
                    _log.Info("App {App} was removed; stopping its {Count} instance(s)", m.App.Name, ids.Count);
                }
            }
        });
        Receive<Terminated>(m =>
        {
            var gone = _instances.Values.FirstOrDefault(e => e.Actor.Equals(m.ActorRef));
            if (gone is not null)
            {
                _log.Error("Instance actor {InstanceId} of {App} stopped unexpectedly", gone.Info.Id, gone.Info.AppName);
                Remove(gone.Info.Id);
            }
        });
    }

    /// <summary>The props of an instance manager.</summary>
    /// <param name="settings">The settings (validated here).</param>
    /// <returns>The props.</returns>
    /// <exception cref="ArgumentException">Some setting is invalid; the message lists every problem.</exception>
    public static Props Props(InstanceManagerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return Akka.Actor.Props.Create(() => new InstanceManager(settings));
    }

    /// <inheritdoc/>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);

    /// <inheritdoc/>
    protected override void PreStart()
    {
        _launchers = new LauncherSet(_settings, _settings.TimeProvider);
        HostExitWatchdog.Prepare(_log);
        if (_settings.CloseRunningInstancesOnAppRemoved)
        {
            Context.System.EventStream.Subscribe(Self, typeof(AppRemoved));
        }
    }

    /// <inheritdoc/>
    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void OnStart(StartInstance m)
    {
        ArgumentNullException.ThrowIfNull(m.App);
        var app = m.App;
        // Only an app with live instances has one to find (no scan of every instance for each start of a boot).
        if (!app.AllowMultiple && _apps.TryGetValue(app.Name, out var live) && live.Live > 0)
        {
            var existing = _instances.Values.Where(e => string.Equals(e.Info.AppName, app.Name, StringComparison.Ordinal)).OrderBy(e => e.Sequence).FirstOrDefault();
            if (existing is not null)
            {
                if (existing.Info.State == InstanceState.Starting && existing.Info.RestartCount == 0)
                {
                    existing.Actor.Tell(new AddStartWaiter(Sender), Self);
                }
                else
                {
                    Sender.Tell(new InstanceStartResult(existing.Info, true), Self);
                }

                return;
            }
        }

        var counter = _apps.TryGetValue(app.Name, out var c) ? c : new AppCounter();
        var index = counter.NextIndex;
        var id = Guid.NewGuid().ToString("N");
        var info = new InstanceInfo(
            id,
            app.Name,
            app.Type,
            index,
            InstanceLaunchPlan.Title(_settings.TitleFormat, app.Title, index),
            InstanceState.Starting,
            null,
            false,
            m.Context?.Clone(),
            m.StartedBy ?? StartedBy.Host,
            _settings.TimeProvider.GetUtcNow(),
            0);

        var policy = RestartPolicyReader.Read(app, _settings.DefaultRestartPolicy, out var problems);
        if (problems.Count > 0)
        {
            var reason = "invalid restartPolicy: " + string.Join("; ", problems);
            Context.System.EventStream.Publish(new InstanceStartFailed(info with { State = InstanceState.Stopped }, reason));
            Sender.Tell(new Status.Failure(new InstanceStartException(app.Name, id, reason)), Self);
            return;
        }

        counter.NextIndex++;
        counter.Live++;
        _apps[app.Name] = counter;
        var actor = Context.ActorOf(InstanceActor.Props(info, app, m.Options, policy, _launchers!.For(app.Type), _launchers.Assets, _settings, Sender), id);
        Context.Watch(actor);
        _instances[id] = new Entry(actor, info, ++_sequence);
    }

    private void OnAdopt(AdoptInstance m)
    {
        ArgumentNullException.ThrowIfNull(m.App);
        var app = m.App;
        var id = m.InstanceId is { Length: > 0 and <= 64 } wanted && wanted.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') && !_instances.ContainsKey(wanted)
            ? wanted
            : Guid.NewGuid().ToString("N");
        var counter = _apps.TryGetValue(app.Name, out var c) ? c : new AppCounter();
        var info = new InstanceInfo(
            id,
            app.Name,
            app.Type,
            counter.NextIndex,
            InstanceLaunchPlan.Title(_settings.TitleFormat, app.Title, counter.NextIndex),
            InstanceState.Starting,
            m.ProcessId,
            false,
            null,
            StartedBy.Host,
            _settings.TimeProvider.GetUtcNow(),
            0);
        if (!app.AllowMultiple && counter.Live > 0 && _instances.Values.FirstOrDefault(e => string.Equals(e.Info.AppName, app.Name, StringComparison.Ordinal)) is { } running)
        {
            var reason = $"the app does not allow multiple instances and instance {running.Info.Id} runs";
            Sender.Tell(new Status.Failure(new InstanceStartException(app.Name, id, reason)), Self);
            return;
        }

        counter.NextIndex++;
        counter.Live++;
        _apps[app.Name] = counter;
        var never = _settings.DefaultRestartPolicy with { Mode = RestartMode.Never };
        var actor = Context.ActorOf(InstanceActor.Props(info, app, null, never, new AdoptedProcessLauncher(m.ProcessId), _launchers!.Assets, _settings, Sender, adopted: true), id);
        Context.Watch(actor);
        _instances[id] = new Entry(actor, info, ++_sequence);
    }

    private List<string> StopApp(string appName, string? reason)
    {
        var ids = new List<string>();
        foreach (var entry in _instances.Values.Where(e => string.Equals(e.Info.AppName, appName, StringComparison.Ordinal)).OrderBy(e => e.Sequence))
        {
            entry.Actor.Tell(new StopInstance(entry.Info.Id, reason), ActorRefs.NoSender);
            ids.Add(entry.Info.Id);
        }

        return ids;
    }

    private void Route(string instanceId, object message)
    {
        if (_instances.TryGetValue(instanceId, out var entry))
        {
            entry.Actor.Forward(message);
        }
        else
        {
            _log.Debug("{Message} for unknown instance {InstanceId} ignored", message.GetType().Name, instanceId);
        }
    }

    /// <summary>
    /// Routes a readiness signal and lists the instance as ready at once: the platform tells the boot of the same signal
    /// in parallel, and whoever the finished boot lets go on (<c>WhenBooted</c>, then a query of the instances) must find
    /// the instance ready, not wait for the instance actor to get to the signal and report back.
    /// </summary>
    private void RouteSignal(string instanceId, object signal)
    {
        if (_instances.TryGetValue(instanceId, out var entry))
        {
            entry.Signalled = true;
            entry.Info = entry.Info with { Ready = true };
        }

        Route(instanceId, signal);
    }

    private void Remove(string instanceId)
    {
        if (!_instances.Remove(instanceId, out var entry))
        {
            return;
        }

        Context.Unwatch(entry.Actor);
        if (_apps.TryGetValue(entry.Info.AppName, out var counter) && --counter.Live <= 0)
        {
            // All of the app's instances are closed: the next one is number 1 again.
            _apps.Remove(entry.Info.AppName);
        }
    }

    private sealed class Entry(IActorRef actor, InstanceInfo info, long sequence)
    {
        public IActorRef Actor { get; } = actor;

        public InstanceInfo Info { get; set; } = info;

        public long Sequence { get; } = sequence;

        /// <summary>Whether a readiness signal was routed to the instance (it stays ready: readiness is never taken back).</summary>
        public bool Signalled { get; set; }
    }

    private sealed class AppCounter
    {
        public int NextIndex { get; set; } = 1;

        public int Live { get; set; }
    }
}
