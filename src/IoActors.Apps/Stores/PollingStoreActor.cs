using IoActors.Apps.Registry;
using IoActors.Kernel;
using Microsoft.Extensions.Logging;

namespace IoActors.Apps.Stores;

/// <summary>
/// What every loading store shares: the first load with start retries, readiness reporting (StoreLoaded / StoreFailed),
/// errors that never wipe the last good set, delivery of changed sets to the registry and the poll loop (regular stores).
/// The next poll is armed after the previous one completed, so polls never overlap.
/// </summary>
internal abstract class PollingStoreActor : ReceiveActor, IWithTimers
{
    private const string PollTimer = "poll";

    private readonly IActorRef _registry;
    private readonly int _startRetries;
    private readonly TimeSpan _startRetryInterval;
    private int _failedAttempts;
    private bool _failedReported;

    protected PollingStoreActor(StorePlan plan, IActorRef registry, bool monitored, TimeSpan pollInterval, int startRetries, TimeSpan startRetryInterval)
    {
        Plan = plan;
        _registry = registry;
        Monitored = monitored;
        PollInterval = pollInterval;
        _startRetries = startRetries;
        _startRetryInterval = startRetryInterval;
        ReceiveAsync<StoreMessages.Poll>(async _ => Complete(await SafeLoadAsync()));
    }

    /// <summary>Injected by the kernel.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    protected StorePlan Plan { get; }

    protected bool Monitored { get; }

    protected TimeSpan PollInterval { get; }

    protected StoreSet Set { get; } = new();

    protected bool Loaded { get; private set; }

    protected TimeProvider Clock => Context.System.TimeProvider;

    protected override void PreStart() => Self.Tell(StoreMessages.Poll.Instance);

    /// <summary>Loads the source and updates <see cref="Set"/>; must not throw for expected failures.</summary>
    protected abstract Task<LoadOutcome> LoadAsync();

    /// <summary>Arms the next poll (or retry) after <paramref name="delay"/>.</summary>
    protected void SchedulePoll(TimeSpan delay) => Timers.StartSingleTimer(PollTimer, StoreMessages.Poll.Instance, delay);

    /// <summary>Publishes the outcome, delivers a changed set and arms the next poll.</summary>
    protected void Complete(LoadOutcome outcome)
    {
        foreach (var problem in outcome.Problems)
        {
            Report(problem.ToError(Plan.Id));
        }

        if (outcome.Success)
        {
            if (outcome.Changed || !Loaded)
            {
                _registry.Tell(new StoreSnapshot(Plan.Id, Plan.Kind, Plan.Rank, Set.Version, Set.Definitions), Self);
            }

            if (!Loaded)
            {
                Loaded = true;
                var loaded = new StoreLoaded(Plan.Id, Plan.Type, Plan.Kind, Set.Count, outcome.FromCache);
                Context.Parent.Tell(loaded, Self);
                Context.System.EventStream.Publish(loaded);
                Context.Log.LogInformation("App store {Store} loaded {Count} apps{Cache}", Plan.Id, Set.Count, outcome.FromCache ? " from its cache" : string.Empty);
            }

            // The next poll is armed before StorePolled is published, so whoever reacts to it can advance the clock.
            if (!outcome.FromCache && Monitored)
            {
                SchedulePoll(PollInterval);
            }

            Polled(outcome.Changed ? StorePollOutcome.Changed : StorePollOutcome.Unchanged);
            return;
        }

        if (outcome.FromCache)
        {
            Polled(StorePollOutcome.Failed);
            return;
        }

        if (Loaded)
        {
            if (Monitored)
            {
                SchedulePoll(PollInterval);
            }

            Polled(StorePollOutcome.Failed);
            return;
        }

        _failedAttempts++;
        if (_failedAttempts <= _startRetries)
        {
            SchedulePoll(_startRetryInterval);
            Polled(StorePollOutcome.Failed);
            return;
        }

        if (!_failedReported)
        {
            _failedReported = true;
            var failed = new StoreFailed(Plan.Id, Plan.Type, Plan.IsRequired, outcome.Cause ?? "unknown error");
            Context.Parent.Tell(failed, Self);
            Context.System.EventStream.Publish(failed);
            if (Plan.IsRequired)
            {
                Context.Log.LogError("Required app store {Store} could not be loaded after {Attempts} attempts: {Cause}", Plan.Id, _failedAttempts, failed.Cause);
            }
            else
            {
                Context.Log.LogWarning("App store {Store} is skipped (not required) and keeps retrying: {Cause}", Plan.Id, failed.Cause);
            }
        }

        // Keep trying in the background: a non-required store joins when its source comes back.
        SchedulePoll(PollInterval > TimeSpan.Zero ? PollInterval : _startRetryInterval);
        Polled(StorePollOutcome.Failed);
    }

    /// <summary>Publishes a store error on the event stream and tells the supervisor.</summary>
    protected void Report(StoreError error)
    {
        Context.Parent.Tell(error, Self);
        Context.System.EventStream.Publish(error);
        Context.Log.LogWarning("App store error: {Error}", error.ToString());
    }

    private void Polled(StorePollOutcome outcome)
    {
        var polled = new StorePolled(Plan.Id, outcome, Set.Version, Set.Count);
        Context.Parent.Tell(polled, Self);
        Context.System.EventStream.Publish(polled);
    }

    private async Task<LoadOutcome> SafeLoadAsync()
    {
        try
        {
            return await LoadAsync();
        }
        catch (Exception ex)
        {
            // A store must survive any failure of its source and keep its last good set.
            var cause = $"{Source}: {ex.GetType().Name}: {ex.Message}";
            return LoadOutcome.Failed(cause, [new StoreProblem(Source, 0, 0, $"{ex.GetType().Name}: {ex.Message}", null)]);
        }
    }

    /// <summary>The file, folder or URL the store reads, for messages.</summary>
    protected abstract string Source { get; }
}
