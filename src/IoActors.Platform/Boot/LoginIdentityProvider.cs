namespace IoActors.Platform.Boot;

/// <summary>
/// An identity provider that holds the boot at the identity gate until someone logs in
/// (<see cref="IoPlatform.Login"/>, or the host API's login endpoint).
/// </summary>
internal sealed class LoginIdentityProvider : IIdentityProvider
{
    // Completed by the first successful Login; a restart reuses the identity already given.
    private readonly TaskCompletionSource<PlatformIdentity> _login = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether a user has logged in.</summary>
    public bool IsLoggedIn => _login.Task.IsCompletedSuccessfully;

    /// <summary>Logs a user in; the boot goes on past the identity gate.</summary>
    /// <param name="user">The user name.</param>
    /// <returns><see langword="true"/> when this call logged the user in; <see langword="false"/> when someone already had.</returns>
    public bool Login(string user)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        return _login.TrySetResult(new PlatformIdentity(user, "login"));
    }

    /// <inheritdoc/>
    public Task<PlatformIdentity> GetIdentityAsync(CancellationToken cancellationToken) => _login.Task.WaitAsync(cancellationToken);
}
