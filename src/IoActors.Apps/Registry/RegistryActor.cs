using Akka.Actor;
using Akka.Event;

namespace IoActors.Apps.Registry;

/// <summary>
/// Merges the stores' sets, publishes <see cref="AppAdded"/>, <see cref="AppRemoved"/> and <see cref="AppChanged"/> on a real
/// content change only, answers queries and serves resumable subscriptions from a bounded replay buffer. A faulty message
/// (a missing field) is answered with a <see cref="Status.Failure"/> naming it and changes nothing; should the registry
/// restart anyway, the new instance takes over the merged view, the replay buffer and the subscribers.
/// </summary>
internal sealed class RegistryActor : ReceiveActor, IWithUnboundedStash
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RegistrySettings _settings;
    private RegistryState _state = new();

    // The most recent events, oldest first, for subscribers that resume from a sequence number.
    private Queue<RegistryEvent> _replay = new();
    private HashSet<IActorRef> _subscribers = [];
    private readonly List<RegistryEvent> _events = [];
    private readonly List<AppNameConflict> _conflicts = [];

    public RegistryActor(RegistrySettings settings)
    {
        _settings = settings;
        Receive<StoreSnapshot>(snapshot => Guarded(snapshot, RegistryMessages.Check(snapshot), () => _state.Apply(snapshot, _events, _conflicts)));
        Receive<RemoveStore>(remove => Guarded(remove, RegistryMessages.Check(remove), () => _state.RemoveStore(remove.StoreId, _events, _conflicts)));
        Receive<GetApps>(_ => Sender.Tell(new AppsSnapshot(_state.Sequence, _state.Snapshot())));
        Receive<GetApp>(query => Answer(query, RegistryMessages.Check(query), () => new AppLookup(query.Name, _state.Apps.GetValueOrDefault(query.Name))));
        Receive<GetAppsByStore>(query => Answer(query, RegistryMessages.Check(query), () => new StoreApps(query.StoreId, _state.HasStore(query.StoreId), _state.AppsOf(query.StoreId))));
        Receive<SubscribeRegistry>(subscribe =>
        {
            if (RegistryMessages.Check(subscribe) is { } problem)
            {
                Refuse(subscribe, problem);
                return;
            }

            Subscribe(subscribe);
        });
        Receive<UnsubscribeRegistry>(unsubscribe =>
        {
            if (RegistryMessages.Check(unsubscribe) is { } problem)
            {
                Refuse(unsubscribe, problem);
            }
            else if (_subscribers.Remove(unsubscribe.Subscriber))
            {
                Context.Unwatch(unsubscribe.Subscriber);
            }
        });
        Receive<Terminated>(terminated => _subscribers.Remove(terminated.ActorRef));
    }

    /// <summary>Injected by Akka (holds messages while a restarted instance takes over).</summary>
    public IStash Stash { get; set; } = null!;

    // The next instance takes over the merged view, the replay buffer and the subscribers (whose watches the cell keeps),
    // so a restart publishes no event and loses no app.
    protected override void PreRestart(Exception reason, object message) => Self.Tell(new HandOver(_state, _replay, _subscribers));

    protected override void PostRestart(Exception reason)
    {
        _log.Warning("The app registry restarted after {Error}: {Message}; it keeps its apps", reason.GetType().Name, reason.Message);
        BecomeStacked(() =>
        {
            Receive<HandOver>(state =>
            {
                _state = state.State;
                _replay = state.Replay;
                _subscribers = state.Subscribers;

                // The failed message may have stopped half way: resolve every name again, so the view matches the
                // stores' sets and what changed is published.
                _state.Reconcile(_events, _conflicts);
                Emit();
                UnbecomeStacked();
                Stash.UnstashAll();
            });
            ReceiveAny(_ => Stash.Stash());
        });
    }

    // Applies a change; a faulty message is refused, and a change that fails half way is reconciled (never left half done).
    private void Guarded(object message, string? problem, Action change)
    {
        if (problem is not null)
        {
            Refuse(message, problem);
            return;
        }

        try
        {
            change();
        }
        catch (Exception ex)
        {
            _log.Error(ex, "The app registry could not apply {Message}; every app is resolved again", message.GetType().Name);
            Sender.Tell(new Status.Failure(ex), Self);
            _state.Reconcile(_events, _conflicts);
        }

        Emit();
    }

    private void Answer(object query, string? problem, Func<object> answer)
    {
        if (problem is not null)
        {
            Refuse(query, problem);
            return;
        }

        Sender.Tell(answer(), Self);
    }

    private void Refuse(object message, string problem)
    {
        _log.Warning("The app registry refused {Message}: {Problem}", message.GetType().Name, problem);
        Sender.Tell(new Status.Failure(new ArgumentException($"{message.GetType().Name}: {problem}")), Self);
    }

    private void Subscribe(SubscribeRegistry subscribe)
    {
        var subscriber = subscribe.Subscriber;
        if (_subscribers.Add(subscriber))
        {
            Context.Watch(subscriber);
        }

        var after = Math.Max(0, subscribe.AfterSequence);
        var oldestRetained = _replay.Count > 0 ? _replay.Peek().Sequence : _state.Sequence + 1;
        if (after >= _state.Sequence)
        {
            subscriber.Tell(new RegistrySubscribed(_state.Sequence, 0, false), Self);
            return;
        }

        if (after + 1 < oldestRetained)
        {
            subscriber.Tell(new RegistrySubscribed(_state.Sequence, 0, true), Self);
            subscriber.Tell(new RegistryReset(_state.Sequence, _state.Snapshot()), Self);
            return;
        }

        var replay = _replay.Where(e => e.Sequence > after).ToList();
        subscriber.Tell(new RegistrySubscribed(_state.Sequence, replay.Count, false), Self);
        foreach (var e in replay)
        {
            subscriber.Tell(e, Self);
        }
    }

    private void Emit()
    {
        foreach (var conflict in _conflicts)
        {
            _log.Warning("App {App} is defined by several stores; {Winner} wins, {Shadowed} ignored", conflict.Name, conflict.WinnerStoreId, string.Join(", ", conflict.ShadowedStoreIds));
            if (_settings.PublishToEventStream)
            {
                Context.System.EventStream.Publish(conflict);
            }
        }

        foreach (var e in _events)
        {
            _replay.Enqueue(e);
            if (_replay.Count > _settings.ReplayBufferSize)
            {
                _replay.Dequeue();
            }

            if (_settings.PublishToEventStream)
            {
                Context.System.EventStream.Publish(e);
            }

            foreach (var subscriber in _subscribers)
            {
                subscriber.Tell(e, Self);
            }
        }

        _events.Clear();
        _conflicts.Clear();
    }

    /// <summary>What a registry instance hands to the one that takes over after a restart.</summary>
    private sealed record HandOver(RegistryState State, Queue<RegistryEvent> Replay, HashSet<IActorRef> Subscribers);
}
