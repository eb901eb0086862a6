namespace IoActors.Platform.Boot;

/// <summary>
/// Resolves the user identity at the identity gate (between the pre-sso and post-sso stages). The boot waits for the
/// returned task; a fault fails the boot with the exception's message.
/// </summary>
public interface IIdentityProvider
{
    /// <summary>Resolves the identity.</summary>
    /// <param name="cancellationToken">Cancelled when the boot is abandoned (shutdown).</param>
    /// <returns>The identity.</returns>
    Task<PlatformIdentity> GetIdentityAsync(CancellationToken cancellationToken);
}
