namespace IoActors.Platform.Instances;

/// <summary>Fails every start of an app type this host cannot run (clickonce, citrix, unknown types).</summary>
internal sealed class UnsupportedLauncher : IInstanceLauncher
{
    /// <inheritdoc/>
    public Task<IRunningInstance> LaunchAsync(LaunchRequest request, CancellationToken cancellationToken) =>
        throw new LaunchException($"app '{request.Definition.Name}' has type '{request.Definition.TypeName}', which is not supported on this host.");
}
