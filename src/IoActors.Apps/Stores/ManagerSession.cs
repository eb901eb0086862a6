using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IoActors.Apps.Stores;

/// <summary>
/// One io.Manager session, shared by whoever talks to io.Manager in the platform (the server app store, the preferences and
/// layouts mirror, the crash reporter). <c>POST {url}/user/hello</c> with the <see cref="ManagerClientInfo"/> body opens it and
/// gives a session token (a JWT whose payload names the <c>session</c> and the <c>user</c>); every request carries the
/// configured credentials as <c>Authorization</c> (<c>Basic</c> or <c>Bearer</c>, as the io.Connect client sends them) and,
/// once a session is open, <c>serverx-token: &lt;session token&gt;</c>. The token is refreshed (<c>POST {url}/user/refresh</c>)
/// every <see cref="ServerStoreSettings.TokenRefreshInterval"/> on the given clock; a request answered 401 opens a new session
/// and is sent once more; <see cref="GoodbyeAsync"/> closes the session (<c>POST {url}/user/goodbye</c>). Callers that need
/// a session while one is being opened wait for that opening rather than starting their own. Thread-safe.
/// </summary>
internal sealed class ManagerSession : IDisposable
{
    /// <summary>The largest answer to hello or refresh that is read.</summary>
    public const long MaxSessionAnswerSize = 64 * 1024;

    private const int MaxTokenLength = 16 * 1024;

    private readonly ServerStoreSettings _settings;
    private readonly ManagerClientInfo _client;
    private readonly TimeProvider _clock;
    private readonly HttpClient _http;
    private readonly object _lock = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly string _base;
    private Task<string?>? _opening;
    private ITimer? _refreshTimer;
    private volatile string? _token;
    private volatile bool _closed;
    private int _refreshing;

    /// <param name="settings">The io.Manager connection (URL, credentials, headers, request timeout, TLS, refresh interval).</param>
    /// <param name="client">What the hello body tells about this platform.</param>
    /// <param name="clock">The clock of request timeouts and of the refresh timer.</param>
    public ManagerSession(ServerStoreSettings settings, ManagerClientInfo client, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings.Url);
        _settings = settings;
        _client = client;
        _clock = clock;
        _base = settings.Url.ToString().TrimEnd('/');
        HelloUrl = Resolve("user/hello");
        _http = HttpFetcher.CreateClient(null, false, settings.RejectUnauthorized);
    }

    /// <summary>Raised (on a pool thread) with the cause when a scheduled token refresh fails; the previous token is kept.</summary>
    public event Action<string>? RefreshFailed;

    /// <summary>The URL that opens a session, <c>{url}/user/hello</c>.</summary>
    public Uri HelloUrl { get; }

    /// <summary>The io.Manager API URL this session talks to.</summary>
    public Uri BaseUrl => _settings.Url!;

    /// <summary>The timeout of one request.</summary>
    public TimeSpan RequestTimeout => _settings.RequestTimeout;

    /// <summary>Whether a session is open (a token is held).</summary>
    public bool IsOpen => _token is not null;

    /// <summary>The session id of the current token's payload (<c>session</c>), or <see langword="null"/>.</summary>
    public string? SessionId { get; private set; }

    /// <summary>The user of the current token's payload (<c>user</c>), or <see langword="null"/>.</summary>
    public string? User { get; private set; }

    /// <summary>The URL of <paramref name="path"/> under the API URL (e.g. <c>user/prefs/</c>).</summary>
    public Uri Resolve(string path) => new(_base + "/" + path.TrimStart('/'));

    /// <summary>Opens a session unless one is open; returns <see langword="null"/> on success or the cause.</summary>
    public Task<string?> EnsureOpenAsync() => _token is not null ? Task.FromResult<string?>(null) : OpenAsync(null);

    /// <summary>
    /// Sends one request with the credentials and the session token, opening the session first when none is open; a 401
    /// opens a new session and the request is sent once more (<paramref name="content"/> is called for each attempt). A
    /// failure to open the session is a failure result whose URL is <see cref="HelloUrl"/>.
    /// </summary>
    public async Task<FetchResult> SendAsync(HttpMethod method, Uri url, Func<HttpContent?>? content, long maxBytes, string limit, Action<HttpRequestMessage>? configure = null, CancellationToken cancellationToken = default)
    {
        if (await EnsureOpenAsync().ConfigureAwait(false) is { } openError)
        {
            return FetchResult.Failure(HelloUrl.ToString(), openError);
        }

        var token = _token;
        var result = await SendOnceAsync(method, url, content?.Invoke(), token, configure, maxBytes, limit, cancellationToken).ConfigureAwait(false);
        if (result.Error is null && result.Status == 401)
        {
            // The session expired (or io.Manager restarted): open a new one and try once more.
            if (await OpenAsync(token).ConfigureAwait(false) is { } reopenError)
            {
                return FetchResult.Failure(HelloUrl.ToString(), reopenError);
            }

            result = await SendOnceAsync(method, url, content?.Invoke(), _token, configure, maxBytes, limit, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Sends a JSON body (see <see cref="SendAsync"/>).</summary>
    public Task<FetchResult> SendJsonAsync(HttpMethod method, Uri url, JsonNode? body, long maxBytes, string limit, CancellationToken cancellationToken = default)
    {
        var text = body?.ToJsonString();
        return SendAsync(method, url, text is null ? null : () => new StringContent(text, Encoding.UTF8, "application/json"), maxBytes, limit, null, cancellationToken);
    }

    /// <summary>Refreshes the token now (<c>POST {url}/user/refresh</c>); a 401 opens a new session. Returns null or the cause.</summary>
    public async Task<string?> RefreshAsync()
    {
        var token = _token;
        if (token is null)
        {
            return await OpenAsync(null).ConfigureAwait(false);
        }

        var url = Resolve("user/refresh");
        var body = new JsonObject { ["token"] = token }.ToJsonString();
        var result = await SendOnceAsync(HttpMethod.Post, url, new StringContent(body, Encoding.UTF8, "application/json"), token, null, MaxSessionAnswerSize, "the limit of a session answer", _disposed.Token).ConfigureAwait(false);
        if (result.Error is null && result.Status == 401)
        {
            return await OpenAsync(token).ConfigureAwait(false);
        }

        if (!result.IsSuccess)
        {
            return result.Describe("POST");
        }

        var (fresh, problem) = ReadSessionAnswer(result.Body);
        if (fresh is null)
        {
            return $"POST {url} answered {problem}";
        }

        lock (_lock)
        {
            // A new session opened meanwhile wins over the refreshed old one.
            if (ReferenceEquals(_token, token))
            {
                SetToken(fresh);
            }
        }

        return null;
    }

    /// <summary>
    /// Closes the session (<c>POST {url}/user/goodbye</c> with its id) within the request timeout; never throws. No new
    /// session is opened after it (requests then fail, naming the closed session).
    /// </summary>
    /// <returns>Null when the session was closed or none was open, else the cause.</returns>
    public async Task<string?> GoodbyeAsync()
    {
        var token = _token;
        if (token is null)
        {
            _closed = true;
            return null;
        }

        var body = new JsonObject { ["session"] = SessionId }.ToJsonString();
        var result = await SendOnceAsync(HttpMethod.Post, Resolve("user/goodbye"), new StringContent(body, Encoding.UTF8, "application/json"), token, null, MaxSessionAnswerSize, "the limit of a session answer", CancellationToken.None).ConfigureAwait(false);
        lock (_lock)
        {
            _refreshTimer?.Dispose();
            _refreshTimer = null;
            _token = null;
            _closed = true;
        }

        return result.IsSuccess ? null : result.Describe("POST");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _refreshTimer?.Dispose();
            _refreshTimer = null;
        }

        _disposed.Cancel();
        _http.Dispose();
    }

    // Opens a new session unless one other than `stale` is open; joins an opening in flight.
    private Task<string?> OpenAsync(string? stale)
    {
        lock (_lock)
        {
            if (_token is not null && !ReferenceEquals(_token, stale))
            {
                return Task.FromResult<string?>(null);
            }

            if (_closed)
            {
                return Task.FromResult<string?>($"the io.Manager session was closed (goodbye sent to {BaseUrl}); no new one is opened");
            }

            if (_opening is { } inFlight)
            {
                return inFlight;
            }

            var opening = HelloAsync(stale);
            if (!opening.IsCompleted)
            {
                _opening = opening;
            }

            return opening;
        }
    }

    private async Task<string?> HelloAsync(string? stale)
    {
        try
        {
            var body = _client.HelloBody().ToJsonString();
            var response = await SendOnceAsync(HttpMethod.Post, HelloUrl, new StringContent(body, Encoding.UTF8, "application/json"), null, null, MaxSessionAnswerSize, "the limit of a session answer", _disposed.Token).ConfigureAwait(false);
            string? error = null;
            string? token = null;
            if (!response.IsSuccess)
            {
                error = response.Describe("POST");
            }
            else
            {
                (token, var problem) = ReadSessionAnswer(response.Body);
                if (token is null)
                {
                    error = $"POST {HelloUrl} answered {problem}";
                }
            }

            lock (_lock)
            {
                if (token is not null)
                {
                    SetToken(token);
                    _refreshTimer ??= _clock.CreateTimer(_ => OnRefreshDue(), null, _settings.TokenRefreshInterval, _settings.TokenRefreshInterval);
                }
                else if (stale is not null && ReferenceEquals(_token, stale))
                {
                    // The old token was refused: it is not sent again.
                    _token = null;
                }
            }

            return error;
        }
        catch (OperationCanceledException)
        {
            return "the io.Manager session was closed";
        }
        finally
        {
            lock (_lock)
            {
                _opening = null;
            }
        }
    }

    private void OnRefreshDue()
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1 || _disposed.IsCancellationRequested)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                if (await RefreshAsync().ConfigureAwait(false) is { } error)
                {
                    RefreshFailed?.Invoke($"token refresh failed (the previous token is kept): {error}");
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                // Closed meanwhile.
            }
            finally
            {
                Volatile.Write(ref _refreshing, 0);
            }
        });
    }

    private async Task<FetchResult> SendOnceAsync(HttpMethod method, Uri url, HttpContent? content, string? token, Action<HttpRequestMessage>? configure, long maxBytes, string limit, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        HttpFetcher.AddHeaders(request, _settings.Headers);
        request.Headers.Accept.ParseAdd("application/json");
        if (_settings.Username is not null)
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_settings.Username}:{_settings.Password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }
        else if (_settings.BearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _settings.BearerToken);
        }

        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("serverx-token", token);
        }

        configure?.Invoke(request);

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        return await HttpFetcher.SendAsync(_http, request, _settings.RequestTimeout, _clock, maxBytes, limit, linked.Token).ConfigureAwait(false);
    }

    // Called under the lock.
    private void SetToken(string token)
    {
        _token = token;
        (SessionId, User) = ReadClaims(token);
    }

    /// <summary>The <c>session</c> and <c>user</c> claims of a JWT's payload; nulls when the token is no JWT.</summary>
    internal static (string? Session, string? User) ReadClaims(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return (null, null);
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Convert.FromBase64String(payload));
            var root = document.RootElement;
            return root.ValueKind != JsonValueKind.Object ? (null, null) : (Claim(root, "session"), Claim(root, "user"));
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return (null, null);
        }

        static string? Claim(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            } : null;
    }

    /// <summary>The session token of a hello or refresh answer, or why it has none that can be sent (without echoing it).</summary>
    internal static (string? Token, string? Problem) ReadSessionAnswer(byte[] body)
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

            return IsHeaderToken(value) ? (value, null) : (null, "a \"token\" that cannot be sent in an HTTP header (only visible ASCII characters are allowed)");
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

    // RFC 6750 b64token characters are visible ASCII; anything else (spaces, controls, non-ASCII) cannot go in a header.
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
