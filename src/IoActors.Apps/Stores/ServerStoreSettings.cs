namespace IoActors.Apps.Stores;

/// <summary>
/// The io.Manager store, from the top-level <c>server</c> setting: opens a session (<c>POST {url}/user/hello</c>), fetches the
/// user's apps (<c>GET {url}/user/apps</c>) with the session token, refreshes the token and polls.
/// </summary>
public sealed record ServerStoreSettings : AppStoreSettings
{
    /// <summary>The io.Manager API URL (<c>server.url</c>), e.g. <c>http://localhost:4356/api</c>. Required. The default is <see langword="null"/> (invalid).</summary>
    public Uri? Url { get; init; }

    /// <summary>The user name for Basic authentication; with <see cref="Password"/>. The default is <see langword="null"/>.</summary>
    public string? Username { get; init; }

    /// <summary>The password for Basic authentication. The default is <see langword="null"/>.</summary>
    public string? Password { get; init; }

    /// <summary>A bearer token (e.g. from Auth0) sent to open the session; used when no user name is set. The default is <see langword="null"/>.</summary>
    public string? BearerToken { get; init; }

    /// <summary>The interval between fetches (<c>fetchIntervalMS</c>). The default is 60 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(60000);

    /// <summary>The interval at which the session token is refreshed (<c>tokenRefreshIntervalMS</c>). The default is 1 h.</summary>
    public TimeSpan TokenRefreshInterval { get; init; } = TimeSpan.FromMilliseconds(3600000);

    /// <summary>How long one request may take. The default is 20 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMilliseconds(20000);

    /// <summary>How many times a failed first load is retried before the store fails; the first attempt is not counted. The default is 5.</summary>
    public int StartRetries { get; init; } = 5;

    /// <summary>The interval between start retries. The default is 10 s.</summary>
    public TimeSpan StartRetryInterval { get; init; } = TimeSpan.FromMilliseconds(10000);

    /// <summary>
    /// Whether the last good answer of <c>GET {url}/user/apps</c> is persisted and served when io.Manager is unreachable at
    /// start, as REST stores do (<c>server.enablePersistentCache</c>). The default is <see langword="true"/>.
    /// </summary>
    public bool EnablePersistentCache { get; init; } = true;

    /// <summary>The folder of the cache file (<c>server.cacheFolder</c>). The default is <c>%LocalAppData%/IoActors/configCache</c>.</summary>
    public string CacheFolder { get; init; } = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "IoActors", "configCache");

    /// <summary>When no fetch has succeeded this long after the store started, the cache is served (<c>server.readCacheAfter</c>). The default is 30 s.</summary>
    public TimeSpan ReadCacheAfter { get; init; } = TimeSpan.FromMilliseconds(30000);

    /// <summary>Whether TLS certificates are validated; <see langword="false"/> accepts any certificate. The default is <see langword="true"/>.</summary>
    public bool RejectUnauthorized { get; init; } = true;

    /// <summary>Extra request headers sent with every request. The default is none.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public override AppStoreType Type => AppStoreType.Server;
}
