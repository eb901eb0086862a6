using Microsoft.Extensions.Configuration;

namespace IoActors.Platform.Configuration;

/// <summary>One entry of <c>appStores</c> or <c>systemAppStores</c> (io.Connect system.json).</summary>
public sealed class AppStoreOptions
{
    /// <summary>The store type: <c>path</c>, <c>rest</c> or <c>server</c> (system stores: path or rest). The default is <see langword="null"/> (required).</summary>
    public string? Type { get; set; }

    /// <summary>Whether a store that cannot be read stops the boot; if false the platform starts without its apps. The default is <see langword="true"/>.</summary>
    public bool IsRequired { get; set; } = true;

    /// <summary>Type-specific details (path for path stores; url, polling, cache and auth for rest stores). The default is empty details.</summary>
    public AppStoreDetailsOptions Details { get; set; } = new();

    /// <summary>
    /// Definition properties that override those of every app from this store: top-level keys directly, details keys
    /// under the app type's name (window, exe, node, ...). Kept as a configuration section because its shape is the
    /// app definition's. The default is <see langword="null"/> (no overrides).
    /// </summary>
    public IConfigurationSection? AppDefinitionOverrides { get; set; }
}
