using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace IoActors.Persistence.Sql;

/// <summary>SQLite: a file in WAL mode, pooled connections, BEGIN IMMEDIATE write transactions.</summary>
internal sealed class SqliteDatabase : SqlDatabase
{
    // SQLITE_CONSTRAINT (19); the extended codes 1555 (PRIMARYKEY) and 2067 (UNIQUE) share it.
    private const int SqliteConstraint = 19;
    private static int s_nativeInitialized;

    private readonly string _connectionString;
    // Serializes this process's journal writes on _writer.
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private (SqliteConnection Connection, SqliteCommand Insert)? _writer;
    // Run on every opened connection: these pragmas are per connection (WAL is per file and set once).
    private readonly string _connectionPragmas;

    public SqliteDatabase(string connectionString, TimeSpan busyTimeout)
    {
        EnsureNativeLibrary();
        _connectionString = connectionString;
        _connectionPragmas = string.Create(
            CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;");
    }

    public override string SchemaFolder => "sqlite";

    public override string GreatestFunction => "max";

    /// <summary>The path of the database file, or null for an in-memory database.</summary>
    public string? FilePath
    {
        get
        {
            var source = new SqliteConnectionStringBuilder(_connectionString).DataSource;
            return string.IsNullOrEmpty(source) || source == ":memory:" ? null : Path.GetFullPath(source);
        }
    }

    /// <summary>The connection string for <paramref name="options"/>: theirs, or the default file in the data folder.</summary>
    public static string BuildConnectionString(PersistenceOptions options)
    {
        var builder = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(options.DataFolder, PersistenceOptions.DefaultSqliteFileName) }
            : new SqliteConnectionStringBuilder(options.ConnectionString);
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        builder.Pooling = true;
        builder.DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds);
        return builder.ConnectionString;
    }

    /// <summary>
    /// Initializes SQLitePCLRaw's bundled e_sqlite3 provider once. Microsoft.Data.Sqlite does this itself when it finds
    /// the bundle; doing it explicitly keeps it working when the assembly is trimmed or loaded unusually.
    /// </summary>
    public static void EnsureNativeLibrary()
    {
        if (Interlocked.Exchange(ref s_nativeInitialized, 1) == 0)
        {
            SQLitePCL.Batteries_V2.Init();
        }
    }

    protected override Task PrepareDatabaseAsync(CancellationToken cancellationToken)
    {
        var file = FilePath;
        var folder = file is null ? null : Path.GetDirectoryName(file);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = SqlCommands.Create(connection, "PRAGMA journal_mode = WAL;");
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    protected override ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite is synchronous underneath; its async methods would only add overhead.
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = SqlCommands.Create(connection, _connectionPragmas);
            command.ExecuteNonQuery();
            return ValueTask.FromResult<DbConnection>(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask; // BEGIN IMMEDIATE already holds the database's write lock.

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint } sqlite
        && (sqlite.SqliteExtendedErrorCode is 1555 or 2067);

    public override async Task WriteEventsAsync(string persistenceId, IReadOnlyList<EventRow> rows, CancellationToken cancellationToken)
    {
        // SQLite has one writer at a time anyway: writes of this process queue here, on one connection that keeps its
        // prepared INSERT, instead of opening, configuring and preparing per write. Other processes wait on busy_timeout.
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (connection, insert) = _writer ??= await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                insert.Transaction = transaction;
                insert.Parameters[0].Value = persistenceId;
                foreach (var row in rows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    insert.Parameters[1].Value = row.SequenceNr;
                    insert.Parameters[2].Value = row.TimestampTicks;
                    insert.Parameters[3].Value = row.Manifest;
                    insert.Parameters[4].Value = row.Payload;
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }
            catch (Exception e) when (e is not SqliteException { SqliteErrorCode: SqliteConstraint })
            {
                // The connection may be unusable (I/O error, cancellation mid-transaction): start afresh next time.
                DisposeWriter();
                throw;
            }
            finally
            {
                insert.Transaction = null;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            DisposeWriter();
        }
        finally
        {
            _writeLock.Release();
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    private async ValueTask<(SqliteConnection Connection, SqliteCommand Insert)> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var insert = connection.CreateCommand();
        insert.CommandText =
            "INSERT INTO event_journal (persistence_id, sequence_nr, timestamp_ticks, manifest, payload) VALUES (@pid, @seq, @ts, @manifest, @payload)";
        insert.Parameters.Add("@pid", SqliteType.Text);
        insert.Parameters.Add("@seq", SqliteType.Integer);
        insert.Parameters.Add("@ts", SqliteType.Integer);
        insert.Parameters.Add("@manifest", SqliteType.Text);
        insert.Parameters.Add("@payload", SqliteType.Text);
        return (connection, insert);
    }

    private void DisposeWriter()
    {
        if (_writer is var (connection, insert))
        {
            insert.Dispose();
            connection.Dispose();
            _writer = null;
        }
    }
}
