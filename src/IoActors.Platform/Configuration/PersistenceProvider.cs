namespace IoActors.Platform.Configuration;

/// <summary>The database behind the journal and snapshot store.</summary>
public enum PersistenceProvider
{
    /// <summary><c>sqlite</c>: a local file.</summary>
    Sqlite,

    /// <summary><c>postgresql</c>: a PostgreSQL server.</summary>
    Postgresql,
}
