using System.Data.Common;

namespace IoActors.Persistence.Sql;

/// <summary>
/// What differs between databases: opening connections, write transactions, the batch insert, error codes and
/// the few SQL spellings that are not shared. The journal and snapshot store above it are provider-neutral.
/// </summary>
internal abstract class SqlDatabase : IAsyncDisposable
{
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    // Set once the schema is known to be current, so later opens skip the migrator.
    private volatile bool _schemaReady;

    /// <summary>The folder of this provider's scripts under the embedded "schema/" resources.</summary>
    public abstract string SchemaFolder { get; }

    /// <summary>The two-argument maximum function ("max" in SQLite, "GREATEST" in PostgreSQL).</summary>
    public abstract string GreatestFunction { get; }

    /// <summary>Opens a connection, creating or migrating the schema first on the first call.</summary>
    public async ValueTask<DbConnection> OpenAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        if (!_schemaReady)
        {
            await EnsureSchemaAsync(time, cancellationToken).ConfigureAwait(false);
        }

        return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates or migrates the schema unless that was done already.</summary>
    public async Task EnsureSchemaAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await PrepareDatabaseAsync(cancellationToken).ConfigureAwait(false);
            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await SchemaMigrator.MigrateAsync(this, connection, time, cancellationToken).ConfigureAwait(false);
            }

            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    /// <summary>Opens a pooled connection configured for use.</summary>
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>One-time work before the migrator runs (SQLite: create the folder, switch to WAL).</summary>
    protected virtual Task PrepareDatabaseAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Begins a transaction that holds the write lock from its start.</summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Serializes migrations across processes, inside the migration transaction.</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="exception"/> is a primary-key / unique violation.</summary>
    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>
    /// Inserts the rows of one persistence id atomically (all or none). A taken (persistence id, sequence number)
    /// surfaces as a <see cref="DbException"/> for which <see cref="IsUniqueViolation"/> is true.
    /// </summary>
    public abstract Task WriteEventsAsync(string persistenceId, IReadOnlyList<EventRow> rows, CancellationToken cancellationToken);

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        _schemaLock.Dispose();
        return ValueTask.CompletedTask;
    }
}
