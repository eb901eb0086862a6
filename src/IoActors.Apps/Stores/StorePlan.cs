using IoActors.Apps.Definitions;

namespace IoActors.Apps.Stores;

/// <summary>One store to start: its id, settings, kind and rank in the conflict rule.</summary>
internal sealed record StorePlan(string Id, AppStoreSettings? Settings, AppStoreType Type, StoreKind Kind, int Rank, bool IsRequired)
{
    /// <summary>Orders the stores by the conflict rule: system stores, configured stores, io.Manager, in-memory.</summary>
    public static List<StorePlan> Build(AppStoresSettings settings)
    {
        var plans = new List<StorePlan>();
        var rank = 0;
        for (var i = 0; i < settings.SystemStores.Count; i++)
        {
            var s = settings.SystemStores[i];
            plans.Add(new StorePlan(s.Id ?? AppStores.DefaultStoreId(s.Type, StoreKind.System, i), s, s.Type, StoreKind.System, rank++, s.IsRequired));
        }

        for (var i = 0; i < settings.Stores.Count; i++)
        {
            var s = settings.Stores[i];
            plans.Add(new StorePlan(s.Id ?? AppStores.DefaultStoreId(s.Type, StoreKind.Regular, i), s, s.Type, StoreKind.Regular, rank++, s.IsRequired));
        }

        if (settings.Server is { } server)
        {
            plans.Add(new StorePlan(server.Id ?? AppStores.ServerStoreId, server, AppStoreType.Server, StoreKind.Regular, rank++, server.IsRequired));
        }

        if (settings.EnableInMemoryStore)
        {
            plans.Add(new StorePlan(AppStores.InMemoryStoreId, null, AppStoreType.InMemory, StoreKind.InMemory, rank, false));
        }

        return plans;
    }
}
