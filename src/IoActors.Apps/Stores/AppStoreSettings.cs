using IoActors.Apps.Definitions;

namespace IoActors.Apps.Stores;

/// <summary>Settings every app store has (one entry of <c>appStores</c> or <c>systemAppStores</c>).</summary>
public abstract record AppStoreSettings
{
    /// <summary>The store id used in events and as the actor name; <see langword="null"/> derives one from the type and position
    /// (<c>path-0</c>, <c>rest-1</c>, <c>system-path-0</c>, <c>server</c>). The default is <see langword="null"/>.</summary>
    public string? Id { get; init; }

    /// <summary>Whether the boot fails when the store cannot be loaded (<c>isRequired</c>). The default is <see langword="true"/>.</summary>
    public bool IsRequired { get; init; } = true;

    /// <summary>The store's <c>appDefinitionOverrides</c>, applied to every definition it loads. The default is <see langword="null"/> (none).</summary>
    public AppDefinitionOverrides? Overrides { get; init; }

    /// <summary>The store type.</summary>
    public abstract AppStoreType Type { get; }
}
