namespace IoActors.Apps.Registry;

/// <summary>Checks of the registry's messages: what makes one faulty (a missing field), so it can be refused before it changes anything.</summary>
internal static class RegistryMessages
{
    public static string? Check(StoreSnapshot snapshot)
    {
        if (string.IsNullOrEmpty(snapshot.StoreId))
        {
            return "StoreId is missing";
        }

        if (snapshot.Definitions is null)
        {
            return $"Definitions of store '{snapshot.StoreId}' is missing";
        }

        for (var i = 0; i < snapshot.Definitions.Count; i++)
        {
            if (snapshot.Definitions[i] is null)
            {
                return $"Definitions[{i}] of store '{snapshot.StoreId}' is missing";
            }
        }

        return null;
    }

    public static string? Check(RemoveStore remove) => string.IsNullOrEmpty(remove.StoreId) ? "StoreId is missing" : null;

    public static string? Check(GetApp query) => query.Name is null ? "Name is missing" : null;

    public static string? Check(GetAppsByStore query) => query.StoreId is null ? "StoreId is missing" : null;

    public static string? Check(SubscribeRegistry subscribe) => subscribe.Subscriber is null ? "Subscriber is missing" : null;

    public static string? Check(UnsubscribeRegistry unsubscribe) => unsubscribe.Subscriber is null ? "Subscriber is missing" : null;
}
