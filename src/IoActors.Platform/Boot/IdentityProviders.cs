namespace IoActors.Platform.Boot;

/// <summary>The built-in identity providers.</summary>
internal static class IdentityProviders
{
    /// <summary>The operating-system user running the platform (the default).</summary>
    public static IIdentityProvider OsUser { get; } = new FixedIdentityProvider(new PlatformIdentity(Environment.UserName, "os"));

    /// <summary>A fixed user named in configuration.</summary>
    /// <param name="user">The user name.</param>
    /// <returns>The provider.</returns>
    public static IIdentityProvider Static(string user)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        return new FixedIdentityProvider(new PlatformIdentity(user, "static"));
    }

    /// <summary>A provider that waits until <see cref="LoginIdentityProvider.Login"/> is called (a login through the API).</summary>
    /// <returns>The provider.</returns>
    public static LoginIdentityProvider Login() => new();
}
