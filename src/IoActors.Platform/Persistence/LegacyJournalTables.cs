using System.Data.Common;
using System.Globalization;
using IoActors.Platform.Configuration;

namespace IoActors.Platform.Persistence;

/// <summary>Where the import of the previous journal stands in a database.</summary>
internal enum LegacyImportState
{
    /// <summary>No previous journal: nothing to import.</summary>
    None,

    /// <summary>Its tables are renamed to <c>legacy_*</c> and their events are (still) to be re-persisted.</summary>
    Pending,

    /// <summary>Imported already.</summary>
    Done,
}

/// <summary>
/// The tables of the previous journal (its schema: <c>event_journal</c>, <c>journal_metadata</c>, <c>snapshot_store</c>,
/// <c>schema_version</c>) and the <c>legacy_import</c> row that records the import: renaming them to <c>legacy_*</c>
/// in one transaction moves the import to <see cref="LegacyImportState.Pending"/>, so a start that dies half-way
/// resumes it at the next start, and a finished import is never repeated.
/// </summary>
internal sealed class LegacyJournalTables
{
    /// <summary>The previous journal's tables, in the order they are renamed.</summary>
    public static readonly IReadOnlyList<string> Names = ["event_journal", "journal_metadata", "snapshot_store", "schema_version"];

    private const string ImportTable = "legacy_import";
    private readonly DbConnection _connection;
    private readonly PersistenceProvider _provider;

    public LegacyJournalTables(DbConnection connection, PersistenceProvider provider)
    {
        _connection = connection;
        _provider = provider;
    }

    /// <summary>The renamed name of a previous journal table.</summary>
    public static string Legacy(string table) => "legacy_" + table;

    /// <summary>The renamed tables that exist (a previous journal may lack some).</summary>
    public IReadOnlySet<string> Existing { get; private set; } = new HashSet<string>();

    /// <summary>
    /// Renames a previous journal's tables when they are there, and tells where the import stands. Nothing is renamed
    /// when <c>event_journal</c> is not the previous journal's (its columns differ).
    /// </summary>
    public async Task<LegacyImportState> PrepareAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tables = await TablesAsync(cancellationToken).ConfigureAwait(false);
        if (!tables.Contains(ImportTable) && tables.Contains("event_journal") && tables.Contains("schema_version") && await IsLegacyJournalAsync(cancellationToken).ConfigureAwait(false))
        {
            await RenameAsync(tables, now, cancellationToken).ConfigureAwait(false);
            tables = await TablesAsync(cancellationToken).ConfigureAwait(false);
        }

        Existing = Names.Select(Legacy).Where(tables.Contains).ToHashSet();
        if (!tables.Contains(ImportTable))
        {
            return LegacyImportState.None;
        }

        await using var query = Command($"SELECT state FROM {ImportTable} WHERE id = 1");
        var state = await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        return state == "done" ? LegacyImportState.Done : LegacyImportState.Pending;
    }

    /// <summary>Records the import as finished with its counts.</summary>
    public async Task MarkDoneAsync(DateTimeOffset now, long events, long snapshots, CancellationToken cancellationToken)
    {
        await using var update = Command($"UPDATE {ImportTable} SET state = 'done', imported_at = @at, events = @events, snapshots = @snapshots WHERE id = 1");
        Add(update, "@at", now.ToString("O", CultureInfo.InvariantCulture));
        Add(update, "@events", events);
        Add(update, "@snapshots", snapshots);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A command on the connection.</summary>
    public DbCommand Command(string sql, DbTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds a parameter.</summary>
    public static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private async Task<HashSet<string>> TablesAsync(CancellationToken cancellationToken)
    {
        var sql = _provider == PersistenceProvider.Postgresql
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            : "SELECT name FROM sqlite_master WHERE type = 'table'";
        await using var command = Command(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private async Task<bool> IsLegacyJournalAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = Command("SELECT persistence_id, sequence_nr, timestamp_ticks, manifest, payload FROM event_journal WHERE 1 = 0");
            await probe.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }

    private async Task RenameAsync(HashSet<string> tables, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var table in Names.Where(tables.Contains))
        {
            await using var rename = Command($"ALTER TABLE {table} RENAME TO {Legacy(table)}", transaction);
            await rename.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var create = Command(
            $"CREATE TABLE {ImportTable} (id integer NOT NULL PRIMARY KEY, state text NOT NULL, renamed_at text NOT NULL, imported_at text NULL, events bigint NOT NULL, snapshots bigint NOT NULL)",
            transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var insert = Command($"INSERT INTO {ImportTable} (id, state, renamed_at, events, snapshots) VALUES (1, 'pending', @at, 0, 0)", transaction))
        {
            Add(insert, "@at", now.ToString("O", CultureInfo.InvariantCulture));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
