namespace IoActors.Apps.Stores;

/// <summary>
/// The io.Manager store (selected by <c>server.enabled</c>, or by a <c>{ "type": "server" }</c> entry of <c>appStores</c>): opens a
/// session (<c>POST {url}/user/hello</c>), fetches the user's apps (<c>GET {url}/user/apps</c>) with the credentials and the
/// session token, refreshes the token (<c>POST {url}/user/refresh</c>) and polls. Its request timeout, start retries, cache, TLS and header settings are the REST store's.
/// </summary>
public sealed record ServerStoreSettings : RemoteStoreSettings
{
    /// <summary>The io.Manager API URL (<c>server.url</c>), e.g. <c>http://localhost:4356/api</c>. Required. The default is <see langword="null"/> (invalid).</summary>
    public Uri? Url { get; init; }

    /// <summary>The user name for Basic authentication; with <see cref="Password"/>. The default is <see langword="null"/>.</summary>
    public string? Username { get; init; }

    /// <summary>The password for Basic authentication. The default is <see langword="null"/>.</summary>
    public string? Password { get; init; }

    /// <summary>A bearer token (e.g. from Auth0) sent to open the session; used when no user name is set. The default is <see langword="null"/>.</summary>
    public string? BearerToken { get; init; }

    /// <summary>The interval between fetches (<c>server.fetchInterval</c>). The default is 60 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(60000);

    /// <summary>The interval at which the session token is refreshed (<c>server.tokenRefreshInterval</c>). The default is 1 h.</summary>
    public TimeSpan TokenRefreshInterval { get; init; } = TimeSpan.FromMilliseconds(3600000);

    /// <summary>The platform's io.Manager session the store fetches through; <see langword="null"/> makes the store open one of its own.</summary>
    internal ManagerSession? Session { get; init; }

    /// <inheritdoc />
    public override AppStoreType Type => AppStoreType.Server;
}
