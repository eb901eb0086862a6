namespace IoActors.Apps.Stores;

/// <summary>Everything the stores supervisor needs: the configured stores, the system stores, io.Manager and the in-memory store.</summary>
public sealed record AppStoresSettings
{
    /// <summary>The regular stores (<c>appStores</c>), path, rest or server, in configuration order. The default is none.</summary>
    public IReadOnlyList<AppStoreSettings> Stores { get; init; } = [];

    /// <summary>The system stores (<c>systemAppStores</c>), path or rest only: loaded once, not monitored, their apps are system apps. The default is none.</summary>
    public IReadOnlyList<AppStoreSettings> SystemStores { get; init; } = [];

    /// <summary>
    /// io.Manager (<c>server</c> with <c>enabled: true</c>), added after <see cref="Stores"/>; <see langword="null"/> when disabled or
    /// when it is listed in <see cref="Stores"/> (a <c>{ "type": "server" }</c> entry of <c>appStores</c>, at its place). The default is
    /// <see langword="null"/>.
    /// </summary>
    public ServerStoreSettings? Server { get; init; }

    /// <summary>Whether the in-memory store exists (it is never required). The default is <see langword="true"/>.</summary>
    public bool EnableInMemoryStore { get; init; } = true;

    /// <summary>How long the boot waits in total for the required stores (<c>appStoresTimeout</c>). The default is 120 s.</summary>
    public TimeSpan AppStoresTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Checks the settings and reports every problem at once.</summary>
    /// <returns>One line per problem naming the store, the field, the value and the rule; empty when valid.</returns>
    public IReadOnlyList<string> Validate() => StoreSettingsValidator.Validate(this);
}
