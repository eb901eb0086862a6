namespace IoActors.Apps.Definitions;

/// <summary>The kind of store a definition comes from; it decides some defaults and rules.</summary>
public enum StoreKind
{
    /// <summary>A regular user app store (path, rest or server): <c>waitForInitialization</c> defaults to <c>"interopReady"</c>, the stage to <c>"user"</c>.</summary>
    Regular = 0,

    /// <summary>A system app store (<c>systemAppStores</c>): <c>waitForInitialization</c> defaults to <c>"no"</c>, the stage to <c>"core"</c>.</summary>
    System,

    /// <summary>The in-memory store fed at runtime by import: defaults as for <see cref="Regular"/>, but the pre-sso and post-sso stages are allowed.</summary>
    InMemory,
}
