using IoActors.Apps.Registry;
using IoActors.Kernel;
using Microsoft.Extensions.Logging;

namespace IoActors.Apps.Stores;

/// <summary>
/// What every loading store shares: the first load with start retries, readiness reporting (StoreLoaded / StoreFailed),
/// errors that never wipe the last good set, delivery of changed sets to the registry and the poll loop (regular stores).
/// The next poll is armed after the previous one completed, so polls never overlap. A remote store with a persistent cache
/// (<see cref="StoreCacheFile"/>) records each good response there and serves the cache when no fetch succeeded within
/// its <c>readCacheAfter</c>.
/// </summary>
internal abstract class PollingStoreActor : ReceiveActor, IWithTimers
{
    private const string PollTimer = "poll";
    private const string CacheTimer = "read-cache";

    private readonly IActorRef _registry;
    private readonly int _startRetries;
    private readonly TimeSpan _startRetryInterval;
    private readonly StoreCacheFile? _cache;
    private readonly PayloadReader? _cacheReader;
    private int _failedAttempts;
    private bool _failedReported;
    private bool _fetched;

    /// <param name="plan">The store's plan.</param>
    /// <param name="registry">The registry that receives the store's sets.</param>
    /// <param name="monitored">Whether the source is polled after the first load.</param>
    /// <param name="pollInterval">The interval between polls.</param>
    /// <param name="startRetries">How many failed first loads are retried.</param>
    /// <param name="startRetryInterval">The interval between start retries.</param>
    /// <param name="cache">The persistent cache, or <see langword="null"/> for none.</param>
    /// <param name="cacheReader">Reads the cached body (required with <paramref name="cache"/>).</param>
    protected PollingStoreActor(StorePlan plan, IActorRef registry, bool monitored, TimeSpan pollInterval, int startRetries, TimeSpan startRetryInterval, StoreCacheFile? cache = null, PayloadReader? cacheReader = null)
    {
        _cache = cache;
        _cacheReader = cacheReader;
        Plan = plan;
        _registry = registry;
        Monitored = monitored;
        PollInterval = pollInterval;
        _startRetries = startRetries;
        _startRetryInterval = startRetryInterval;
        ReceiveAsync<StoreMessages.Poll>(async _ => Complete(await SafeLoadAsync()));
        if (cache is not null)
        {
            ArgumentNullException.ThrowIfNull(cacheReader);
            ReceiveAsync<StoreMessages.ReadCache>(async _ =>
            {
                if (!_fetched && !Loaded)
                {
                    Complete(await ReadCacheAsync());
                }
            });
        }
    }

    /// <summary>Injected by the kernel.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    protected StorePlan Plan { get; }

    protected bool Monitored { get; }

    protected TimeSpan PollInterval { get; }

    protected StoreSet Set { get; } = new();

    protected bool Loaded { get; private set; }

    protected TimeProvider Clock => Context.System.TimeProvider;

    /// <summary>The persistent cache file, or <see langword="null"/> when the store has none.</summary>
    internal string? CachePath => _cache?.Path;

    protected override void PreStart()
    {
        Self.Tell(StoreMessages.Poll.Instance);
        if (_cache is not null)
        {
            Timers.StartSingleTimer(CacheTimer, StoreMessages.ReadCache.Instance, _cache.ReadAfter);
        }
    }

    /// <summary>
    /// Records that the source answered: <paramref name="body"/> (null for "not modified") replaces the cache when the
    /// set changed or on the first good answer. Returns the problem when the cache cannot be written.
    /// </summary>
    protected async Task<StoreProblem?> FetchedAsync(byte[]? body, bool changed)
    {
        StoreProblem? problem = null;
        if (_cache is not null && body is not null && (changed || !_fetched))
        {
            problem = await _cache.WriteAsync(body);
        }

        _fetched = true;
        Timers.Cancel(CacheTimer);
        return problem;
    }

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

                // Published before the supervisor hears of it: its decision (RequiredStoresLoaded, then the boot) comes
                // after every subscriber has this event, so whoever reacts to the decision finds it handled.
                Context.System.EventStream.Publish(loaded);
                Context.Parent.Tell(loaded, Self);
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
            Context.System.EventStream.Publish(failed);
            Context.Parent.Tell(failed, Self);
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

    private async Task<LoadOutcome> ReadCacheAsync()
    {
        var (result, failure) = await _cache!.ReadAsync(_cacheReader!);
        if (failure is not null)
        {
            return failure;
        }

        var changed = Set.Update(result!.Definitions, result.RejectedNames);
        return new LoadOutcome(true, changed, null, result.Problems, FromCache: true);
    }

    /// <summary>The file, folder or URL the store reads, for messages.</summary>
    protected abstract string Source { get; }
}
