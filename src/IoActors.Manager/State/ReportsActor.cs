using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using IoActors.Platform.Hosting;

namespace IoActors.Manager.State;

/// <summary>Keeps a crash report whose dump file is written already; the answer is the <see cref="CrashReport"/>.</summary>
internal sealed record StoreCrash(CrashReport Report);

/// <summary>Every crash report, newest first; the answer is a <c>CrashReport[]</c>.</summary>
internal sealed record GetCrashes;

/// <summary>Keeps a feedback report; the answer is the <see cref="FeedbackReport"/>.</summary>
internal sealed record StoreFeedback(FeedbackReport Feedback);

/// <summary>Every feedback report, newest first; the answer is a <c>FeedbackReport[]</c>.</summary>
internal sealed record GetFeedbacks;

/// <summary>
/// Crash reports and feedback (persistence id <c>ioactors-manager-reports</c>). Crash dumps live as files in the data
/// folder's <c>crashes</c> folder; the oldest reports (and their files) go when <c>manager.limits.maxCrashReports</c> or
/// <c>maxCrashStoreBytes</c> would be passed. Feedback is bounded by <c>maxFeedbacks</c>.
/// </summary>
internal sealed class ReportsActor : SnapshottingActor
{
    private const int SnapshotEvery = 200;

    private readonly Configuration.ManagerLimitsOptions _limits;
    private readonly List<CrashReport> _crashes = [];
    private readonly List<FeedbackReport> _feedbacks = [];

    public ReportsActor(PlatformJournal journal, Configuration.ManagerLimitsOptions limits)
        : base(journal)
    {
        _limits = limits;
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is ReportsSnapshot snapshot)
            {
                _crashes.AddRange(snapshot.Crashes);
                _feedbacks.AddRange(snapshot.Feedbacks);
            }
        });
        Recover<object>(Apply);
        Command<StoreCrash>(store =>
        {
            var events = new List<object>();
            var count = _crashes.Count;
            var bytes = _crashes.Sum(c => c.DumpSize);
            foreach (var old in _crashes)
            {
                if (count + 1 <= _limits.MaxCrashReports && bytes + store.Report.DumpSize <= _limits.MaxCrashStoreBytes)
                {
                    break;
                }

                events.Add(new CrashDropped(old.Id));
                count--;
                bytes -= old.DumpSize;
            }

            events.Add(new CrashStored(store.Report));
            var sender = Sender;
            PersistAll(events, Apply);
            DeferAsync(events, _ =>
            {
                SnapshotWhenDue(SnapshotEvery, Snapshot);
                events.ForEach(Context.System.EventStream.Publish);
                sender.Tell(store.Report);
            });
        });
        Command<StoreFeedback>(store =>
        {
            var sender = Sender;
            Persist(new FeedbackStored(store.Feedback), e =>
            {
                Apply(e);
                SnapshotWhenDue(SnapshotEvery, Snapshot);
                Context.System.EventStream.Publish(e);
                sender.Tell(store.Feedback);
            });
        });
        Command<GetCrashes>(_ => Sender.Tell(Enumerable.Reverse(_crashes).ToArray()));
        Command<GetFeedbacks>(_ => Sender.Tell(Enumerable.Reverse(_feedbacks).ToArray()));
    }

    public override string PersistenceId => "ioactors-manager-reports";

    /// <summary>Its events are fleet facts (GET /admin/events resumes from any offset) and, in cluster mode, what every node's replica reads: they stay after snapshots.</summary>
    protected override bool KeepEvents => true;

    private void Apply(object e)
    {
        switch (e)
        {
            case CrashStored stored:
                _crashes.Add(stored.Report);
                break;
            case CrashDropped dropped:
                var index = _crashes.FindIndex(c => c.Id == dropped.Id);
                if (index >= 0)
                {
                    if (_crashes[index].DumpFile is { } file && !IsRecovering)
                    {
                        TryDelete(file);
                    }

                    _crashes.RemoveAt(index);
                }

                break;
            case FeedbackStored stored:
                _feedbacks.Add(stored.Feedback);
                if (_feedbacks.Count > _limits.MaxFeedbacks)
                {
                    _feedbacks.RemoveRange(0, _feedbacks.Count - _limits.MaxFeedbacks);
                }

                break;
        }
    }

    private void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Warning("Could not delete the crash dump {0}: {1}", file, e.Message);
        }
    }

    private object Snapshot() => new ReportsSnapshot([.. _crashes], [.. _feedbacks]);
}
