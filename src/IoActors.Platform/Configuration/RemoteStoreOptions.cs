using IoActors.Hocon;

namespace IoActors.Platform.Configuration;

/// <summary>
/// The settings a REST store's <c>details</c> and the io.Manager connection (<c>server</c>) share, with the REST store's
/// names and defaults (io.Connect system.json); <see cref="MaxPayloadSize"/> also applies to the files of a path store.
/// </summary>
public abstract class RemoteStoreOptions
{
    /// <summary>How long to wait for a response. The default is 20000 ms.</summary>
    public HoconDuration RequestTimeout { get; set; } = HoconDuration.FromMilliseconds(20000);

    /// <summary>How many times a failed first load is retried (after the first attempt); when they are used up, the cache is served if it exists. The default is 5.</summary>
    public int StartRetries { get; set; } = 5;

    /// <summary>The interval between start retries. The default is 10000 ms.</summary>
    public HoconDuration StartRetryInterval { get; set; } = HoconDuration.FromMilliseconds(10000);

    /// <summary>Whether the last good definitions are cached on disk and served when the server is unreachable at start. The default is <see langword="true"/>.</summary>
    public bool EnablePersistentCache { get; set; } = true;

    /// <summary>The cache folder; <see langword="null"/> means <c>{dataFolder}/configCache</c>. The default is <see langword="null"/>.</summary>
    public string? CacheFolder { get; set; }

    /// <summary>When no fetch has succeeded this long after the start, the cache is served. The default is 30000 ms.</summary>
    public HoconDuration ReadCacheAfter { get; set; } = HoconDuration.FromMilliseconds(30000);

    /// <summary>Whether TLS certificates are validated. The default is <see langword="true"/>.</summary>
    public bool RejectUnauthorized { get; set; } = true;

    /// <summary>Headers sent with every request. The default is none.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The largest response (or path-store file) read; a bigger one is rejected and the last good set stays. The default is 64 MiB.</summary>
    public HoconByteSize MaxPayloadSize { get; set; } = HoconByteSize.Parse("64MiB");
}
