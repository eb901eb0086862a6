namespace IoActors.Platform.Instances;

/// <summary>Launches window-like apps (window, workspaces, webGroup, childWindow) through an <see cref="IWindowHost"/>.</summary>
internal sealed class WindowLauncher : IInstanceLauncher
{
    private readonly IWindowHost _host;

    public WindowLauncher(IWindowHost host) => _host = host;

    /// <inheritdoc/>
    public Task<IRunningInstance> LaunchAsync(LaunchRequest request, CancellationToken cancellationToken) => _host.OpenAsync(request, cancellationToken);
}
