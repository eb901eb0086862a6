namespace IoActors.Platform.Boot;

/// <summary>Always resolves the same identity.</summary>
internal sealed class FixedIdentityProvider(PlatformIdentity identity) : IIdentityProvider
{
    public Task<PlatformIdentity> GetIdentityAsync(CancellationToken cancellationToken) => Task.FromResult(identity);
}
