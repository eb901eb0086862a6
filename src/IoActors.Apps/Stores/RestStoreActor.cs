using IoActors.Apps.Definitions;
using Akka.Actor;
using Akka.Event;

namespace IoActors.Apps.Stores;

/// <summary>
/// A REST store: polls <c>GET url</c> (a <c>{"applications": [...]}</c> response, or a bare array of definitions as IoActors Manager and the host API serve) with If-None-Match / If-Modified-Since (304 = no change), keeps its last good set on any
/// failure, persists the last good response atomically and serves it after <c>readCacheAfter</c> when nothing was fetched yet.
/// </summary>
internal sealed class RestStoreActor : PollingStoreActor
{
    private readonly RestStoreSettings _settings;
    private readonly HttpClient _client;
    private readonly PayloadReader _reader;
    private readonly string _url;
    private string? _etag;
    private DateTimeOffset? _lastModified;

    public RestStoreActor(StorePlan plan, RestStoreSettings settings, IActorRef registry, TimeProvider clock)
        : this(plan, settings, registry, clock, new PayloadReader(plan.Kind, settings.Overrides, allowArray: true, settings.MaxPayloadSize))
    {
    }

    private RestStoreActor(StorePlan plan, RestStoreSettings settings, IActorRef registry, TimeProvider clock, PayloadReader reader)
        : base(
            plan,
            registry,
            clock,
            plan.Kind != StoreKind.System,
            settings.PollInterval,
            settings.StartRetries,
            settings.StartRetryInterval,
            settings.EnablePersistentCache ? new StoreCacheFile(settings.CacheFolder, plan.Id, settings.Url!.ToString(), settings.ReadCacheAfter) : null,
            reader)
    {
        _settings = settings;
        _url = settings.Url!.ToString();
        _reader = reader;
        _client = HttpFetcher.CreateClient(settings.Proxy, settings.Auth != RestStoreAuth.NoAuth, settings.RejectUnauthorized);
    }

    protected override string Source => _url;

    /// <summary>The cache file name: the store id plus a hash of the URL, so a changed URL never serves another service's data.</summary>
    internal static string CacheFile(string folder, string storeId, string url) => StoreCacheFile.FileName(folder, storeId, url);

    protected override void PostStop() => _client.Dispose();

    protected override object? SaveState() => (_etag, _lastModified);

    protected override void RestoreState(object? state) => (_etag, _lastModified) = ((string?, DateTimeOffset?))state!;

    protected override async Task<LoadOutcome> LoadAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _settings.Url);
        HttpFetcher.AddHeaders(request, _settings.Headers);
        request.Headers.Accept.ParseAdd("application/json");
        HttpFetcher.AddConditions(request, _etag, _lastModified);
        var response = await HttpFetcher.SendAsync(_client, request, _settings.RequestTimeout, Clock, MaxPayloadSize, "maxPayloadSize", CancellationToken.None);
        if (response.IsNotModified)
        {
            await FetchedAsync(null, changed: false);
            return new LoadOutcome(true, false, null, []);
        }

        if (!response.IsSuccess)
        {
            var cause = response.Describe("GET");
            return LoadOutcome.Failed(cause, [new StoreProblem(_url, 0, 0, cause, null)]);
        }

        var result = _reader.Read(response.Body, _url);
        if (result.Fatal is { } fatal)
        {
            return LoadOutcome.Failed($"GET {_url}: {fatal.Message} at line {fatal.Line}, column {fatal.Column}", [fatal]);
        }

        var changed = Set.Update(result.Definitions, result.RejectedNames);
        _etag = response.ETag;
        _lastModified = response.LastModified;
        var problems = result.Problems;
        if (await FetchedAsync(response.Body, changed) is { } cacheProblem)
        {
            problems = [.. problems, cacheProblem];
        }

        return new LoadOutcome(true, changed, null, problems);
    }
}
