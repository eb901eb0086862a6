using IoActors.Hocon;

namespace IoActors.Platform.Configuration;

/// <summary>The io.Manager connection (<c>server</c> in system.json); when enabled it is also an app store.</summary>
public sealed class ServerOptions
{
    /// <summary>Whether to connect to io.Manager. The default is <see langword="false"/>.</summary>
    public bool Enabled { get; set; }

    /// <summary>The io.Manager API URL, e.g. <c>http://localhost:4356/api</c>; required when enabled. The default is <see langword="null"/>.</summary>
    public string? Url { get; set; }

    /// <summary>How the platform authenticates to io.Manager. The default is no authentication.</summary>
    public ServerAuthOptions Auth { get; set; } = new();

    /// <summary>How often app definitions are fetched. The default is 60000 ms.</summary>
    public HoconDuration FetchInterval { get; set; } = HoconDuration.FromMilliseconds(60000);

    /// <summary>How often the session token is refreshed. The default is 3600000 ms.</summary>
    public HoconDuration TokenRefreshInterval { get; set; } = HoconDuration.FromMilliseconds(3600000);

    /// <summary>Whether the last good app definitions from io.Manager are cached and served when it is unreachable at start. The default is <see langword="true"/>.</summary>
    public bool EnablePersistentCache { get; set; } = true;

    /// <summary>The folder of the cache file; <see langword="null"/> means <c>{dataFolder}/configCache</c>. The default is <see langword="null"/>.</summary>
    public string? CacheFolder { get; set; }

    /// <summary>When no fetch has succeeded this long after the start, the cache is served. The default is 30000 ms.</summary>
    public HoconDuration ReadCacheAfter { get; set; } = HoconDuration.FromMilliseconds(30000);
}
