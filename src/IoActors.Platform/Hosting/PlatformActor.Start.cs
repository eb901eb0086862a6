using IoActors.Apps.Stores;
using Akka.Actor;
using Akka.Event;
using IoActors.Platform.Boot;
using IoActors.Platform.Channels;
using IoActors.Platform.Instances;
using IoActors.Platform.Intents;

namespace IoActors.Platform.Hosting;

/// <summary>
/// The staged start. <c>PreStart</c> only checks the settings and creates the host's children, the history and the
/// journals; the remote stores' cache folders are seeded from the journal by their persistent actors (never blocking
/// this one), which say so with <see cref="RemoteStoreCacheJournal.Seeded"/>; then the registry, stores, instance
/// manager and the in-memory store's journal are created. Every child confirms its start with
/// an <see cref="Identify"/> round trip, which an actor answers only after its <c>PreStart</c> (and after any start
/// step it runs as an async handler). The boot supervisor is created once all of them confirmed and the in-memory
/// apps are restored, so the boot never runs beside a host child that has not started; once it confirmed too the
/// platform is running and <see cref="IoPlatform.Create"/> returns. Other messages wait in the stash until then; a
/// child that stops while starting fails the start, naming it and why.
/// </summary>
internal sealed partial class PlatformActor
{
    private readonly SupervisorStrategy _supervisorStrategy;

    // Children created and not confirmed yet, with their names.
    private readonly Dictionary<IActorRef, string> _unconfirmed = [];
    private AppStoresSettings _storeSettings = null!;
    private InstanceManagerSettings _instanceSettings = null!;
    private bool _coreCreated;
    private bool _restored;

    // The previous run's leftover processes were stopped (with a journal): the boot starts no instance beside one.
    private bool _leftoversStopped;
    private bool _running;

    // Why a child failed to start (its PreStart threw), by child, until the start is over.
    private readonly Dictionary<IActorRef, Exception> _startFailures = [];

    protected override void PreStart()
    {
        try
        {
            _storeSettings = PlatformSettings.Stores(_options.Configuration);
            OpenManager();
            _instanceSettings = PlatformSettings.Instances(_options);
            _instanceSettings.Validate();

            // The host's children first, so they exist before anything they serve starts.
            foreach (var child in _options.Children ?? [])
            {
                StartChild(child.Props, child.Name);
            }

            // Subscribed here, before anything starts, so no instance or boot event is missed.
            _channels = StartChild(ChannelsActor.Props(ChannelDefinitions.Read(_options.Configuration.Channels)), "channels");
            _history = StartChild(PlatformHistoryJournal.Props(_journal, _options.TimeProvider), "history");
            Context.System.EventStream.Subscribe(_history, typeof(InstanceEvent));
            Context.System.EventStream.Subscribe(_history, typeof(BootCompleted));
            Context.System.EventStream.Subscribe(_history, typeof(BootFailed));
            StartFleetReporter();
            StartClientStateChildren();
            if (!_journal.Persists)
            {
                _leftoversStopped = true;
                Self.Tell(CreateCoreChildren.Instance, Self);
            }
            else
            {
                // Before the stores start: a remote store whose cache file is gone finds the last journaled one.
                _startup.WaitingFor = "the remote stores' cache folders to be seeded from the journal";
                _remoteStores = StartChild(RemoteStoreCacheJournal.Props(_journal, RemoteStoreCacheJournal.CacheFolders(_storeSettings)), "remote-store-journal");
                Context.System.EventStream.Subscribe(_remoteStores, typeof(StoreLoaded));
                Context.System.EventStream.Subscribe(_remoteStores, typeof(StorePolled));
                var processes = StartChild(InstanceProcessJournal.Props(_journal, _options.Configuration.IoActors.Instances.StopGracePeriod, Guid.NewGuid().ToString("N")), "instance-processes");
                Context.System.EventStream.Subscribe(processes, typeof(InstanceEvent));
            }
        }
        catch (Exception ex)
        {
            _refs.TrySetException(ex);
            throw;
        }
    }

    // The behaviour until every child confirmed its start.
    private void Starting()
    {
        Receive<CreateCoreChildren>(_ => CreateCoreChildrenNow());
        Receive<RemoteStoreCacheJournal.Seeded>(_ => CreateCoreChildrenNow());
        Receive<ActorIdentity>(OnIdentity);
        Receive<InMemoryStoreJournal.Restored>(_ =>
        {
            _restored = true;
            Proceed();
        });
        Receive<InstanceProcessJournal.LeftoversStopped>(_ =>
        {
            _leftoversStopped = true;
            Proceed();
        });
        Receive<Terminated>(m =>
        {
            if (_unconfirmed.TryGetValue(m.ActorRef, out var name))
            {
                FailStart(name, m.ActorRef);
            }
        });
        ReceiveAny(_ => Stash.Stash());
    }

    private void CreateCoreChildrenNow()
    {
        if (_coreCreated)
        {
            return;
        }

        try
        {
            _registry = StartChild(AppStores.RegistryProps(), AppStores.RegistryActorName);
            StartCrashReporter();
            _stores = StartChild(AppStores.StoresProps(_storeSettings, _registry, _options.TimeProvider), AppStores.StoresActorName);
            _instances = StartChild(InstanceManager.Props(_instanceSettings), "instances");
            _intents = StartChild(IntentsActor.Props(_registry, _instances, PlatformSettings.Intents(_options)), "intents");
            if (!_journal.Persists)
            {
                _inMemory = _stores;
                _restored = true;
            }
            else
            {
                // It restores the persisted in-memory apps and tells Restored: the boot plans from the registry after that.
                _inMemory = StartChild(InMemoryStoreJournal.Props(_stores, _journal), "in-memory-journal");
            }

            _coreCreated = true;
        }
        catch (Exception ex)
        {
            _refs.TrySetException(ex);
            Context.Stop(Self);
            return;
        }

        Proceed();
    }

    private IActorRef StartChild(Props props, string name)
    {
        var child = Context.ActorOf(props, name);
        Context.Watch(child);
        _unconfirmed[child] = name;
        child.Tell(new Identify(name), Self);
        return child;
    }

    private void OnIdentity(ActorIdentity identity)
    {
        if (identity.Subject is null)
        {
            // Answered for an actor that is gone: its Terminated names the cause.
            return;
        }

        if (!_unconfirmed.Remove(identity.Subject))
        {
            return;
        }

        if (!identity.Subject.Equals(_boot))
        {
            // The boot supervisor stays watched: the platform replaces it on a restart.
            Context.Unwatch(identity.Subject);
        }

        Proceed();
    }

    // Moves the start on once nothing holds it: boot supervisor after every other child, running after the boot supervisor.
    private void Proceed()
    {
        if (_running)
        {
            return;
        }

        if (_unconfirmed.Count > 0 || !_coreCreated || !_restored || !_leftoversStopped)
        {
            _startup.WaitingFor = _unconfirmed.Count > 0
                ? $"the children {string.Join(", ", _unconfirmed.Values.Order(StringComparer.Ordinal))} to confirm their start"
                : !_coreCreated ? "the stores, registry and instance manager to be created"
                : !_restored ? "the in-memory apps to be restored from the journal"
                : "the previous run's leftover processes to be stopped";
            return;
        }

        if (_boot.Equals(ActorRefs.Nobody))
        {
            var boot = StartBoot();
            _unconfirmed[boot] = "boot";
            boot.Tell(new Identify("boot"), Self);
            _startup.WaitingFor = "the children boot to confirm their start";
            return;
        }

        _running = true;
        _startFailures.Clear();
        _startup.WaitingFor = "nothing (started)";
        Become(Running);
        Stash.UnstashAll();
        _refs.TrySetResult(WithClientState(new PlatformRefs(Self, _registry, _stores, _instances, _inMemory, _history, _intents)
        {
            Channels = _channels,
            Manager = _manager,
            ManagerMirror = _managerMirror,
            FleetReporter = _fleetReporter,
        }));
    }

    private void FailStart(string name, IActorRef child)
    {
        var cause = _startFailures.TryGetValue(child, out var failure) ? failure.InnerException ?? failure : null;
        var message = cause is null
            ? $"The platform could not start: its child '{name}' stopped before it confirmed its start."
            : $"The platform could not start: its child '{name}' failed to start: {cause.Message}";
        _log.Error(cause, "{Message}", message);
        _refs.TrySetException(new InvalidOperationException(message, cause));
        Context.Stop(Self);
    }

    private Directive RecordStartFailure(Exception cause)
    {
        if (!_running && cause is ActorInitializationException { Actor: { } actor })
        {
            _startFailures[actor] = cause;
        }

        return Akka.Actor.SupervisorStrategy.DefaultDecider.Decide(cause);
    }

    /// <summary>The start step that creates the stores, registry, instance manager and journals.</summary>
    private sealed record CreateCoreChildren
    {
        public static CreateCoreChildren Instance { get; } = new();
    }
}
