using IoActors.Kernel;
using Microsoft.Extensions.Logging;

namespace IoActors.Apps.Registry;

/// <summary>
/// Merges the stores' sets, publishes <see cref="AppAdded"/>, <see cref="AppRemoved"/> and <see cref="AppChanged"/> on a real
/// content change only, answers queries and serves resumable subscriptions from a bounded replay buffer.
/// </summary>
internal sealed class RegistryActor : ReceiveActor
{
    private readonly RegistrySettings _settings;
    private readonly RegistryState _state = new();

    // The most recent events, oldest first, for subscribers that resume from a sequence number.
    private readonly Queue<RegistryEvent> _replay = new();
    private readonly HashSet<IActorRef> _subscribers = [];
    private readonly List<RegistryEvent> _events = [];
    private readonly List<AppNameConflict> _conflicts = [];

    public RegistryActor(RegistrySettings settings)
    {
        _settings = settings;
        Receive<StoreSnapshot>(snapshot =>
        {
            _state.Apply(snapshot, _events, _conflicts);
            Emit();
        });
        Receive<RemoveStore>(remove =>
        {
            _state.RemoveStore(remove.StoreId, _events, _conflicts);
            Emit();
        });
        Receive<GetApps>(_ => Sender.Tell(new AppsSnapshot(_state.Sequence, _state.Snapshot())));
        Receive<GetApp>(query => Sender.Tell(new AppLookup(query.Name, _state.Apps.GetValueOrDefault(query.Name))));
        Receive<GetAppsByStore>(query => Sender.Tell(new StoreApps(query.StoreId, _state.HasStore(query.StoreId), _state.AppsOf(query.StoreId))));
        Receive<SubscribeRegistry>(Subscribe);
        Receive<UnsubscribeRegistry>(unsubscribe =>
        {
            if (_subscribers.Remove(unsubscribe.Subscriber))
            {
                Context.Unwatch(unsubscribe.Subscriber);
            }
        });
        Receive<Terminated>(terminated => _subscribers.Remove(terminated.ActorRef));
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
            Context.Log.LogWarning("App {App} is defined by several stores; {Winner} wins, {Shadowed} ignored", conflict.Name, conflict.WinnerStoreId, string.Join(", ", conflict.ShadowedStoreIds));
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
}
