using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace IoActors.Persistence.Sql;

/// <summary>PostgreSQL through an Npgsql data source (pooled); a batch is one INSERT … SELECT FROM unnest(arrays).</summary>
internal sealed class PostgreSqlDatabase : SqlDatabase
{
    // Arbitrary but fixed: the advisory lock every IoActors node takes while migrating ("IOAT" in ASCII).
    private const long MigrationLockKey = 1229936468;
    private const string UniqueViolation = "23505";

    private readonly NpgsqlDataSource _dataSource;

    public PostgreSqlDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Our commands leave no session state behind, so skip the reset round trip when a connection returns to the pool,
        // and let Npgsql prepare the few statements we repeat (unless the connection string says otherwise).
        builder.NoResetOnClose = true;
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 16;
        }

        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public override string SchemaFolder => "postgresql";

    public override string GreatestFunction => "GREATEST";

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    public override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = SqlCommands.Create(connection, "SELECT pg_advisory_xact_lock(@key)", transaction);
        command.Add("@key", MigrationLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: UniqueViolation };

    public override async Task WriteEventsAsync(string persistenceId, IReadOnlyList<EventRow> rows, CancellationToken cancellationToken)
    {
        // One INSERT … SELECT FROM unnest(…) statement: atomic on its own, one round trip, no explicit transaction.
        var seqs = new long[rows.Count];
        var stamps = new long[rows.Count];
        var manifests = new string[rows.Count];
        var payloads = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            (seqs[i], stamps[i], manifests[i], payloads[i]) = (rows[i].SequenceNr, rows[i].TimestampTicks, rows[i].Manifest, rows[i].Payload);
        }

        await using var command = _dataSource.CreateCommand(
            "INSERT INTO event_journal (persistence_id, sequence_nr, timestamp_ticks, manifest, payload) " +
            "SELECT $1, u.seq, u.ts, u.manifest, u.payload FROM unnest($2, $3, $4, $5) AS u(seq, ts, manifest, payload)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = seqs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = stamps, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = manifests, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
