using Akka.Actor;
using Akka.Event;
using IoActors.Persistence;
using IoActors.Platform.Boot;
using IoActors.Platform.Instances;
using Microsoft.Extensions.Logging;

namespace IoActors.Platform.Hosting;

/// <summary>
/// Keeps the instance lifecycle history and the boot reports. It listens to the event stream (its parent subscribes it
/// before anything starts), keeps a bounded window of each in memory and, when the platform persists, appends every entry
/// to the journal and deletes what falls out of the window, so the history survives a restart. The window is loaded from
/// the journal before the first message is handled.
/// </summary>
internal sealed class PlatformHistoryJournal : ReceiveActor
{
    public const string InstanceHistoryId = "ioactors-instance-history";
    public const string BootReportsId = "ioactors-boot-reports";
    public const int InstanceHistoryLimit = 1000;
    public const int BootReportsLimit = 20;

    private readonly IJournal? _journal;
    private readonly List<InstanceHistoryEntry> _history = [];
    private readonly List<BootReport> _boots = [];
    private long _historySequenceNr;
    private long _bootsSequenceNr;
    private bool _loaded;

    public PlatformHistoryJournal(IJournal? journal)
    {
        _journal = journal;
        ReceiveAsync<InstanceStarted>(m => AppendAsync(Entry(InstanceHistoryKind.Started, m.Instance)));
        ReceiveAsync<InstanceRestarting>(m => AppendAsync(Entry(InstanceHistoryKind.Restarting, m.Instance, m.Exit, m.Exit.Description)));
        ReceiveAsync<InstanceUpdated>(m => m.Changes.HasFlag(InstanceChanges.Restarted)
            ? AppendAsync(Entry(InstanceHistoryKind.Restarted, m.Instance))
            : Task.CompletedTask);
        ReceiveAsync<InstanceStopped>(m => AppendAsync(Entry(InstanceHistoryKind.Stopped, m.Instance, m.Exit, m.Reason)));
        ReceiveAsync<InstanceStartFailed>(m => AppendAsync(Entry(InstanceHistoryKind.StartFailed, m.Instance, null, m.Reason)));
        ReceiveAsync<BootCompleted>(m => AppendBootAsync(m.Report));
        ReceiveAsync<BootFailed>(m => AppendBootAsync(m.Report));
        ReceiveAsync<GetInstanceHistory>(async m =>
        {
            var sender = Sender;
            await LoadAsync();
            var matching = _history.Where(e => (m.AppName is null || e.AppName == m.AppName) && (m.InstanceId is null || e.InstanceId == m.InstanceId)).ToList();
            sender.Tell((IReadOnlyList<InstanceHistoryEntry>)matching.Skip(Math.Max(0, matching.Count - m.Max)).ToList(), Self);
        });
        ReceiveAsync<GetPreviousBootReports>(async m =>
        {
            var sender = Sender;
            await LoadAsync();
            sender.Tell((IReadOnlyList<BootReport>)_boots.Skip(Math.Max(0, _boots.Count - m.Max)).ToList(), Self);
        });
    }

    public static Props Props(IJournal? journal) => Akka.Actor.Props.Create(() => new PlatformHistoryJournal(journal));

    private InstanceHistoryEntry Entry(InstanceHistoryKind kind, InstanceInfo instance, InstanceExit? exit = null, string? reason = null) =>
        new(kind, instance.Id, instance.AppName, Context.System.TimeProvider.GetUtcNow(), instance.RestartCount, exit?.ExitCode, exit?.Signal, reason);

    private async Task LoadAsync()
    {
        if (_loaded)
        {
            return;
        }

        _loaded = true;
        if (_journal is null)
        {
            return;
        }

        try
        {
            _historySequenceNr = await _journal.ReadHighestSequenceNrAsync(InstanceHistoryId);
            await _journal.ReplayAsync(InstanceHistoryId, Math.Max(1, _historySequenceNr - InstanceHistoryLimit + 1), _historySequenceNr, InstanceHistoryLimit, r =>
            {
                if (r.Payload is InstanceHistoryEntry entry)
                {
                    _history.Add(entry);
                }
            });
            _bootsSequenceNr = await _journal.ReadHighestSequenceNrAsync(BootReportsId);
            await _journal.ReplayAsync(BootReportsId, Math.Max(1, _bootsSequenceNr - BootReportsLimit + 1), _bootsSequenceNr, BootReportsLimit, r =>
            {
                if (r.Payload is BootReport report)
                {
                    _boots.Add(report);
                }
            });
        }
        catch (Exception ex)
        {
            // The history is informative: the platform keeps going without the earlier entries.
            _log.Error(ex, "Could not load the instance history and boot reports from the journal");
        }
    }

    private async Task AppendAsync(InstanceHistoryEntry entry)
    {
        await LoadAsync();
        Add(_history, entry, InstanceHistoryLimit);
        _historySequenceNr = await WriteAsync(InstanceHistoryId, _historySequenceNr, entry, InstanceHistoryLimit);
    }

    private async Task AppendBootAsync(BootReport report)
    {
        await LoadAsync();
        Add(_boots, report, BootReportsLimit);
        _bootsSequenceNr = await WriteAsync(BootReportsId, _bootsSequenceNr, report, BootReportsLimit);
    }

    private static void Add<T>(List<T> list, T item, int limit)
    {
        list.Add(item);
        if (list.Count > limit)
        {
            list.RemoveRange(0, list.Count - limit);
        }
    }

    private async Task<long> WriteAsync(string persistenceId, long sequenceNr, object payload, int limit)
    {
        if (_journal is null)
        {
            return sequenceNr;
        }

        try
        {
            await _journal.WriteAsync(persistenceId, [new PersistentRepr(persistenceId, sequenceNr + 1, payload)]);
            sequenceNr++;

            // Delete in steps of a tenth of the window (at least one) rather than on every write.
            var step = Math.Max(1, limit / 10);
            if (sequenceNr > limit && sequenceNr % step == 0)
            {
                await _journal.DeleteToAsync(persistenceId, sequenceNr - limit);
            }
        }
        catch (Exception ex)
        {
            _log.Error(ex, "Could not persist {Kind} to the journal", payload.GetType().Name);
        }

        return sequenceNr;
    }
}
