using Microsoft.Extensions.Configuration;

namespace IoActors.Platform.Configuration;

/// <summary>One entry of <c>appStores</c> or <c>systemAppStores</c> (io.Connect system.json).</summary>
public sealed class AppStoreOptions
{
    /// <summary>
    /// The store type: <c>path</c>, <c>rest</c> or <c>server</c> (system stores: path or rest). <c>server</c> places the
    /// io.Manager store (configured under <c>server</c>, which must be enabled) at this position, with this entry's
    /// <c>isRequired</c> and <c>appDefinitionOverrides</c>. The default is <see langword="null"/> (required).
    /// </summary>
    public string? Type { get; set; }

    /// <summary>
    /// The store id (an IoActors addition) used in events, in the cache file name and as the actor name: 1 to 64 ASCII
    /// letters, digits, '-', '_' or '.', unique among the stores. <see langword="null"/> means <c>store-{index}</c> in
    /// <c>appStores</c>, <c>system-{index}</c> in <c>systemAppStores</c>, and <c>server</c> for io.Manager. The default is
    /// <see langword="null"/>.
    /// </summary>
    public string? Id { get; set; }

    /// <summary>Whether a store that cannot be read stops the boot; if false the platform starts without its apps. The default is <see langword="true"/>.</summary>
    public bool IsRequired { get; set; } = true;

    /// <summary>Type-specific details (path for path stores; url, polling, cache and auth for rest stores; none for server). The default is empty details.</summary>
    public AppStoreDetailsOptions Details { get; set; } = new();

    /// <summary>
    /// Definition properties that override those of every app from this store: top-level keys directly, details keys
    /// under the app type's name (window, exe, node, ...). Kept as a configuration section because its shape is the
    /// app definition's. The default is <see langword="null"/> (no overrides).
    /// </summary>
    public IConfigurationSection? AppDefinitionOverrides { get; set; }

    /// <summary>Whether the configuration gave this entry a <c>details</c> object (a server entry must not: io.Manager is configured under <c>server</c>).</summary>
    internal bool HasDetails { get; set; }
}
