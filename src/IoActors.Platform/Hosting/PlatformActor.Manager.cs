using Akka.Actor;
using IoActors.Apps.Stores;
using IoActors.Platform.Manager;

namespace IoActors.Platform.Hosting;

/// <summary>
/// The io.Manager clients (with <c>server.enabled</c>): one session for the platform (see <see cref="ManagerConnection"/>),
/// the preferences and layouts mirror at /user/platform/manager-mirror, and the crash reporter at
/// /user/platform/crash-reporter (with <c>crashReporter.output.type = server</c>), and the fleet reporter of instance and boot
/// events at /user/platform/fleet-reporter (with <c>server.events.enabled</c>). The session is disposed when this actor stops.
/// </summary>
internal sealed partial class PlatformActor
{
    private ManagerSession? _manager;
    private string? _serverStoreId;
    private IActorRef _managerMirror = ActorRefs.Nobody;
    private IActorRef _fleetReporter = ActorRefs.Nobody;

    // Before any store is created: the io.Manager store fetches through the platform's session.
    private void OpenManager() => (_manager, _serverStoreId, _storeSettings) = ManagerConnection.Create(_options, _storeSettings);

    // After the preferences and layouts actors, before the stores: the mirror sees the io.Manager store's first load.
    private void StartManagerMirror()
    {
        if (_manager is not null)
        {
            var settings = ManagerConnection.Mirror(_options, _serverStoreId!, ManagerConnection.PlatformUser(_options));
            _managerMirror = StartChild(ManagerMirrorActor.Props(_manager, settings, _prefs, _layouts), "manager-mirror");
            ManagerMirrorActor.Subscribe(Context.System.EventStream, _managerMirror);
        }
    }

    // After the registry (it gives the crashed app's command line), before any instance starts.
    private void StartCrashReporter()
    {
        if (ManagerConnection.CrashReporter(_options, _manager, ManagerConnection.PlatformUser(_options)) is { } settings)
        {
            CrashReporterActor.Subscribe(Context.System.EventStream, StartChild(CrashReporterActor.Props(settings, _registry), "crash-reporter"));
        }
    }

    // Before the boot supervisor and the instance manager exist: the reporter sees every boot and instance event.
    private void StartFleetReporter()
    {
        if (ManagerConnection.FleetReporter(_options, _manager) is { } settings)
        {
            _fleetReporter = StartChild(FleetReporterActor.Props(_manager!, settings), "fleet-reporter");
            FleetReporterActor.Subscribe(Context.System.EventStream, _fleetReporter);
        }
    }

    protected override void PostStop() => _manager?.Dispose();
}
