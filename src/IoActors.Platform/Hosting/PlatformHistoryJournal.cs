using Akka.Actor;
using Akka.Event;
using IoActors.Platform.Boot;
using IoActors.Platform.Instances;
using IoActors.Platform.Persistence;

namespace IoActors.Platform.Hosting;

/// <summary>
/// Keeps the instance lifecycle history and the boot reports. It listens to the event stream (its parent subscribes it
/// before anything starts) and keeps a bounded window of each in a persistent child (<see cref="BoundedHistory{T}"/>:
/// <c>instances</c> and <c>boots</c>), journaled with the platform's plugins, so the history survives a restart when the
/// platform persists. A child that stops (its journal failed) is started again and recovers what was stored.
/// </summary>
internal sealed class PlatformHistoryJournal : ReceiveActor
{
    public const string InstanceHistoryId = "ioactors-instance-history";
    public const string BootReportsId = "ioactors-boot-reports";
    public const int InstanceHistoryLimit = 1000;
    public const int BootReportsLimit = 20;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly PlatformJournal _journal;
    private readonly TimeProvider _clock;
    private IActorRef _instances = ActorRefs.Nobody;
    private IActorRef _boots = ActorRefs.Nobody;

    public PlatformHistoryJournal(PlatformJournal journal, TimeProvider clock)
    {
        _journal = journal;
        _clock = clock;
        Receive<InstanceStarted>(m => _instances.Tell(Entry(InstanceHistoryKind.Started, m.Instance), Self));
        Receive<InstanceRestarting>(m => _instances.Tell(Entry(InstanceHistoryKind.Restarting, m.Instance, m.Exit, m.Exit.Description), Self));
        Receive<InstanceUpdated>(m =>
        {
            if (m.Changes.HasFlag(InstanceChanges.Restarted))
            {
                _instances.Tell(Entry(InstanceHistoryKind.Restarted, m.Instance), Self);
            }
        });
        Receive<InstanceStopped>(m => _instances.Tell(Entry(InstanceHistoryKind.Stopped, m.Instance, m.Exit, m.Reason), Self));
        Receive<InstanceStartFailed>(m => _instances.Tell(Entry(InstanceHistoryKind.StartFailed, m.Instance, null, m.Reason), Self));
        Receive<InstanceEvent>(_ => { });
        Receive<BootCompleted>(m => _boots.Tell(m.Report, Self));
        Receive<BootFailed>(m => _boots.Tell(m.Report, Self));
        Receive<GetInstanceHistory>(m => _instances.Forward(new Query<InstanceHistoryEntry>(window =>
        {
            var matching = window.Where(e => (m.AppName is null || e.AppName == m.AppName) && (m.InstanceId is null || e.InstanceId == m.InstanceId)).ToList();
            return (IReadOnlyList<InstanceHistoryEntry>)matching.Skip(Math.Max(0, matching.Count - m.Max)).ToList();
        })));
        Receive<GetPreviousBootReports>(m => _boots.Forward(new Query<BootReport>(window => (IReadOnlyList<BootReport>)window.Skip(Math.Max(0, window.Count - m.Max)).ToList())));
        Receive<Terminated>(m =>
        {
            if (m.ActorRef.Equals(_instances))
            {
                _log.Warning("The instance history stopped; starting it again from the journal");
                _instances = StartInstances();
            }
            else if (m.ActorRef.Equals(_boots))
            {
                _log.Warning("The boot reports stopped; starting them again from the journal");
                _boots = StartBoots();
            }
        });
    }

    public static Props Props(PlatformJournal journal, TimeProvider clock) => Akka.Actor.Props.Create(() => new PlatformHistoryJournal(journal, clock));

    protected override void PreStart()
    {
        _instances = StartInstances();
        _boots = StartBoots();
    }

    private IActorRef StartInstances() => Context.Watch(Context.ActorOf(
        Akka.Actor.Props.Create(() => new BoundedHistory<InstanceHistoryEntry>(
            InstanceHistoryId,
            InstanceHistoryLimit,
            _journal,
            InstanceHistorySnapshotOf,
            EntriesOf)),
        "instances"));

    private IActorRef StartBoots() => Context.Watch(Context.ActorOf(
        Akka.Actor.Props.Create(() => new BoundedHistory<BootReport>(
            BootReportsId,
            BootReportsLimit,
            _journal,
            BootReportsSnapshotOf,
            ReportsOf)),
        "boots"));

    private static object InstanceHistorySnapshotOf(IReadOnlyList<InstanceHistoryEntry> entries) => new InstanceHistorySnapshot(entries);

    private static IReadOnlyList<InstanceHistoryEntry>? EntriesOf(object snapshot) => (snapshot as InstanceHistorySnapshot)?.Entries;

    private static object BootReportsSnapshotOf(IReadOnlyList<BootReport> reports) => new BootReportsSnapshot(reports);

    private static IReadOnlyList<BootReport>? ReportsOf(object snapshot) => (snapshot as BootReportsSnapshot)?.Reports;

    private InstanceHistoryEntry Entry(InstanceHistoryKind kind, InstanceInfo instance, InstanceExit? exit = null, string? reason = null) =>
        new(kind, instance.Id, instance.AppName, _clock.GetUtcNow(), instance.RestartCount, exit?.ExitCode, exit?.Signal, reason);
}
