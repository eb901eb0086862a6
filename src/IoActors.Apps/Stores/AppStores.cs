using IoActors.Apps.Definitions;
using IoActors.Apps.Registry;
using Akka.Actor;
using Akka.Event;

namespace IoActors.Apps.Stores;

/// <summary>
/// The composition entry of the app stores and the registry. The platform creates, under <c>/user/platform</c>, the registry
/// first and then the stores supervisor:
/// <code>
/// var registry = Context.ActorOf(AppStores.RegistryProps(), AppStores.RegistryActorName);
/// var stores = Context.ActorOf(AppStores.StoresProps(settings, registry), AppStores.StoresActorName);
/// var ready = await stores.Ask&lt;object&gt;(WaitForRequiredStores.Instance, timeout); // RequiredStoresLoaded | RequiredStoresFailed
/// </code>
/// </summary>
public static class AppStores
{
    /// <summary>The conventional name of the registry actor (<c>/user/platform/registry</c>).</summary>
    public const string RegistryActorName = "registry";

    /// <summary>The conventional name of the stores supervisor (<c>/user/platform/stores</c>).</summary>
    public const string StoresActorName = "stores";

    /// <summary>The id (and child actor name) of the in-memory store.</summary>
    public const string InMemoryStoreId = "in-memory";

    /// <summary>The default id of the io.Manager store (when its settings name none).</summary>
    public const string ServerStoreId = "server";

    /// <summary>
    /// The id of a store whose settings name none: <c>server</c> for io.Manager wherever it is listed, else
    /// <c>store-{index}</c> for a regular store and <c>system-{index}</c> for a system store (its position in
    /// <c>appStores</c> or <c>systemAppStores</c>).
    /// </summary>
    /// <param name="type">The store type.</param>
    /// <param name="kind">Regular or system.</param>
    /// <param name="index">The position in its list.</param>
    /// <returns>The id.</returns>
    public static string DefaultStoreId(AppStoreType type, StoreKind kind, int index) => type switch
    {
        AppStoreType.Server => ServerStoreId,
        AppStoreType.InMemory => InMemoryStoreId,
        _ => kind == StoreKind.System ? $"system-{index}" : $"store-{index}",
    };

    /// <summary>Checks a store id: 1 to 64 ASCII letters, digits, '-', '_' or '.', and not "." or ".." (it names an actor and a cache file).</summary>
    /// <param name="id">The id.</param>
    /// <returns><see langword="null"/> when the id is usable, else what is wrong with it (starting with the id, quoted).</returns>
    public static string? CheckStoreId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return StoreSettingsValidator.IdProblem(id);
    }

    /// <summary>Props of the registry actor, which merges the stores' sets and publishes app events.</summary>
    /// <param name="settings">The registry settings, or <see langword="null"/> for the defaults.</param>
    /// <returns>The props.</returns>
    public static Props RegistryProps(RegistrySettings? settings = null)
    {
        var s = settings ?? new RegistrySettings();
        if (s.ReplayBufferSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), s.ReplayBufferSize, "RegistrySettings.ReplayBufferSize must be at least 1.");
        }

        return Props.Create(() => new RegistryActor(s));
    }

    /// <summary>
    /// Props of the stores supervisor: it starts one child per store (ids from <see cref="StoreIds"/>), forwards the in-memory
    /// store commands to the in-memory store, answers <see cref="GetStoresStatus"/> and <see cref="WaitForRequiredStores"/>.
    /// </summary>
    /// <param name="settings">The stores.</param>
    /// <param name="registry">The registry actor the stores feed.</param>
    /// <param name="clock">
    /// The clock of <c>appStoresTimeout</c> and of HTTP request timeouts (actor timers run on Akka's scheduler). The default
    /// is <see cref="TimeProvider.System"/>.
    /// </param>
    /// <returns>The props.</returns>
    /// <exception cref="ArgumentException">The settings are invalid; the message lists every problem.</exception>
    public static Props StoresProps(AppStoresSettings settings, IActorRef registry, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(registry);
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid app store settings:" + Environment.NewLine + string.Join(Environment.NewLine, problems), nameof(settings));
        }

        var time = clock ?? TimeProvider.System;
        return Props.Create(() => new StoresActor(settings, registry, time));
    }

    /// <summary>The store ids, in conflict-rule order (system stores, configured stores, io.Manager, in-memory).</summary>
    /// <param name="settings">The stores.</param>
    /// <returns>The ids.</returns>
    public static IReadOnlyList<string> StoreIds(AppStoresSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return StorePlan.Build(settings).Select(p => p.Id).ToList();
    }
}
