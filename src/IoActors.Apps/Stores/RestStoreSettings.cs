namespace IoActors.Apps.Stores;

/// <summary>A REST store: <c>GET url</c> answers <c>{"applications": [...]}</c> (FDC3 App Directory v2 responses are accepted).</summary>
public sealed record RestStoreSettings : RemoteStoreSettings
{
    /// <summary>The URL of the service (<c>details.url</c>). Required. The default is <see langword="null"/> (invalid).</summary>
    public Uri? Url { get; init; }

    /// <summary>The authentication (<c>details.auth</c>). The default is <see cref="RestStoreAuth.NoAuth"/>.</summary>
    public RestStoreAuth Auth { get; init; } = RestStoreAuth.NoAuth;

    /// <summary>The interval between polls (<c>pollInterval</c>), counted from the end of the previous poll (regular stores only). The default is 60 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(60000);

    /// <summary>The HTTP proxy (<c>proxy</c>), e.g. <c>http://proxy:8080</c>; <see langword="null"/> uses the system proxy. The default is <see langword="null"/>.</summary>
    public Uri? Proxy { get; init; }

    /// <inheritdoc />
    public override AppStoreType Type => AppStoreType.Rest;
}
