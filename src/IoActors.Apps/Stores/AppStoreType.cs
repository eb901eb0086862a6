namespace IoActors.Apps.Stores;

/// <summary>The type of an app store.</summary>
public enum AppStoreType
{
    /// <summary>A folder of <c>*.json</c> definition files.</summary>
    Path,

    /// <summary>A REST service answering <c>{"applications": [...]}</c> (or an FDC3 App Directory v2 response).</summary>
    Rest,

    /// <summary>io.Manager (the top-level <c>server</c> setting).</summary>
    Server,

    /// <summary>The in-memory store fed at runtime by import.</summary>
    InMemory,
}
