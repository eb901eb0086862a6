using IoActors.Persistence.Serialization;
using IoActors.Persistence.Sql;

namespace IoActors.Persistence;

/// <summary>Creates the journal and snapshot store for the configured database.</summary>
public static class PersistenceFactory
{
    /// <summary>Creates the stores described by <paramref name="options"/> (validated first).</summary>
    /// <param name="options">The provider, connection string and serializer.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static IPersistenceStores Create(PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var serializer = options.Serializer ?? new JsonPersistenceSerializer();
        var time = options.TimeProvider ?? TimeProvider.System;
        SqlDatabase database = options.Provider switch
        {
            PersistenceProvider.PostgreSql => new PostgreSqlDatabase(options.ConnectionString!),
            _ => new SqliteDatabase(SqliteDatabase.BuildConnectionString(options), options.BusyTimeout),
        };
        return new SqlPersistenceStores(options.Provider, database, serializer, time);
    }
}
