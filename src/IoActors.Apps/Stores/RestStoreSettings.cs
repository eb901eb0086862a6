namespace IoActors.Apps.Stores;

/// <summary>A REST store: <c>GET url</c> answers <c>{"applications": [...]}</c> (FDC3 App Directory v2 responses are accepted).</summary>
public sealed record RestStoreSettings : AppStoreSettings
{
    /// <summary>The URL of the service (<c>details.url</c>). Required. The default is <see langword="null"/> (invalid).</summary>
    public Uri? Url { get; init; }

    /// <summary>The authentication (<c>details.auth</c>). The default is <see cref="RestStoreAuth.NoAuth"/>.</summary>
    public RestStoreAuth Auth { get; init; } = RestStoreAuth.NoAuth;

    /// <summary>The interval between polls (<c>pollInterval</c>), counted from the end of the previous poll (regular stores only). The default is 60 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(60000);

    /// <summary>How long one request may take (<c>requestTimeout</c>). The default is 20 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMilliseconds(20000);

    /// <summary>How many times a failed first load is retried before the store fails (<c>startRetries</c>); the first attempt is not counted. The default is 5.</summary>
    public int StartRetries { get; init; } = 5;

    /// <summary>The interval between start retries (<c>startRetryInterval</c>). The default is 10 s.</summary>
    public TimeSpan StartRetryInterval { get; init; } = TimeSpan.FromMilliseconds(10000);

    /// <summary>Whether the last good response is persisted and served when the service is unreachable (<c>enablePersistentCache</c>). The default is <see langword="true"/>.</summary>
    public bool EnablePersistentCache { get; init; } = true;

    /// <summary>The folder of the cache files (<c>cacheFolder</c>). The default is <c>%LocalAppData%/IoActors/configCache</c>.</summary>
    public string CacheFolder { get; init; } = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "IoActors", "configCache");

    /// <summary>When no fetch has succeeded this long after the store started, the cache is served (<c>readCacheAfter</c>). The default is 30 s.</summary>
    public TimeSpan ReadCacheAfter { get; init; } = TimeSpan.FromMilliseconds(30000);

    /// <summary>The HTTP proxy (<c>proxy</c>), e.g. <c>http://proxy:8080</c>; <see langword="null"/> uses the system proxy. The default is <see langword="null"/>.</summary>
    public Uri? Proxy { get; init; }

    /// <summary>Whether TLS certificates are validated (<c>rejectUnauthorized</c>); <see langword="false"/> accepts any certificate. The default is <see langword="true"/>.</summary>
    public bool RejectUnauthorized { get; init; } = true;

    /// <summary>Extra request headers sent with every request. The default is none.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public override AppStoreType Type => AppStoreType.Rest;
}
