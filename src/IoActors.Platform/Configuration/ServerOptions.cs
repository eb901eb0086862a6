using IoActors.Hocon;

namespace IoActors.Platform.Configuration;

/// <summary>
/// The io.Manager connection (<c>server</c> in system.json); when enabled it is also an app store, placed after
/// <c>appStores</c> or where a <c>{ type = server }</c> entry stands in it. Its request timeout, start retries, cache, TLS,
/// header and size settings are the REST store's (<see cref="RemoteStoreOptions"/>).
/// </summary>
public sealed class ServerOptions : RemoteStoreOptions
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

    /// <summary>
    /// Whether the boot fails when io.Manager cannot be loaded. <see langword="null"/> means the <c>isRequired</c> of the
    /// <c>{ type = server }</c> entry of <c>appStores</c> when there is one, else <see langword="true"/>; set it in one of the
    /// two places only. The default is <see langword="null"/>.
    /// </summary>
    public bool? IsRequired { get; set; }

    /// <summary>The instance and boot events sent to io.Manager (<c>server.events</c>). The default sends them, batched.</summary>
    public ServerEventsOptions Events { get; set; } = new();
}
