using IoActors.Apps.Definitions;

namespace IoActors.Apps.Stores;

/// <summary>
/// A store could not read (part of) its source. Published on the event stream; the store keeps the last good definitions.
/// </summary>
/// <param name="StoreId">The store id.</param>
/// <param name="Source">The file path or URL that failed.</param>
/// <param name="Line">The 1-based line of the problem in <paramref name="Source"/>, or 0 when unknown (network errors).</param>
/// <param name="Column">The 1-based column, or 0 when unknown.</param>
/// <param name="Message">What went wrong, naming the value and the rule or the network cause.</param>
/// <param name="AppName">The app the problem belongs to, when known.</param>
public sealed record StoreError(string StoreId, string Source, int Line, int Column, string Message, string? AppName = null)
{
    /// <summary>Formats the error as <c>store: source:line:col: message</c>.</summary>
    /// <returns>The formatted error.</returns>
    public override string ToString() =>
        Line > 0 ? $"{StoreId}: {Source}:{Line}:{Column}: {Message}" : $"{StoreId}: {Source}: {Message}";
}

/// <summary>A store delivered its first set (published once per store on the event stream).</summary>
/// <param name="StoreId">The store id.</param>
/// <param name="Type">The store type.</param>
/// <param name="Kind">The store kind.</param>
/// <param name="AppCount">How many apps the set holds.</param>
/// <param name="FromCache">Whether the set came from the persistent cache (REST stores after <c>readCacheAfter</c>).</param>
public sealed record StoreLoaded(string StoreId, AppStoreType Type, StoreKind Kind, int AppCount, bool FromCache);

/// <summary>
/// A store could not be loaded within its start retries. A required store fails the boot; a non-required store is skipped
/// (this is then a warning) and keeps retrying at its poll interval. Published on the event stream.
/// </summary>
/// <param name="StoreId">The store id.</param>
/// <param name="Type">The store type.</param>
/// <param name="IsRequired">Whether the store is required.</param>
/// <param name="Cause">The last error, naming the source (file or URL) and the cause.</param>
public sealed record StoreFailed(string StoreId, AppStoreType Type, bool IsRequired, string Cause);

/// <summary>What one load or poll of a store gave.</summary>
public enum StorePollOutcome
{
    /// <summary>The content changed; a new set was sent to the registry.</summary>
    Changed,

    /// <summary>The content was the same (or the server answered 304); nothing was sent.</summary>
    Unchanged,

    /// <summary>The load failed; the last good set stays and a <see cref="StoreError"/> was published.</summary>
    Failed,
}

/// <summary>Diagnostic event after every load or poll of a store (useful for monitoring and tests).</summary>
/// <param name="StoreId">The store id.</param>
/// <param name="Outcome">What the poll gave.</param>
/// <param name="Version">The store's set version after the poll.</param>
/// <param name="AppCount">How many apps the store holds after the poll.</param>
/// <param name="FromCache">Whether the store serves its persistent cache's set (its source was not reached).</param>
public sealed record StorePolled(string StoreId, StorePollOutcome Outcome, long Version, int AppCount, bool FromCache = false);

/// <summary>The state of a store as the stores supervisor sees it.</summary>
public enum StoreState
{
    /// <summary>Not loaded yet; still trying.</summary>
    Loading,

    /// <summary>Delivered a set at least once.</summary>
    Loaded,

    /// <summary>Gave up its start retries (a non-required store keeps retrying in the background).</summary>
    Failed,
}

/// <summary>One store's state.</summary>
/// <param name="StoreId">The store id.</param>
/// <param name="Type">The store type.</param>
/// <param name="Kind">The store kind.</param>
/// <param name="IsRequired">Whether the store is required for the boot.</param>
/// <param name="State">The state.</param>
/// <param name="AppCount">How many apps it last delivered.</param>
/// <param name="LastError">The last error, or <see langword="null"/>.</param>
/// <param name="LastPolledAt">When the last load or poll ended, or <see langword="null"/> before the first.</param>
/// <param name="LastOutcome">What the last load or poll gave, or <see langword="null"/> before the first.</param>
/// <param name="FromCache">Whether the store serves its persistent cache's set because its source was not reached.</param>
/// <param name="RecentErrors">The store's latest errors, oldest first (at most <see cref="MaxRecentErrors"/>; each message cut to 2,000 characters).</param>
public sealed record StoreStatus(
    string StoreId,
    AppStoreType Type,
    StoreKind Kind,
    bool IsRequired,
    StoreState State,
    int AppCount,
    string? LastError,
    DateTimeOffset? LastPolledAt = null,
    StorePollOutcome? LastOutcome = null,
    bool FromCache = false,
    IReadOnlyList<StoreError>? RecentErrors = null)
{
    /// <summary>How many errors <see cref="RecentErrors"/> keeps.</summary>
    public const int MaxRecentErrors = 20;

    /// <summary>The status with <paramref name="error"/> as its last error, kept among the recent ones (the oldest leave first).</summary>
    /// <param name="error">The error.</param>
    /// <returns>The new status.</returns>
    public StoreStatus WithError(StoreError error)
    {
        const int maxMessage = 2000;
        var kept = error.Message.Length > maxMessage ? error with { Message = error.Message[..maxMessage] + "…" } : error;
        var recent = RecentErrors ?? [];
        var skip = Math.Max(0, recent.Count - (MaxRecentErrors - 1));
        return this with { LastError = kept.ToString(), RecentErrors = [.. recent.Skip(skip), kept] };
    }
}

/// <summary>Query to the stores supervisor: the state of every store. Reply: <see cref="StoresStatus"/>.</summary>
public sealed record GetStoresStatus
{
    /// <summary>The shared instance.</summary>
    public static GetStoresStatus Instance { get; } = new();
}

/// <summary>Reply to <see cref="GetStoresStatus"/>.</summary>
/// <param name="Stores">Every store in rule order (system stores, configured stores, server, in-memory).</param>
public sealed record StoresStatus(IReadOnlyList<StoreStatus> Stores)
{
    /// <summary>Whether every required store has loaded.</summary>
    public bool AllRequiredLoaded => Stores.All(s => !s.IsRequired || s.State == StoreState.Loaded);
}

/// <summary>
/// Asks the stores supervisor to reply once the boot can go on: <see cref="RequiredStoresLoaded"/> when every required store
/// has loaded, or <see cref="RequiredStoresFailed"/> as soon as one required store has failed its start retries or
/// <c>appStoresTimeout</c> has passed. Asking again after the answer is known replies at once.
/// </summary>
internal sealed record WaitForRequiredStores
{
    /// <summary>The shared instance.</summary>
    public static WaitForRequiredStores Instance { get; } = new();
}

/// <summary>Every required store has loaded (non-required ones may still be loading or failed).</summary>
/// <param name="Status">The stores' state at that moment.</param>
internal sealed record RequiredStoresLoaded(StoresStatus Status);

/// <summary>
/// The boot must fail: a required store could not be loaded. Also published on the event stream.
/// </summary>
/// <param name="Failures">Each required store that failed or had not loaded in time, with its cause.</param>
/// <param name="TimedOut">Whether <c>appStoresTimeout</c> passed (otherwise a store exhausted its start retries).</param>
internal sealed record RequiredStoresFailed(IReadOnlyList<StoreFailed> Failures, bool TimedOut)
{
    /// <summary>One line naming every failed store and its cause.</summary>
    public string Message =>
        (TimedOut ? "app stores did not load within appStoresTimeout: " : "a required app store could not be loaded: ")
        + string.Join("; ", Failures.Select(f => $"store '{f.StoreId}' ({f.Type.ToString().ToLowerInvariant()}): {f.Cause}"));

    /// <summary>The failure as an exception the boot can throw.</summary>
    /// <returns>An <see cref="AppStoreException"/> carrying the failures.</returns>
    public AppStoreException ToException() => new(Message, Failures);
}
