using IoActors.Apps.Registry;
using Akka.Actor;
using Akka.Event;

namespace IoActors.Apps.Stores;

/// <summary>
/// What every loading store shares: the first load with start retries, readiness reporting (StoreLoaded / StoreFailed),
/// errors that never wipe the last good set, delivery of changed sets to the registry and the poll loop (regular stores).
/// The next poll is armed after the previous one completed, so polls never overlap. A remote store with a persistent cache
/// (<see cref="StoreCacheFile"/>) records each good response there and serves the cache when no fetch succeeded within
/// its <c>readCacheAfter</c>, or as soon as its start retries are used up. No handler lets an exception out (a failure is
/// a <see cref="StoreError"/>); should the store restart anyway, the new instance takes over the old one's set and state.
/// </summary>
internal abstract class PollingStoreActor : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    private const string PollTimer = "poll";
    private const string CacheTimer = "read-cache";

    private readonly ILoggingAdapter _log = Context.GetLogger();
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
    /// <param name="clock">The clock of request timeouts.</param>
    /// <param name="monitored">Whether the source is polled after the first load.</param>
    /// <param name="pollInterval">The interval between polls.</param>
    /// <param name="startRetries">How many failed first loads are retried.</param>
    /// <param name="startRetryInterval">The interval between start retries.</param>
    /// <param name="cache">The persistent cache, or <see langword="null"/> for none.</param>
    /// <param name="cacheReader">Reads the cached body (required with <paramref name="cache"/>).</param>
    protected PollingStoreActor(StorePlan plan, IActorRef registry, TimeProvider clock, bool monitored, TimeSpan pollInterval, int startRetries, TimeSpan startRetryInterval, StoreCacheFile? cache = null, PayloadReader? cacheReader = null)
    {
        _cache = cache;
        Clock = clock;
        _cacheReader = cacheReader;
        Plan = plan;
        _registry = registry;
        Monitored = monitored;
        PollInterval = pollInterval;
        _startRetries = startRetries;
        _startRetryInterval = startRetryInterval;
        MaxPayloadSize = plan.Settings?.MaxPayloadSize ?? AppStoreSettings.DefaultMaxPayloadSize;
        ReceiveAsync<StoreMessages.Poll>(_ => GuardedAsync("the load", PollAsync));
        if (cache is not null)
        {
            ArgumentNullException.ThrowIfNull(cacheReader);
            ReceiveAsync<StoreMessages.ReadCache>(_ => GuardedAsync("reading the cache", async () =>
            {
                if (!_fetched && !Loaded)
                {
                    Complete(await ReadCacheAsync($"no fetch succeeded within readCacheAfter ({cache.ReadAfter.TotalMilliseconds:0} ms)"));
                }
            }));
        }
    }

    /// <summary>Injected by Akka.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Injected by Akka (holds messages while a restarted instance takes over).</summary>
    public IStash Stash { get; set; } = null!;

    protected StorePlan Plan { get; }

    protected bool Monitored { get; }

    protected TimeSpan PollInterval { get; }

    /// <summary>The largest payload (response or file) the store reads.</summary>
    protected long MaxPayloadSize { get; }

    protected StoreSet Set { get; private set; } = new();

    protected bool Loaded { get; private set; }

    protected TimeProvider Clock { get; }

    /// <summary>The persistent cache file, or <see langword="null"/> when the store has none.</summary>
    internal string? CachePath => _cache?.Path;

    protected override void PreStart() => Begin();

    /// <summary>Starts the store's work: a load now, and the cache timer while nothing was loaded. Also runs after a restart.</summary>
    protected virtual void Begin()
    {
        Self.Tell(StoreMessages.Poll.Instance);
        if (_cache is not null && !Loaded && !_fetched)
        {
            Timers.StartSingleTimer(CacheTimer, StoreMessages.ReadCache.Instance, _cache.ReadAfter);
        }
    }

    // The next instance takes over what this one knew (the set, whether it loaded, the source's state), so a restart
    // neither loses apps nor reports the store as loading again.
    protected override void PreRestart(Exception reason, object message)
    {
        Self.Tell(new HandOver(Set, Loaded, _fetched, _failedAttempts, _failedReported, SaveState()));
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _log.Warning("App store {Store} restarted after {Error}: {Message}; it keeps its {Count} apps", Plan.Id, reason.GetType().Name, reason.Message, Set.Count);
        BecomeStacked(() =>
        {
            Receive<HandOver>(state =>
            {
                Set = state.Set;
                Loaded = state.Loaded;
                _fetched = state.Fetched;
                _failedAttempts = state.FailedAttempts;
                _failedReported = state.FailedReported;
                RestoreState(state.Source);
                UnbecomeStacked();
                Stash.UnstashAll();
                Begin();
            });
            ReceiveAny(_ => Stash.Stash());
        });
    }

    /// <summary>The source's own state (validators, session, files) for the instance that takes over after a restart.</summary>
    protected virtual object? SaveState() => null;

    /// <summary>Takes over the state <see cref="SaveState"/> gave.</summary>
    protected virtual void RestoreState(object? state)
    {
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

    /// <summary>
    /// Runs a handler's work so that nothing it throws reaches the actor: the failure is published as a
    /// <see cref="StoreError"/>, the last good set stays, and the poll loop is kept alive.
    /// </summary>
    protected async Task GuardedAsync(string what, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception ex)
        {
            Report(new StoreError(Plan.Id, Source, 0, 0, $"{what} failed (the last good set is kept): {ex.GetType().Name}: {ex.Message}"));
            if (!Timers.IsTimerActive(PollTimer) && (Monitored || !Loaded))
            {
                SchedulePoll(Loaded ? PollInterval : _startRetryInterval);
            }
        }
    }

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
                _log.Info("App store {Store} loaded {Count} apps{Cache}", Plan.Id, Set.Count, outcome.FromCache ? " from its cache" : string.Empty);
            }

            // The next poll is armed before StorePolled is published, so whoever reacts to it can advance the clock. A set
            // served from the cache keeps a retry already armed; else the source is polled again at the poll interval.
            if (Monitored && (!outcome.FromCache || !Timers.IsTimerActive(PollTimer)))
            {
                SchedulePoll(PollInterval);
            }

            Polled(outcome.Changed ? StorePollOutcome.Changed : StorePollOutcome.Unchanged, outcome.FromCache);
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
                _log.Error("Required app store {Store} could not be loaded after {Attempts} attempts: {Cause}", Plan.Id, _failedAttempts, failed.Cause);
            }
            else
            {
                _log.Warning("App store {Store} is skipped (not required) and keeps retrying: {Cause}", Plan.Id, failed.Cause);
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
        _log.Warning("App store error: {Error}", error.ToString());
    }

    private async Task PollAsync()
    {
        var outcome = await SafeLoadAsync();
        if (!outcome.Success && !Loaded && _cache is not null && _failedAttempts >= _startRetries)
        {
            // This failure uses up the start retries: a cache file, if there is one, saves the boot now rather than after
            // readCacheAfter.
            var cached = await ReadCacheAsync($"the start retries ({_startRetries}) are used up");
            if (cached.Success)
            {
                Timers.Cancel(CacheTimer);
                Complete(cached with { Problems = [.. outcome.Problems, .. cached.Problems] });
                if (!Timers.IsTimerActive(PollTimer))
                {
                    // Keep trying the source in the background.
                    SchedulePoll(PollInterval > TimeSpan.Zero ? PollInterval : _startRetryInterval);
                }

                return;
            }

            outcome = outcome with { Cause = $"{outcome.Cause}; {cached.Cause}" };
        }

        Complete(outcome);
    }

    private void Polled(StorePollOutcome outcome, bool fromCache = false)
    {
        var polled = new StorePolled(Plan.Id, outcome, Set.Version, Set.Count, fromCache);
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

    private async Task<LoadOutcome> ReadCacheAsync(string why)
    {
        var (result, failure) = await _cache!.ReadAsync(_cacheReader!, MaxPayloadSize, why);
        if (failure is not null)
        {
            return failure;
        }

        var changed = Set.Update(result!.Definitions, result.RejectedNames);
        return new LoadOutcome(true, changed, null, result.Problems, FromCache: true);
    }

    /// <summary>The file, folder or URL the store reads, for messages.</summary>
    protected abstract string Source { get; }

    /// <summary>What a store instance hands to the one that takes over after a restart.</summary>
    private sealed record HandOver(StoreSet Set, bool Loaded, bool Fetched, int FailedAttempts, bool FailedReported, object? Source);
}
