using System.Text.Json;
using IoActors.Apps.Definitions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using Akka.Actor;
using Akka.Event;
using IoActors.Platform.Instances;

namespace IoActors.Platform.Boot;

/// <summary>
/// Drives one boot: waits for the required app stores, then runs the stages in order. In a stage the auto-start apps
/// start in groups of equal priority, highest first; the next group starts when every waiting app of the group is
/// ready or timed out. Between pre-sso and post-sso the identity gate resolves the user. A critical app's failure or
/// timeout fails the boot. The supervisor stays alive after the boot to answer <see cref="GetBootReport"/> and to record
/// late starts and signals.
/// </summary>
internal sealed class BootSupervisor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly BootSettings _settings;
    private readonly IActorRef _stores;
    private readonly IActorRef _registry;
    private readonly IActorRef _instances;
    private readonly TaskCompletionSource<BootReport> _completion;
    private readonly DateTimeOffset _startedAt;

    // The plan in boot order; each entry's record is replaced as the app moves on.
    private readonly List<PlannedApp> _plan = [];
    private readonly Dictionary<string, PlannedApp> _byInstance = new(StringComparer.Ordinal);

    // Signals that arrived before the start reply told us which app the instance belongs to.
    private readonly Dictionary<string, List<ReadinessSignal>> _earlySignals = new(StringComparer.Ordinal);

    // The apps of the running group that still hold it (waiting for a start, readiness or a timeout).
    private readonly HashSet<PlannedApp> _holding = [];
    private readonly StageBootRecord[] _stageRecords;
    private readonly CancellationTokenSource _abandon = new();

    private List<List<PlannedApp>> _groups = [];
    private int _stageIndex = -1;
    private int _groupIndex;
    private PlatformIdentity? _identity;

    // Start requests not answered yet; the boot completes only when every start has answered, so the report is whole.
    private int _startsInFlight;
    private bool _allStagesRun;
    private DateTimeOffset? _endedAt;
    private string? _error;

    public BootSupervisor(BootSettings settings, IActorRef stores, IActorRef registry, IActorRef instances, TaskCompletionSource<BootReport> completion)
    {
        _settings = settings;
        _stores = stores;
        _registry = registry;
        _instances = instances;
        _completion = completion;
        _startedAt = Now;
        _stageRecords = settings.Stages.Select(s => new StageBootRecord(s, null, null)).ToArray();

        Receive<GetBootReport>(_ => Sender.Tell(BuildReport(), Self));
        Receive<RequiredStoresLoaded>(_ => Pipe(_registry.Ask<AppsSnapshot>(GetApps.Instance, _settings.QueryTimeout), s => new AppsLoaded(s), e => new BootStepFailed("reading the registry", e)));
        Receive<RequiredStoresFailed>(m => Fail(m.Message));
        Receive<BootStepFailed>(m => Fail($"{m.Step} failed: {m.Cause.Message}"));
        Receive<AppsLoaded>(m => Plan(m.Snapshot));
        Receive<IdentityReply>(OnIdentity);
        Receive<StartReply>(OnStartReply);
        Receive<InstanceSignalled>(OnSignal);
        Receive<ReadinessTimeout>(OnReadinessTimeout);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private DateTimeOffset Now => _settings.Clock.GetUtcNow();

    private bool Running => _endedAt is null;

    public static Props Props(BootSettings settings, IActorRef stores, IActorRef registry, IActorRef instances, TaskCompletionSource<BootReport> completion) =>
        Akka.Actor.Props.Create(() => new BootSupervisor(settings, stores, registry, instances, completion));

    protected override void PreStart()
    {
        Publish(new BootStarted(_settings.Attempt));
        _log.Info("Boot {Attempt} started: waiting for the required app stores", _settings.Attempt);
        Pipe(_stores.Ask<object>(WaitForRequiredStores.Instance, _settings.StoresTimeout), r => r, e => new BootStepFailed("waiting for the required app stores", e));
    }

    protected override void PostStop()
    {
        _abandon.Cancel();
        _abandon.Dispose();
        if (Running)
        {
            _endedAt = Now;
            _error = "the boot was abandoned: the platform is shutting down";
            _completion.TrySetException(new BootFailedException(_error, BuildReport()));
        }
    }

    private void Plan(AppsSnapshot snapshot)
    {
        if (!Running)
        {
            return;
        }

        var order = _settings.Stages;
        var planned = new List<PlannedApp>();
        foreach (var app in snapshot.Apps)
        {
            var definition = app.Definition;
            if (!definition.AutoStart && !definition.Service)
            {
                continue;
            }

            var priority = definition.RunPriority ?? RunPriority.Default(app.StoreKind);
            var wait = priority.WaitForInitialization ?? RunPriority.DefaultWait(app.StoreKind);
            var record = new AppBootRecord(app.Name, app.StoreId, priority.Stage, priority.Priority, wait, IsCritical(definition), AppBootOutcome.Pending);
            planned.Add(new PlannedApp(app, record, priority.Timeout ?? _settings.DefaultTimeout));
        }

        _plan.AddRange(planned
            .OrderBy(p => order.Contains(p.Record.Stage) ? order.ToList().IndexOf(p.Record.Stage) : int.MaxValue)
            .ThenByDescending(p => p.Record.Priority)
            .ThenBy(p => p.Record.Name, StringComparer.Ordinal));

        // Apps whose stage is not run at all are refused up front.
        foreach (var p in _plan.Where(p => !order.Contains(p.Record.Stage)).ToList())
        {
            Refuse(p, $"its stage '{StageRules.StageName(p.Record.Stage)}' is not among the configured boot stages");
        }

        Publish(new StoresReady(_settings.Attempt, _plan.Count));
        _log.Info("App stores ready: {Count} auto-start apps planned over {Stages} stages", _plan.Count, order.Count);
        NextStage();
    }

    private void NextStage()
    {
        if (!Running)
        {
            return;
        }

        if (_stageIndex >= 0)
        {
            _stageRecords[_stageIndex] = _stageRecords[_stageIndex] with { EndedAt = Now };
            Publish(new StageCompleted(_settings.Attempt, _settings.Stages[_stageIndex]));
        }

        _stageIndex++;
        if (_stageIndex >= _settings.Stages.Count)
        {
            _allStagesRun = true;
            if (_startsInFlight == 0)
            {
                Complete();
            }

            return;
        }

        var stage = _settings.Stages[_stageIndex];
        if (stage >= BootStage.PostSso && _identity is null)
        {
            // The identity gate: post-sso and later stages need the user.
            _log.Info("Identity gate: resolving the user");
            Pipe(_settings.Identity.GetIdentityAsync(_abandon.Token), i => new IdentityReply(i, null), e => new IdentityReply(null, e));
            return;
        }

        BeginStage(stage);
    }

    private void OnIdentity(IdentityReply reply)
    {
        if (!Running)
        {
            return;
        }

        if (reply.Identity is null)
        {
            Fail($"the identity gate failed: {reply.Error?.Message ?? "no identity"}");
            return;
        }

        _identity = reply.Identity;
        Publish(new IdentityResolved(_settings.Attempt, _identity));
        _log.Info("Identity resolved: {User} ({Source})", _identity.User, _identity.Source);
        BeginStage(_settings.Stages[_stageIndex]);
    }

    private void BeginStage(BootStage stage)
    {
        _stageRecords[_stageIndex] = _stageRecords[_stageIndex] with { StartedAt = Now };
        Publish(new StageStarted(_settings.Attempt, stage));
        _log.Info("Stage {Stage} started", StageRules.StageName(stage));

        var inStage = _plan.Where(p => p.Record.Stage == stage && p.Record.Outcome == AppBootOutcome.Pending).ToList();
        foreach (var p in inStage)
        {
            if (StageRules.Check(p.App, stage) is { } reason)
            {
                Refuse(p, reason);
                if (!Running)
                {
                    return;
                }
            }
        }

        _groups = inStage
            .Where(p => p.Record.Outcome == AppBootOutcome.Pending)
            .GroupBy(p => p.Record.Priority)
            .OrderByDescending(g => g.Key)
            .Select(g => g.ToList())
            .ToList();
        _groupIndex = -1;
        NextGroup();
    }

    private void NextGroup()
    {
        while (Running)
        {
            _groupIndex++;
            if (_groupIndex >= _groups.Count)
            {
                NextStage();
                return;
            }

            foreach (var p in _groups[_groupIndex])
            {
                Request(p);
            }

            if (_holding.Count > 0)
            {
                return;
            }
        }
    }

    private void Request(PlannedApp p)
    {
        // The timer is armed before the event is published, so whoever sees AppBootRequested may advance the clock past it.
        var waits = p.Record.Wait != InitializationWait.No;
        if (waits || p.Record.Critical)
        {
            _holding.Add(p);
        }

        if (waits)
        {
            Timers.StartSingleTimer(TimerKey(p), new ReadinessTimeout(p), p.Timeout);
        }

        Update(p, p.Record with { Outcome = AppBootOutcome.Requested, RequestedAt = Now }, r => new AppBootRequested(_settings.Attempt, r));

        _startsInFlight++;
        var start = new StartInstance(p.App.Definition, StartContext(p), null, StartedBy.AutoStart);
        Pipe(_instances.Ask<InstanceStartResult>(start, _settings.StartTimeout), r => new StartReply(p, r, null), e => new StartReply(p, null, e));
    }

    private JsonElement? StartContext(PlannedApp p)
    {
        // From post-sso on, apps receive the user identity in their starting context.
        if (_identity is null || p.Record.Stage < BootStage.PostSso)
        {
            return null;
        }

        return JsonSerializer.SerializeToElement(new { identity = new { user = _identity.User, source = _identity.Source } });
    }

    private void OnStartReply(StartReply reply)
    {
        _startsInFlight--;
        HandleStartReply(reply);
        if (Running && _allStagesRun && _startsInFlight == 0)
        {
            Complete();
        }
    }

    private void HandleStartReply(StartReply reply)
    {
        var p = reply.App;
        if (reply.Result is null)
        {
            Timers.Cancel(TimerKey(p));
            _holding.Remove(p);
            var error = reply.Error is InstanceStartException se ? se.Reason : reply.Error?.Message ?? "unknown error";
            Update(p, p.Record with { Outcome = AppBootOutcome.Failed, FailedAt = Now, Error = error }, r => new AppBootFailed(_settings.Attempt, r));
            _log.Warning("Auto-start app {App} failed to start: {Error}", p.Record.Name, error);
            if (p.Record.Critical)
            {
                Fail($"critical app '{p.Record.Name}' failed to start: {error}");
                return;
            }

            CheckGroup();
            return;
        }

        var instance = reply.Result.Instance;
        _byInstance[instance.Id] = p;
        Update(p, p.Record with { Outcome = AppBootOutcome.Started, StartedAt = Now, InstanceId = instance.Id }, r => new AppBootStarted(_settings.Attempt, r));

        if (p.Record.Wait == InitializationWait.No)
        {
            _holding.Remove(p);
        }
        else if (reply.Result.AlreadyRunning && instance.Ready)
        {
            MarkReady(p);
        }
        else if (_earlySignals.Remove(instance.Id, out var signals) && signals.Any(s => Satisfies(p.Record.Wait, s)))
        {
            MarkReady(p);
        }

        CheckGroup();
    }

    private void OnSignal(InstanceSignalled signal)
    {
        if (!_byInstance.TryGetValue(signal.InstanceId, out var p))
        {
            // The start reply may still be on its way; keep the signal until it arrives (only while booting).
            if (Running)
            {
                if (!_earlySignals.TryGetValue(signal.InstanceId, out var list))
                {
                    _earlySignals[signal.InstanceId] = list = [];
                }

                list.Add(signal.Signal);
            }

            return;
        }

        if (p.Record.Outcome is AppBootOutcome.Started or AppBootOutcome.TimedOut && Satisfies(p.Record.Wait, signal.Signal))
        {
            MarkReady(p);
            CheckGroup();
        }
    }

    private void MarkReady(PlannedApp p)
    {
        Timers.Cancel(TimerKey(p));
        _holding.Remove(p);
        Update(p, p.Record with { Outcome = AppBootOutcome.Ready, ReadyAt = Now }, r => new AppBootReady(_settings.Attempt, r));
    }

    private void OnReadinessTimeout(ReadinessTimeout timeout)
    {
        var p = timeout.App;
        if (!Running || p.Record.Outcome is not (AppBootOutcome.Requested or AppBootOutcome.Started))
        {
            return;
        }

        var error = $"no {WaitName(p.Record.Wait)} signal within {p.Timeout.TotalMilliseconds:0} ms";
        _holding.Remove(p);
        Update(p, p.Record with { Outcome = AppBootOutcome.TimedOut, TimedOutAt = Now, Error = error }, r => new AppBootTimedOut(_settings.Attempt, r));
        _log.Warning("Auto-start app {App} timed out: {Error}", p.Record.Name, error);
        if (p.Record.Critical)
        {
            Fail($"critical app '{p.Record.Name}' timed out: {error}");
            return;
        }

        CheckGroup();
    }

    private void CheckGroup()
    {
        if (Running && _holding.Count == 0 && _groupIndex >= 0 && _groupIndex < _groups.Count)
        {
            NextGroup();
        }
    }

    private void Refuse(PlannedApp p, string reason)
    {
        Update(p, p.Record with { Outcome = AppBootOutcome.Refused, Error = reason }, r => new AppBootRefused(_settings.Attempt, r));
        _log.Warning("Auto-start app {App} not started: {Reason}", p.Record.Name, reason);
        if (p.Record.Critical)
        {
            Fail($"critical app '{p.Record.Name}' cannot be started: {reason}");
        }
    }

    private void Complete()
    {
        _endedAt = Now;
        _earlySignals.Clear();
        var report = BuildReport();
        Publish(new BootCompleted(_settings.Attempt, report));
        _log.Info("Boot {Attempt} completed in {Duration} ms", _settings.Attempt, (report.EndedAt!.Value - report.StartedAt).TotalMilliseconds);
        _completion.TrySetResult(report);
    }

    private void Fail(string error)
    {
        if (!Running)
        {
            return;
        }

        _endedAt = Now;
        _error = error;
        _holding.Clear();
        _earlySignals.Clear();
        Timers.CancelAll();
        var report = BuildReport();
        Publish(new BootFailed(_settings.Attempt, error, report));
        _log.Error("Boot {Attempt} failed: {Error}", _settings.Attempt, error);
        _completion.TrySetException(new BootFailedException(error, report));
    }

    private void Update(PlannedApp p, AppBootRecord record, Func<AppBootRecord, AppBootEvent> toEvent)
    {
        p.Record = record;
        Publish(toEvent(record));
    }

    private BootReport BuildReport() =>
        new(_settings.Attempt, _startedAt, _endedAt, _stageRecords.ToArray(), _plan.Select(p => p.Record).ToArray(), _identity, _error);

    private void Publish(object @event) => Context.System.EventStream.Publish(@event);

    private void Pipe<T>(Task<T> task, Func<T, object> onSuccess, Func<Exception, object> onFailure)
    {
        var self = Self;
        task.ContinueWith(
            t => self.Tell(t.IsCompletedSuccessfully ? onSuccess(t.Result) : onFailure(t.Exception?.GetBaseException() ?? new OperationCanceledException("cancelled")), null),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static bool Satisfies(InitializationWait wait, ReadinessSignal signal) => wait switch
    {
        InitializationWait.Yes => true,
        InitializationWait.AppSignal => signal == ReadinessSignal.AppSignal,
        InitializationWait.InteropReady => signal == ReadinessSignal.InteropReady,
        _ => false,
    };

    private static string WaitName(InitializationWait wait) => wait switch
    {
        InitializationWait.AppSignal => "appSignal",
        InitializationWait.InteropReady => "interopReady",
        _ => "readiness",
    };

    private static bool IsCritical(AppDefinition definition) =>
        definition.Json.TryGetProperty("runPriority", out var rp)
        && rp.ValueKind == JsonValueKind.Object
        && rp.TryGetProperty("critical", out var c)
        && c.ValueKind == JsonValueKind.True;

    private static string TimerKey(PlannedApp p) => "ready:" + p.Record.Name;

    // One auto-start app in the plan (identity-compared; the record changes as the app moves on).
    private sealed class PlannedApp(RegisteredApp app, AppBootRecord record, TimeSpan timeout)
    {
        public RegisteredApp App { get; } = app;

        public AppBootRecord Record { get; set; } = record;

        public TimeSpan Timeout { get; } = timeout;
    }

    private sealed record AppsLoaded(AppsSnapshot Snapshot);

    private sealed record BootStepFailed(string Step, Exception Cause);

    private sealed record IdentityReply(PlatformIdentity? Identity, Exception? Error);

    private sealed record StartReply(PlannedApp App, InstanceStartResult? Result, Exception? Error);

    private sealed record ReadinessTimeout(PlannedApp App);
}
