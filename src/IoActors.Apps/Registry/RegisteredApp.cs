using IoActors.Apps.Definitions;

namespace IoActors.Apps.Registry;

/// <summary>An app as the registry holds it: its definition and the store it won from.</summary>
/// <param name="Definition">The validated, overridden and normalized definition.</param>
/// <param name="StoreId">The id of the store the definition comes from (e.g. <c>rest-0</c>, <c>in-memory</c>).</param>
/// <param name="StoreKind">The kind of that store; <see cref="StoreKind.System"/> marks a system app.</param>
public sealed record RegisteredApp(AppDefinition Definition, string StoreId, StoreKind StoreKind)
{
    /// <summary>The app name (the key apps are known by).</summary>
    public string Name => Definition.Name;

    /// <summary>Whether the app comes from a system app store (<c>systemAppStores</c>); the boot rules depend on it.</summary>
    public bool IsSystem => StoreKind == StoreKind.System;

    /// <summary>The canonical content hash of the definition; equal hashes mean equal content.</summary>
    public ulong ContentHash => Definition.ContentHash;
}
