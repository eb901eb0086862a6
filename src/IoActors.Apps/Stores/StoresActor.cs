using IoActors.Apps.Definitions;
using Akka.Actor;
using Akka.Event;

namespace IoActors.Apps.Stores;

/// <summary>
/// The stores supervisor under <c>/user/platform/stores</c>: one child per store, readiness tracking, appStoresTimeout, and
/// the in-memory store commands forwarded to the in-memory child. A store that fails is restarted and takes over its own
/// last state; should this supervisor restart, its stores are restarted with it (each keeping its own state) and the new
/// instance takes over the supervisor's state.
/// </summary>
internal sealed class StoresActor : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    private const string TimeoutTimer = "app-stores-timeout";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly AppStoresSettings _settings;
    private readonly TimeProvider _clock;
    private readonly IActorRef _registry;
    private readonly List<StorePlan> _plans;
    private readonly Dictionary<string, StoreStatus> _status = new(StringComparer.Ordinal);
    private readonly List<IActorRef> _waiters = [];

    // The boot decision once known: RequiredStoresLoaded or RequiredStoresFailed.
    private object? _decision;

    // When the stores started (TimeProvider timestamp), for appStoresTimeout.
    private long _startedAt;

    public StoresActor(AppStoresSettings settings, IActorRef registry, TimeProvider clock)
    {
        _settings = settings;
        _clock = clock;
        _registry = registry;
        _plans = StorePlan.Build(settings);
        Receive<StoreLoaded>(loaded => Update(loaded.StoreId, s => s with { State = StoreState.Loaded, AppCount = loaded.AppCount }));
        Receive<StoreFailed>(failed =>
        {
            if (failed.StoreId is null || !_status.ContainsKey(failed.StoreId))
            {
                return;
            }

            Update(failed.StoreId, s => s with { State = s.State == StoreState.Loaded ? StoreState.Loaded : StoreState.Failed, LastError = failed.Cause });
            if (failed.IsRequired && _decision is null)
            {
                Decide(new RequiredStoresFailed([failed], TimedOut: false));
            }
        });
        Receive<StorePolled>(polled => Update(polled.StoreId, s => s with
        {
            AppCount = polled.AppCount,
            LastPolledAt = _clock.GetUtcNow(),
            LastOutcome = polled.Outcome,
            FromCache = polled.FromCache || (s.FromCache && polled.Outcome == StorePollOutcome.Failed),
        }));
        Receive<StoreError>(error => Update(error.StoreId, s => s.WithError(error)));
        Receive<GetStoresStatus>(_ => Sender.Tell(Status(), Self));
        Receive<WaitForRequiredStores>(_ =>
        {
            if (_decision is not null)
            {
                Sender.Tell(_decision, Self);
            }
            else
            {
                _waiters.Add(Sender);
            }
        });
        Receive<StoreMessages.StoresTimeout>(_ =>
        {
            if (_decision is not null)
            {
                return;
            }

            var failures = _status.Values
                .Where(s => s.IsRequired && s.State != StoreState.Loaded)
                .Select(s => new StoreFailed(s.StoreId, s.Type, true,
                    $"not loaded within appStoresTimeout ({_settings.AppStoresTimeout.TotalMilliseconds:0} ms){(s.LastError is null ? string.Empty : "; last error: " + s.LastError)}"))
                .ToList();
            Decide(new RequiredStoresFailed(failures, TimedOut: true));
        });
        Receive<ImportApps>(Forward);
        Receive<ExportApps>(Forward);
        Receive<RemoveInMemoryApp>(Forward);
        Receive<ClearInMemoryApps>(Forward);
        Receive<HasInMemoryApp>(Forward);
    }

    /// <summary>Injected by Akka.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Injected by Akka (holds messages while a restarted instance takes over).</summary>
    public IStash Stash { get; set; } = null!;

    protected override void PreStart()
    {
        _startedAt = _clock.GetTimestamp();
        // Armed before any store starts, so the timeout counts from the same instant as the stores' first loads.
        Timers.StartSingleTimer(TimeoutTimer, StoreMessages.StoresTimeout.Instance, _settings.AppStoresTimeout);
        foreach (var plan in _plans)
        {
            _status[plan.Id] = new StoreStatus(plan.Id, plan.Type, plan.Kind, plan.IsRequired, StoreState.Loading, 0, null, RecentErrors: []);
            Props props = plan.Settings switch
            {
                PathStoreSettings p => Props.Create(() => new PathStoreActor(plan, p, _registry, _clock)),
                RestStoreSettings r => Props.Create(() => new RestStoreActor(plan, r, _registry, _clock)),
                ServerStoreSettings s => Props.Create(() => new ServerStoreActor(plan, s, _registry, _clock)),
                _ => Props.Create(() => new InMemoryStoreActor(plan, _registry)),
            };
            Context.ActorOf(props, plan.Id);
        }

        CheckLoaded();
    }

    // A store that fails is restarted (it takes over its own last state); only one that cannot even be created stops.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(cause => cause switch
    {
        ActorInitializationException => Directive.Stop,
        _ => Directive.Restart,
    });

    // The stores are not stopped by a restart of their supervisor (Akka restarts them with it, and each takes over its own
    // state); the next instance of the supervisor takes over this one's state.
    protected override void PreRestart(Exception reason, object message) =>
        Self.Tell(new HandOver(new Dictionary<string, StoreStatus>(_status, StringComparer.Ordinal), [.. _waiters], _decision, _startedAt));

    protected override void PostRestart(Exception reason)
    {
        _log.Warning("The app stores supervisor restarted after {Error}: {Message}; the stores take over their own state", reason.GetType().Name, reason.Message);
        BecomeStacked(() =>
        {
            Receive<HandOver>(state =>
            {
                foreach (var (id, status) in state.Status)
                {
                    _status[id] = status;
                }

                _waiters.AddRange(state.Waiters);
                _decision = state.Decision;
                _startedAt = state.StartedAt;
                UnbecomeStacked();
                Stash.UnstashAll();
                if (_decision is null)
                {
                    var left = _settings.AppStoresTimeout - _clock.GetElapsedTime(_startedAt);
                    Timers.StartSingleTimer(TimeoutTimer, StoreMessages.StoresTimeout.Instance, left > TimeSpan.Zero ? left : TimeSpan.Zero);
                    CheckLoaded();
                }
            });
            ReceiveAny(_ => Stash.Stash());
        });
    }

    private void Forward(object command)
    {
        var child = Context.Child(AppStores.InMemoryStoreId);
        if (!_settings.EnableInMemoryStore || child.Equals(ActorRefs.Nobody))
        {
            Sender.Tell(new Status.Failure(new InvalidOperationException("The in-memory app store is disabled (AppStoresSettings.EnableInMemoryStore is false).")), Self);
            return;
        }

        child.Forward(command);
    }

    private void Update(string? storeId, Func<StoreStatus, StoreStatus> change)
    {
        if (storeId is not null && _status.TryGetValue(storeId, out var status))
        {
            _status[storeId] = change(status);
            CheckLoaded();
        }
    }

    private void CheckLoaded()
    {
        if (_decision is null && _status.Values.All(s => !s.IsRequired || s.State == StoreState.Loaded))
        {
            Decide(new RequiredStoresLoaded(Status()));
        }
    }

    private void Decide(object decision)
    {
        _decision = decision;
        Timers.Cancel(TimeoutTimer);
        if (decision is RequiredStoresFailed failed)
        {
            _log.Error("App stores failed the boot: {Message}", failed.Message);
        }

        Context.System.EventStream.Publish(decision);
        foreach (var waiter in _waiters)
        {
            waiter.Tell(decision, Self);
        }

        _waiters.Clear();
    }

    private StoresStatus Status() => new([.. _plans.Select(p => _status[p.Id])]);

    /// <summary>What this supervisor hands to the instance that takes over after a restart.</summary>
    private sealed record HandOver(Dictionary<string, StoreStatus> Status, List<IActorRef> Waiters, object? Decision, long StartedAt);
}
