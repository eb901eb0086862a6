using IoActors.Apps.Stores;
using Akka.Actor;
using Akka.Event;
using IoActors.Platform.Boot;
using IoActors.Platform.Instances;

namespace IoActors.Platform.Hosting;

/// <summary>
/// The root supervisor at /user/platform: creates the host's children (<see cref="IoPlatformOptions.Children"/>), the
/// registry, the stores, the instance manager and the boot supervisor; routes readiness signals to both the instance
/// manager and the boot supervisor; runs the boot again on a restart. Its start is staged (see the Start part): it is
/// running, and <see cref="IoPlatform.Create"/> returns, only once every child has confirmed its start.
/// </summary>
internal sealed partial class PlatformActor : ReceiveActor, IWithUnboundedStash
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IoPlatformOptions _options;
    private readonly PlatformStartup _startup;
    private readonly TaskCompletionSource<PlatformRefs> _refs;
    private IActorRef _registry = ActorRefs.Nobody;
    private IActorRef _stores = ActorRefs.Nobody;
    private IActorRef _instances = ActorRefs.Nobody;
    private IActorRef _boot = ActorRefs.Nobody;
    private IActorRef _stoppingBoot = ActorRefs.Nobody;
    private IActorRef _inMemory = ActorRefs.Nobody;
    private IActorRef _history = ActorRefs.Nobody;
    private IActorRef _remoteStores = ActorRefs.Nobody;
    private IActorRef _channels = ActorRefs.Nobody;
    private IActorRef _intents = ActorRefs.Nobody;
    private readonly PlatformJournal _journal;
    private int _attempt = 1;
    private readonly List<(GetBootReport Request, IActorRef Sender)> _reportRequests = [];

    // The boot run waiting for the previous boot supervisor to stop (a restart).
    private TaskCompletionSource<BootReport>? _nextBoot;
    private TaskCompletionSource<BootReport> _currentBoot;

    public PlatformActor(IoPlatformOptions options, PlatformJournal journal, PlatformStartup startup, TaskCompletionSource<BootReport> firstBoot)
    {
        _options = options;
        _journal = journal;
        _startup = startup;
        _refs = startup.Refs;
        _currentBoot = firstBoot;
        _supervisorStrategy = new OneForOneStrategy(RecordStartFailure);
        Starting();
    }

    /// <summary>Injected by Akka.</summary>
    public IStash Stash { get; set; } = null!;

    public static Props Props(IoPlatformOptions options, PlatformJournal journal, PlatformStartup startup, TaskCompletionSource<BootReport> firstBoot) =>
        Akka.Actor.Props.Create(() => new PlatformActor(options, journal, startup, firstBoot));

    protected override SupervisorStrategy SupervisorStrategy() => _supervisorStrategy;

    // The behaviour once every child confirmed its start.
    private void Running()
    {
        Receive<InstanceSignalled>(m =>
        {
            _instances.Tell(m.Signal == ReadinessSignal.AppSignal ? new AppSignalReady(m.InstanceId) : new InteropReady(m.InstanceId), Self);
            _boot.Tell(m, Self);
        });
        Receive<GetBootReport>(m =>
        {
            if (_boot.Equals(ActorRefs.Nobody))
            {
                // Between two boots of a restart: answer once the next one runs.
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

        // A restarted in-memory journal restores again; the boot that planned from it already runs.
        Receive<InMemoryStoreJournal.Restored>(_ => { });
        Receive<InstanceProcessJournal.LeftoversStopped>(_ => { });
        Receive<RemoteStoreCacheJournal.Seeded>(_ => { });
        Receive<ActorIdentity>(_ => { });
    }

    private IActorRef StartBoot()
    {
        var settings = PlatformSettings.Boot(_options, _attempt);
        _boot = Context.ActorOf(BootSupervisor.Props(settings, _stores, _registry, _instances, _currentBoot), "boot");
        Context.Watch(_boot);
        foreach (var (request, sender) in _reportRequests)
        {
            _boot.Tell(request, sender);
        }

        _reportRequests.Clear();
        return _boot;
    }
}
