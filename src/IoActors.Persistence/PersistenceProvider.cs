namespace IoActors.Persistence;

/// <summary>The database behind the journal and snapshot store.</summary>
public enum PersistenceProvider
{
    /// <summary>An SQLite file (WAL mode) in the platform data folder: the embedded default for one desktop.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, for many nodes sharing the same state.</summary>
    PostgreSql,
}
