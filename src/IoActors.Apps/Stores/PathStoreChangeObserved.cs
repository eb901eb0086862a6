namespace IoActors.Apps.Stores;

/// <summary>Diagnostic (internal, for tests): the path store's watcher reported a change and the debounce timer was (re)armed.</summary>
/// <param name="StoreId">The store id.</param>
/// <param name="Path">The changed file, or <see langword="null"/> on a watcher overflow or error.</param>
internal sealed record PathStoreChangeObserved(string StoreId, string? Path);
