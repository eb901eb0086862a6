using IoActors.Apps.Stores;
using IoActors.Kernel;
using IoActors.Platform.Boot;
using IoActors.Persistence;
using IoActors.Platform.Instances;

namespace IoActors.Platform.Hosting;

/// <summary>
/// The root supervisor at /user/platform: creates the host's children (<see cref="IoPlatformOptions.Children"/>), the
/// registry, the stores, the instance manager and the boot supervisor; routes readiness signals to both the instance manager and the boot supervisor; runs the boot again on
/// a restart.
/// </summary>
internal sealed class PlatformActor : ReceiveActor
{
    private readonly IoPlatformOptions _options;
    private readonly TaskCompletionSource<PlatformRefs> _refs;
    private IActorRef _registry = ActorRefs.Nobody;
    private IActorRef _stores = ActorRefs.Nobody;
    private IActorRef _instances = ActorRefs.Nobody;
    private IActorRef _boot = ActorRefs.Nobody;
    private IActorRef _stoppingBoot = ActorRefs.Nobody;
    private IActorRef _inMemory = ActorRefs.Nobody;
    private IActorRef _history = ActorRefs.Nobody;
    private IActorRef _remoteStores = ActorRefs.Nobody;

    // What the first boot waits for with a journal: the in-memory apps restored, the previous run's leftover processes stopped.
    private int _beforeBoot;
    private readonly IJournal? _journal;
    private int _attempt = 1;
    private readonly List<(GetBootReport Request, IActorRef Sender)> _reportRequests = [];

    // The boot run waiting for the previous boot supervisor to stop (a restart).
    private TaskCompletionSource<BootReport>? _nextBoot;
    private TaskCompletionSource<BootReport> _currentBoot;

    public PlatformActor(IoPlatformOptions options, IJournal? journal, TaskCompletionSource<PlatformRefs> refs, TaskCompletionSource<BootReport> firstBoot)
    {
        _options = options;
        _journal = journal;
        _refs = refs;
        _currentBoot = firstBoot;

        Receive<InstanceSignalled>(m =>
        {
            _instances.Tell(m.Signal == ReadinessSignal.AppSignal ? new AppSignalReady(m.InstanceId) : new InteropReady(m.InstanceId), Self);
            _boot.Tell(m, Self);
        });
        Receive<GetBootReport>(m =>
        {
            if (_boot.Equals(ActorRefs.Nobody))
            {
                // The boot starts once the persisted in-memory apps are restored: answer then.
                _reportRequests.Add((m, Sender));
            }
            else
            {
                _boot.Forward(m);
            }
        });
        Receive<RemoteStoreCacheJournal.Flush>(m =>
        {
            if (_remoteStores.Equals(ActorRefs.Nobody))
            {
                Sender.Tell(m, Self);
            }
            else
            {
                _remoteStores.Forward(m);
            }
        });

        // The boot plans from the registry, so it starts once the persisted in-memory apps are back, and it starts no
        // instance beside one that a killed host left running.
        Receive<InMemoryStoreJournal.Restored>(_ => BeforeBootDone());
        Receive<InstanceProcessJournal.LeftoversStopped>(_ => BeforeBootDone());
        Receive<RestartBoot>(m =>
        {
            _nextBoot = m.Completion;
            // Until the next boot supervisor runs, report requests wait for it.
            _stoppingBoot = _boot;
            _boot = ActorRefs.Nobody;
            Context.Stop(_stoppingBoot);
        });
        Receive<Terminated>(m =>
        {
            if (m.ActorRef.Equals(_stoppingBoot) && _nextBoot is { } next)
            {
                _nextBoot = null;
                _attempt++;
                _currentBoot = next;
                StartBoot();
            }
        });
    }

    public static Props Props(IoPlatformOptions options, IJournal? journal, TaskCompletionSource<PlatformRefs> refs, TaskCompletionSource<BootReport> firstBoot) =>
        Kernel.Props.Create(() => new PlatformActor(options, journal, refs, firstBoot));

    protected override void PreStart()
    {
        try
        {
            foreach (var child in _options.Children ?? [])
            {
                Context.ActorOf(child.Props, child.Name);
            }

            // Subscribed here, before anything starts, so no instance or boot event is missed.
            _history = Context.ActorOf(PlatformHistoryJournal.Props(_journal), "history");
            Context.System.EventStream.Subscribe(_history, typeof(InstanceEvent));
            Context.System.EventStream.Subscribe(_history, typeof(BootCompleted));
            Context.System.EventStream.Subscribe(_history, typeof(BootFailed));
            if (_journal is not null)
            {
                var processes = Context.ActorOf(InstanceProcessJournal.Props(_journal, _options.Configuration.IoActors.Instances.StopGracePeriod, Guid.NewGuid().ToString("N")), "instance-processes");
                Context.System.EventStream.Subscribe(processes, typeof(InstanceEvent));
            }

            var storeSettings = PlatformSettings.Stores(_options.Configuration);
            if (_journal is not null)
            {
                // Before the stores start: a REST store whose cache file is gone finds the last journaled one.
                var cacheFolders = RemoteStoreCacheJournal.CacheFolders(storeSettings);
                RemoteStoreCacheJournal.SeedCacheFoldersAsync(_journal, cacheFolders, Context.Log).GetAwaiter().GetResult();
                _remoteStores = Context.ActorOf(RemoteStoreCacheJournal.Props(_journal, cacheFolders), "remote-store-journal");
                Context.System.EventStream.Subscribe(_remoteStores, typeof(StoreLoaded));
                Context.System.EventStream.Subscribe(_remoteStores, typeof(StorePolled));
            }

            _registry = Context.ActorOf(AppStores.RegistryProps(), AppStores.RegistryActorName);
            _stores = Context.ActorOf(AppStores.StoresProps(storeSettings, _registry), AppStores.StoresActorName);
            var instanceSettings = PlatformSettings.Instances(_options);
            instanceSettings.Validate();
            _instances = Context.ActorOf(InstanceManager.Props(instanceSettings), "instances");
            if (_journal is null)
            {
                _inMemory = _stores;
                StartBoot();
            }
            else
            {
                _beforeBoot = 2;
                _inMemory = Context.ActorOf(InMemoryStoreJournal.Props(_stores, _journal), "in-memory-journal");
            }

            _refs.TrySetResult(new PlatformRefs(Self, _registry, _stores, _instances, _inMemory, _history));
        }
        catch (Exception ex)
        {
            _refs.TrySetException(ex);
            throw;
        }
    }

    private void BeforeBootDone()
    {
        if (--_beforeBoot == 0)
        {
            StartBoot();
        }
    }

    private void StartBoot()
    {
        var settings = PlatformSettings.Boot(_options, _attempt);
        _boot = Context.ActorOf(BootSupervisor.Props(settings, _stores, _registry, _instances, _currentBoot), "boot");
        Context.Watch(_boot);
        foreach (var (request, sender) in _reportRequests)
        {
            _boot.Tell(request, sender);
        }

        _reportRequests.Clear();
    }
}
