using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Event;

namespace IoActors.Apps.Stores;

/// <summary>
/// The io.Manager store: <c>POST {url}/user/hello</c> (Basic or Bearer credentials) gives a session token; <c>GET {url}/user/apps</c>
/// with <c>Authorization: Bearer &lt;token&gt;</c> gives the user's apps; the token is refreshed periodically and re-opened on 401.
/// Failures follow the REST rules: the last good set stays and a StoreError is published, and the last good answer is
/// persisted in a cache file that is served when no fetch succeeded within <c>readCacheAfter</c>.
/// </summary>
internal sealed class ServerStoreActor : PollingStoreActor
{
    private const string RefreshTimer = "refresh-token";

    // The answer of /user/hello is a small object; a session token longer than this is refused.
    private const long MaxSessionAnswerSize = 64 * 1024;
    private const int MaxTokenLength = 16 * 1024;

    private readonly ServerStoreSettings _settings;
    private readonly HttpClient _client;
    private readonly PayloadReader _reader;
    private readonly Uri _helloUrl;
    private readonly Uri _appsUrl;
    private string? _token;
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
        _helloUrl = new Uri(settings.Url!.ToString().TrimEnd('/') + "/user/hello");
        _appsUrl = AppsUrl(settings);
        _reader = reader;
        _client = HttpFetcher.CreateClient(null, false, settings.RejectUnauthorized);
        ReceiveAsync<StoreMessages.RefreshToken>(_ => GuardedAsync("the token refresh", async () =>
        {
            var error = await OpenSessionAsync();
            if (error is not null)
            {
                Report(new StoreError(Plan.Id, _helloUrl.ToString(), 0, 0, $"token refresh failed (the previous token is kept): {error}"));
            }
        }));
    }

    protected override string Source => _appsUrl.ToString();

    /// <summary>The apps URL, <c>{url}/user/apps</c>; its hash names the cache file.</summary>
    internal static Uri AppsUrl(ServerStoreSettings settings) => new(settings.Url!.ToString().TrimEnd('/') + "/user/apps");

    protected override void Begin()
    {
        base.Begin();
        Timers.StartPeriodicTimer(RefreshTimer, StoreMessages.RefreshToken.Instance, _settings.TokenRefreshInterval);
    }

    protected override void PostStop() => _client.Dispose();

    protected override object? SaveState() => (_token, _etag, _lastModified);

    protected override void RestoreState(object? state) => (_token, _etag, _lastModified) = ((string?, string?, DateTimeOffset?))state!;

    protected override async Task<LoadOutcome> LoadAsync()
    {
        if (_token is null && await OpenSessionAsync() is { } helloError)
        {
            return LoadOutcome.Failed(helloError, [new StoreProblem(_helloUrl.ToString(), 0, 0, helloError, null)]);
        }

        var response = await GetAppsAsync();
        if (response.Error is null && response.Status is 401 or 403)
        {
            // The session expired: open a new one and try once more.
            _token = null;
            if (await OpenSessionAsync() is { } retryError)
            {
                return LoadOutcome.Failed(retryError, [new StoreProblem(_helloUrl.ToString(), 0, 0, retryError, null)]);
            }

            response = await GetAppsAsync();
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

    private async Task<FetchResult> GetAppsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _appsUrl);
        HttpFetcher.AddHeaders(request, _settings.Headers);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        HttpFetcher.AddConditions(request, _etag, _lastModified);
        return await HttpFetcher.SendAsync(_client, request, _settings.RequestTimeout, Clock, MaxPayloadSize, "maxPayloadSize", CancellationToken.None);
    }

    /// <summary>Opens a session; returns null on success or the cause.</summary>
    private async Task<string?> OpenSessionAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _helloUrl)
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        HttpFetcher.AddHeaders(request, _settings.Headers);
        if (_settings.Username is not null)
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_settings.Username}:{_settings.Password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }
        else if (_settings.BearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _settings.BearerToken);
        }

        var response = await HttpFetcher.SendAsync(_client, request, _settings.RequestTimeout, Clock, MaxSessionAnswerSize, "the limit of a session answer", CancellationToken.None);
        if (!response.IsSuccess)
        {
            return response.Describe("POST");
        }

        var (token, problem) = ReadSessionAnswer(response.Body);
        if (token is null)
        {
            return $"POST {_helloUrl} answered {problem}";
        }

        _token = token;
        return null;
    }

    /// <summary>The session token of a <c>/user/hello</c> answer, or why it has none that can be sent (without echoing it).</summary>
    private static (string? Token, string? Problem) ReadSessionAnswer(byte[] body)
    {
        if (PayloadReader.CheckText(body, MaxSessionAnswerSize, string.Empty) is { } textProblem)
        {
            return (null, textProblem.Message);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("token", out var token) || token.ValueKind != JsonValueKind.String)
            {
                return (null, "without a \"token\" string");
            }

            var value = token.GetString()!;
            if (value.Length is 0 or > MaxTokenLength)
            {
                return (null, $"a \"token\" of {value.Length} characters (1 to {MaxTokenLength} are allowed)");
            }

            return IsHeaderToken(value) ? (value, null) : (null, "a \"token\" that cannot be sent in an Authorization header (only visible ASCII characters are allowed)");
        }
        catch (JsonException ex)
        {
            var cut = ex.Message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
            return (null, $"invalid JSON: {(cut > 0 ? ex.Message[..cut] : ex.Message)} (line {(ex.LineNumber ?? 0) + 1})");
        }
        catch (InvalidOperationException)
        {
            return (null, "a \"token\" that cannot be read as text (an escaped lone surrogate)");
        }
    }

    // RFC 6750 b64token characters are visible ASCII; anything else (spaces, controls, non-ASCII) cannot go in the header.
    private static bool IsHeaderToken(string value)
    {
        foreach (var c in value)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
