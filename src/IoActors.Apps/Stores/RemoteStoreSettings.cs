namespace IoActors.Apps.Stores;

/// <summary>
/// What the remote stores share, the REST store and io.Manager: request timeout, start retries, the persistent cache, TLS
/// validation and extra headers. Each property is the REST store setting of the same name.
/// </summary>
public abstract record RemoteStoreSettings : AppStoreSettings
{
    /// <summary>How long one request may take (<c>requestTimeout</c>). The default is 20 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMilliseconds(20000);

    /// <summary>How many times a failed first load is retried (<c>startRetries</c>); the first attempt is not counted. When
    /// they are used up and a cache file exists, the cache is served at once. The default is 5.</summary>
    public int StartRetries { get; init; } = 5;

    /// <summary>The interval between start retries (<c>startRetryInterval</c>). The default is 10 s.</summary>
    public TimeSpan StartRetryInterval { get; init; } = TimeSpan.FromMilliseconds(10000);

    /// <summary>Whether the last good response is persisted and served when the service is unreachable at start
    /// (<c>enablePersistentCache</c>). The default is <see langword="true"/>.</summary>
    public bool EnablePersistentCache { get; init; } = true;

    /// <summary>The folder of the cache files (<c>cacheFolder</c>). The default is <c>%LocalAppData%/IoActors/configCache</c>.</summary>
    public string CacheFolder { get; init; } = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "IoActors", "configCache");

    /// <summary>When no fetch has succeeded this long after the store started, the cache is served (<c>readCacheAfter</c>);
    /// it is also served as soon as the start retries are used up. The default is 30 s.</summary>
    public TimeSpan ReadCacheAfter { get; init; } = TimeSpan.FromMilliseconds(30000);

    /// <summary>Whether TLS certificates are validated (<c>rejectUnauthorized</c>); <see langword="false"/> accepts any certificate. The default is <see langword="true"/>.</summary>
    public bool RejectUnauthorized { get; init; } = true;

    /// <summary>Extra request headers sent with every request. The default is none.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
