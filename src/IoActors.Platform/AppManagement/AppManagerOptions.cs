namespace IoActors.Platform.AppManagement;

/// <summary>Timeouts of the <see cref="AppManager"/> facade.</summary>
public sealed record AppManagerOptions
{
    /// <summary>How long queries and in-memory store operations may take. The default is 30 s.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a start may take (downloads, window reloads). The default is 2 min.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a stop may take (grace period and tree kill). The default is 1 min.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromMinutes(1);
}
