using IoActors.Apps.Definitions;

namespace IoActors.Apps.Stores;

/// <summary>Settings every app store has (one entry of <c>appStores</c> or <c>systemAppStores</c>).</summary>
public abstract record AppStoreSettings
{
    /// <summary>The largest payload the store reads, in bytes: a REST or io.Manager response, or one file of a path store.
    /// A bigger one is rejected as a whole (the last good set stays) with a store error naming its size.</summary>
    public const long DefaultMaxPayloadSize = 64L * 1024 * 1024;

    /// <summary>
    /// The store id used in events, in the cache file name and as the actor name; <see langword="null"/> uses the default,
    /// <see cref="AppStores.DefaultStoreId"/>: <c>store-0</c>, <c>store-1</c>, ... by position in <c>appStores</c>,
    /// <c>system-0</c>, ... in <c>systemAppStores</c>, and <c>server</c> for io.Manager. An id has 1 to 64 ASCII letters,
    /// digits, '-', '_' or '.', is not "." or "..", and is unique among the stores. The default is <see langword="null"/>.
    /// </summary>
    public string? Id { get; init; }

    /// <summary>Whether the boot fails when the store cannot be loaded (<c>isRequired</c>). The default is <see langword="true"/>.</summary>
    public bool IsRequired { get; init; } = true;

    /// <summary>The store's <c>appDefinitionOverrides</c>, applied to every definition it loads. The default is <see langword="null"/> (none).</summary>
    public AppDefinitionOverrides? Overrides { get; init; }

    /// <summary>The largest payload read, in bytes (<c>maxPayloadSize</c>): a response of a remote store, one file of a path
    /// store. The default is <see cref="DefaultMaxPayloadSize"/> (64 MiB).</summary>
    public long MaxPayloadSize { get; init; } = DefaultMaxPayloadSize;

    /// <summary>The store type.</summary>
    public abstract AppStoreType Type { get; }
}
