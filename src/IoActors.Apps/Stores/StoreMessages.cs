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

    /// <summary>Server store: open a new session.</summary>
    public sealed record RefreshToken
    {
        public static RefreshToken Instance { get; } = new();
    }

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

/// <summary>Diagnostic (internal, for tests): the path store's watcher reported a change and the debounce timer was (re)armed.</summary>
/// <param name="StoreId">The store id.</param>
/// <param name="Path">The changed file, or <see langword="null"/> on a watcher overflow or error.</param>
internal sealed record PathStoreChangeObserved(string StoreId, string? Path);

/// <summary>The result of one load.</summary>
/// <param name="Success">Whether the source was reached and read (individual records may still have failed).</param>
/// <param name="Changed">Whether the set changed.</param>
/// <param name="Cause">The failure cause (naming the source) when <paramref name="Success"/> is false.</param>
/// <param name="Problems">The problems to publish as <see cref="StoreError"/>.</param>
/// <param name="FromCache">Whether the set came from the persistent cache.</param>
internal sealed record LoadOutcome(bool Success, bool Changed, string? Cause, IReadOnlyList<StoreProblem> Problems, bool FromCache = false)
{
    public static LoadOutcome Failed(string cause, IReadOnlyList<StoreProblem> problems) => new(false, false, cause, problems);
}
