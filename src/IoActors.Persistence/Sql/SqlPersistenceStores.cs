using IoActors.Persistence.Serialization;

namespace IoActors.Persistence.Sql;

/// <summary>The journal and snapshot store over one <see cref="SqlDatabase"/>.</summary>
internal sealed class SqlPersistenceStores : IPersistenceStores
{
    private readonly SqlDatabase _database;
    private readonly TimeProvider _time;

    public SqlPersistenceStores(PersistenceProvider provider, SqlDatabase database, IPersistenceSerializer serializer, TimeProvider time)
    {
        Provider = provider;
        _database = database;
        _time = time;
        Journal = new SqlJournal(database, serializer, time);
        SnapshotStore = new SqlSnapshotStore(database, serializer, time);
    }

    public PersistenceProvider Provider { get; }

    public IJournal Journal { get; }

    public ISnapshotStore SnapshotStore { get; }

    internal SqlDatabase Database => _database;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => _database.EnsureSchemaAsync(_time, cancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
