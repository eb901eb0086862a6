using IoActors.Hocon;

namespace IoActors.Platform.Configuration;

/// <summary>The <c>details</c> of an app store: <c>path</c> for path stores, the rest for REST stores.</summary>
public sealed class AppStoreDetailsOptions
{
    /// <summary>Path store: the folder of definition files (absolute, or relative to the configuration file's folder; %VARS% expand). The default is <see langword="null"/>.</summary>
    public string? Path { get; set; }

    /// <summary>REST store: the URL of the service returning <c>{ "applications": [...] }</c>. The default is <see langword="null"/>.</summary>
    public string? Url { get; set; }

    /// <summary>REST store: how often to poll for changes. The default is 60000 ms.</summary>
    public HoconDuration PollInterval { get; set; } = HoconDuration.FromMilliseconds(60000);

    /// <summary>REST store: how long to wait for a response. The default is 20000 ms.</summary>
    public HoconDuration RequestTimeout { get; set; } = HoconDuration.FromMilliseconds(20000);

    /// <summary>REST store: how many times to try to reach the server at start. The default is 5.</summary>
    public int StartRetries { get; set; } = 5;

    /// <summary>REST store: the interval between start attempts. The default is 10000 ms.</summary>
    public HoconDuration StartRetryInterval { get; set; } = HoconDuration.FromMilliseconds(10000);

    /// <summary>REST store: whether fetched definitions are cached on disk for when the server is unreachable. The default is <see langword="true"/>.</summary>
    public bool EnablePersistentCache { get; set; } = true;

    /// <summary>REST store: the cache folder. The default is <see langword="null"/>: a folder per store under the data folder.</summary>
    public string? CacheFolder { get; set; }

    /// <summary>REST store: after how long without a response the cache is read. The default is 30000 ms.</summary>
    public HoconDuration ReadCacheAfter { get; set; } = HoconDuration.FromMilliseconds(30000);

    /// <summary>REST store: authentication, <c>no-auth</c>, <c>negotiate</c> or <c>kerberos</c>. The default is <c>no-auth</c>.</summary>
    public string Auth { get; set; } = "no-auth";

    /// <summary>REST store: the HTTP proxy URL. The default is <see langword="null"/> (no proxy).</summary>
    public string? Proxy { get; set; }

    /// <summary>REST store: whether TLS certificates are validated. The default is <see langword="true"/>.</summary>
    public bool RejectUnauthorized { get; set; } = true;

    /// <summary>REST store: headers sent with every request. The default is none.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
