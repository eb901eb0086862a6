using Akka.Actor;

namespace IoActors.Apps.Stores;

/// <summary>
/// The io.Manager store: <c>GET {url}/user/apps</c> through the platform's <see cref="ManagerSession"/> (credentials and the
/// session token; a 401 opens a new session and retries once; the session refreshes its token itself). A store given no
/// session (<see cref="ServerStoreSettings.Session"/>) opens one of its own and closes it when it stops.
/// Failures follow the REST rules: the last good set stays and a StoreError is published, and the last good answer is
/// persisted in a cache file that is served when no fetch succeeded within <c>readCacheAfter</c>.
/// </summary>
internal sealed class ServerStoreActor : PollingStoreActor
{
    private readonly ServerStoreSettings _settings;
    private readonly PayloadReader _reader;
    private readonly Uri _appsUrl;
    private ManagerSession? _session;
    private bool _ownsSession;
    private bool _handingOver;
    private Action<string>? _onRefreshFailed;
    private string? _etag;
    private DateTimeOffset? _lastModified;

    public ServerStoreActor(StorePlan plan, ServerStoreSettings settings, IActorRef registry, TimeProvider clock)
        : this(plan, settings, registry, clock, new PayloadReader(plan.Kind, settings.Overrides, allowArray: true, settings.MaxPayloadSize))
    {
    }

    private ServerStoreActor(StorePlan plan, ServerStoreSettings settings, IActorRef registry, TimeProvider clock, PayloadReader reader)
        : base(
            plan,
            registry,
            clock,
            monitored: true,
            settings.PollInterval,
            settings.StartRetries,
            settings.StartRetryInterval,
            settings.EnablePersistentCache ? new StoreCacheFile(settings.CacheFolder, plan.Id, AppsUrl(settings).ToString(), settings.ReadCacheAfter) : null,
            reader)
    {
        _settings = settings;
        _appsUrl = AppsUrl(settings);
        _reader = reader;
        Receive<StoreMessages.RefreshFailed>(m => Report(new StoreError(Plan.Id, Session.HelloUrl.ToString(), 0, 0, m.Cause)));
    }

    protected override string Source => _appsUrl.ToString();

    private ManagerSession Session
    {
        get
        {
            if (_session is null)
            {
                _ownsSession = _settings.Session is null;
                _session = _settings.Session ?? new ManagerSession(_settings, ManagerClientInfo.Default, Clock);
                Follow(_session);
            }

            return _session;
        }
    }

    /// <summary>The apps URL, <c>{url}/user/apps</c>; its hash names the cache file.</summary>
    internal static Uri AppsUrl(ServerStoreSettings settings) => new(settings.Url!.ToString().TrimEnd('/') + "/user/apps");

    protected override void PostStop()
    {
        if (_session is not null && _onRefreshFailed is not null)
        {
            _session.RefreshFailed -= _onRefreshFailed;
        }

        if (_ownsSession && !_handingOver)
        {
            _session?.Dispose();
        }
    }

    // The session's failed refreshes become store errors of this store.
    private void Follow(ManagerSession session)
    {
        var self = Self;
        _onRefreshFailed = cause => self.Tell(new StoreMessages.RefreshFailed(cause));
        session.RefreshFailed += _onRefreshFailed;
    }

    protected override object? SaveState()
    {
        // A session of its own goes to the instance that takes over (PostStop runs on the restart too).
        _handingOver = true;
        return (_etag, _lastModified, _ownsSession ? _session : null);
    }

    protected override void RestoreState(object? state)
    {
        (_etag, _lastModified, var session) = ((string?, DateTimeOffset?, ManagerSession?))state!;
        if (session is not null)
        {
            _session = session;
            _ownsSession = true;
            Follow(session);
        }
    }

    protected override async Task<LoadOutcome> LoadAsync()
    {
        var session = Session;
        if (await session.EnsureOpenAsync() is { } helloError)
        {
            return LoadOutcome.Failed(helloError, [new StoreProblem(session.HelloUrl.ToString(), 0, 0, helloError, null)]);
        }

        var etag = _etag;
        var lastModified = _lastModified;
        var response = await session.SendAsync(HttpMethod.Get, _appsUrl, null, MaxPayloadSize, "maxPayloadSize", request => HttpFetcher.AddConditions(request, etag, lastModified));
        if (response.Error is not null && response.Url == session.HelloUrl.ToString())
        {
            // The token was refused and no new session could be opened.
            return LoadOutcome.Failed(response.Error, [new StoreProblem(response.Url, 0, 0, response.Error, null)]);
        }

        if (response.IsNotModified)
        {
            await FetchedAsync(null, changed: false);
            return new LoadOutcome(true, false, null, []);
        }

        if (!response.IsSuccess)
        {
            var cause = response.Describe("GET");
            return LoadOutcome.Failed(cause, [new StoreProblem(Source, 0, 0, cause, null)]);
        }

        var result = _reader.Read(response.Body, Source);
        if (result.Fatal is { } fatal)
        {
            return LoadOutcome.Failed($"GET {Source}: {fatal.Message} at line {fatal.Line}, column {fatal.Column}", [fatal]);
        }

        _etag = response.ETag;
        _lastModified = response.LastModified;
        var changed = Set.Update(result.Definitions, result.RejectedNames);
        var problems = result.Problems;
        if (await FetchedAsync(response.Body, changed) is { } cacheProblem)
        {
            problems = [.. problems, cacheProblem];
        }

        return new LoadOutcome(true, changed, null, problems);
    }
}
