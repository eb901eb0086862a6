using System.Text;
using IoActors.Apps.Definitions;
using IoActors.Kernel;

namespace IoActors.Apps.Stores;

/// <summary>
/// A REST store: polls <c>GET url</c> with If-None-Match / If-Modified-Since (304 = no change), keeps its last good set on any
/// failure, persists the last good response atomically and serves it after <c>readCacheAfter</c> when nothing was fetched yet.
/// </summary>
internal sealed class RestStoreActor : PollingStoreActor
{
    private const string CacheTimer = "read-cache";

    private readonly RestStoreSettings _settings;
    private readonly HttpClient _client;
    private readonly PayloadReader _reader;
    private readonly string _url;
    private string? _etag;
    private DateTimeOffset? _lastModified;
    private bool _fetched;

    public RestStoreActor(StorePlan plan, RestStoreSettings settings, IActorRef registry)
        : base(plan, registry, plan.Kind != StoreKind.System, settings.PollInterval, settings.StartRetries, settings.StartRetryInterval)
    {
        _settings = settings;
        _url = settings.Url!.ToString();
        _reader = new PayloadReader(plan.Kind, settings.Overrides, allowArray: false);
        _client = HttpFetcher.CreateClient(settings.Proxy, settings.Auth != RestStoreAuth.NoAuth, settings.RejectUnauthorized);
        CachePath = CacheFile(settings.CacheFolder, plan.Id, _url);
        ReceiveAsync<StoreMessages.ReadCache>(async _ =>
        {
            if (!_fetched && !Loaded)
            {
                Complete(await ReadCacheAsync());
            }
        });
    }

    /// <summary>The cache file of this store.</summary>
    internal string CachePath { get; }

    protected override string Source => _url;

    /// <summary>The cache file name: the store id plus a hash of the URL, so a changed URL never serves another service's data.</summary>
    internal static string CacheFile(string folder, string storeId, string url) =>
        System.IO.Path.Combine(folder, $"{storeId}-{XxHash64.Hash(Encoding.UTF8.GetBytes(url)):x16}.json");

    protected override void PreStart()
    {
        base.PreStart();
        if (_settings.EnablePersistentCache)
        {
            Timers.StartSingleTimer(CacheTimer, StoreMessages.ReadCache.Instance, _settings.ReadCacheAfter);
        }
    }

    protected override void PostStop() => _client.Dispose();

    protected override async Task<LoadOutcome> LoadAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _settings.Url);
        HttpFetcher.AddHeaders(request, _settings.Headers);
        request.Headers.Accept.ParseAdd("application/json");
        HttpFetcher.AddConditions(request, _etag, _lastModified);
        var response = await HttpFetcher.SendAsync(_client, request, _settings.RequestTimeout, Clock, CancellationToken.None);
        if (response.IsNotModified)
        {
            _fetched = true;
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
        if (_settings.EnablePersistentCache && (changed || !_fetched))
        {
            if (await WriteCacheAsync(response.Body) is { } cacheProblem)
            {
                problems = [.. problems, cacheProblem];
            }
        }

        _fetched = true;
        Timers.Cancel(CacheTimer);
        return new LoadOutcome(true, changed, null, problems);
    }

    private async Task<StoreProblem?> WriteCacheAsync(byte[] body)
    {
        var temp = $"{CachePath}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(CachePath)!);
            await File.WriteAllBytesAsync(temp, body);
            File.Move(temp, CachePath, overwrite: true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            return new StoreProblem(CachePath, 0, 0, $"cannot write the persistent cache: {ex.Message}", null);
        }
    }

    private async Task<LoadOutcome> ReadCacheAsync()
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(CachePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var cause = $"no fetch succeeded within readCacheAfter ({_settings.ReadCacheAfter.TotalMilliseconds:0} ms) and the cache {CachePath} cannot be read: {ex.Message}";
            return LoadOutcome.Failed(cause, [new StoreProblem(CachePath, 0, 0, cause, null)]) with { FromCache = true };
        }

        var result = new PayloadReader(Plan.Kind, _settings.Overrides, allowArray: false).Read(bytes, CachePath);
        if (result.Fatal is { } fatal)
        {
            return LoadOutcome.Failed($"cache {CachePath}: {fatal.Message}", [fatal]) with { FromCache = true };
        }

        var changed = Set.Update(result.Definitions, result.RejectedNames);
        return new LoadOutcome(true, changed, null, result.Problems, FromCache: true);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
