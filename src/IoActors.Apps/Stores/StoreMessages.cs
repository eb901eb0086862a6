namespace IoActors.Apps.Stores;

/// <summary>Internal messages of the store actors.</summary>
internal static class StoreMessages
{
    /// <summary>Load or poll now.</summary>
    public sealed record Poll
    {
        public static Poll Instance { get; } = new();
    }

    /// <summary>REST store: serve the persistent cache if nothing was fetched yet.</summary>
    public sealed record ReadCache
    {
        public static ReadCache Instance { get; } = new();
    }

    /// <summary>Server store: the io.Manager session could not refresh its token.</summary>
    public sealed record RefreshFailed(string Cause);

    /// <summary>Path store: the file watcher saw a change.</summary>
    public sealed record FilesChanged(string? Path)
    {
        public static FilesChanged Overflow { get; } = new((string?)null);
    }

    /// <summary>Stores supervisor: appStoresTimeout has passed.</summary>
    public sealed record StoresTimeout
    {
        public static StoresTimeout Instance { get; } = new();
    }
}
