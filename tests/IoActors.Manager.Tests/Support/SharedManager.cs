namespace IoActors.Manager.Tests.Support;

/// <summary>
/// One server for a test class (Basic, the admin <see cref="ManagerHost.Admin"/>). Tests that share it create users,
/// groups and apps with unique names, so they do not see each other's state.
/// </summary>
public sealed class SharedManager : IAsyncLifetime
{
    public ManagerHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ManagerHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
