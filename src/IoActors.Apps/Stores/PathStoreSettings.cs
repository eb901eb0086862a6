namespace IoActors.Apps.Stores;

/// <summary>A local path store: a folder of <c>*.json</c> files, each holding a definition or an array of them.</summary>
public sealed record PathStoreSettings : AppStoreSettings
{
    /// <summary>The folder (<c>details.path</c>), absolute or relative to the working directory; environment variables are
    /// expected to be expanded by the caller. Required. The default is the empty string (invalid).</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>Whether a file watcher reports changes (regular stores only; system stores are never monitored). The default is <see langword="true"/>.</summary>
    public bool Watch { get; init; } = true;

    /// <summary>How long the store waits after the last file change before rescanning. The default is 500 ms.</summary>
    public TimeSpan DebounceInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The period of the safety-net rescan (regular stores only); <see cref="TimeSpan.Zero"/> turns it off. The default is 30 s.</summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a missing or unreadable folder is retried at start before the store fails. The default is 0 (fail at once; a non-required store keeps rescanning).</summary>
    public int StartRetries { get; init; }

    /// <summary>The interval between start retries. The default is 10 s.</summary>
    public TimeSpan StartRetryInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public override AppStoreType Type => AppStoreType.Path;
}
