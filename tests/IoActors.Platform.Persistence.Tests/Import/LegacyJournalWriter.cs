using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using IoActors.Platform.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IoActors.Platform.Persistence.Tests.Import;

/// <summary>
/// Writes a database the way the previous journal (IoActors.Persistence, before Akka.Persistence) wrote it: its schema
/// (<c>schema_version</c>, <c>event_journal</c>, <c>journal_metadata</c>, <c>snapshot_store</c>), each payload as JSON
/// (web defaults, fields included) under the manifest "Namespace.Type, Assembly", timestamps as UTC ticks, and deletes
/// that keep the highest deleted sequence number in <c>journal_metadata</c>.
/// </summary>
internal sealed class LegacyJournalWriter : IAsyncDisposable
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { IncludeFields = true };
    private readonly DbConnection _connection;
    private readonly PersistenceProvider _provider;

    private LegacyJournalWriter(DbConnection connection, PersistenceProvider provider)
    {
        _connection = connection;
        _provider = provider;
    }

    /// <summary>Opens the database and creates the previous journal's schema in it.</summary>
    public static async Task<LegacyJournalWriter> CreateAsync(PersistenceProvider provider, string connectionString)
    {
        DbConnection connection = provider == PersistenceProvider.Postgresql ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var writer = new LegacyJournalWriter(connection, provider);
        await writer.ExecuteAsync(writer.Schema());
        await writer.ExecuteAsync(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (0, 'schema version', @at), (1, 'journal and snapshots', @at)",
            ("@at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
        return writer;
    }

    /// <summary>Writes one event.</summary>
    public Task WriteAsync(string persistenceId, long sequenceNr, object payload, DateTimeOffset? at = null) => ExecuteAsync(
        "INSERT INTO event_journal (persistence_id, sequence_nr, timestamp_ticks, manifest, payload) VALUES (@pid, @seq, @ts, @manifest, @payload)",
        ("@pid", persistenceId),
        ("@seq", sequenceNr),
        ("@ts", (at ?? DateTimeOffset.UtcNow).UtcTicks),
        ("@manifest", Manifest(payload)),
        ("@payload", JsonSerializer.Serialize(payload, payload.GetType(), s_json)));

    /// <summary>Deletes the events up to <paramref name="toSequenceNr"/>, keeping the highest deleted number.</summary>
    public async Task DeleteToAsync(string persistenceId, long toSequenceNr)
    {
        await using var query = Command("SELECT COALESCE(MAX(sequence_nr), 0) FROM event_journal WHERE persistence_id = @pid AND sequence_nr <= @to", ("@pid", persistenceId), ("@to", toSequenceNr));
        var highest = Convert.ToInt64(await query.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        if (highest == 0)
        {
            return;
        }

        var greatest = _provider == PersistenceProvider.Postgresql ? "GREATEST" : "MAX";
        await ExecuteAsync(
            "INSERT INTO journal_metadata (persistence_id, highest_sequence_nr) VALUES (@pid, @seq) " +
            $"ON CONFLICT (persistence_id) DO UPDATE SET highest_sequence_nr = {greatest}(journal_metadata.highest_sequence_nr, excluded.highest_sequence_nr)",
            ("@pid", persistenceId),
            ("@seq", highest));
        await ExecuteAsync("DELETE FROM event_journal WHERE persistence_id = @pid AND sequence_nr <= @to", ("@pid", persistenceId), ("@to", toSequenceNr));
    }

    /// <summary>Saves a snapshot.</summary>
    public Task SaveSnapshotAsync(string persistenceId, long sequenceNr, DateTimeOffset at, object snapshot) => ExecuteAsync(
        "INSERT INTO snapshot_store (persistence_id, sequence_nr, timestamp_ticks, manifest, snapshot) VALUES (@pid, @seq, @ts, @manifest, @snapshot)",
        ("@pid", persistenceId),
        ("@seq", sequenceNr),
        ("@ts", at.UtcTicks),
        ("@manifest", Manifest(snapshot)),
        ("@snapshot", JsonSerializer.Serialize(snapshot, snapshot.GetType(), s_json)));

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private static string Manifest(object payload) => $"{payload.GetType().FullName}, {payload.GetType().Assembly.GetName().Name}";

    private string Schema()
    {
        var (text, integer, withoutRowId) = _provider == PersistenceProvider.Postgresql ? ("text", "bigint", "") : ("TEXT", "INTEGER", " WITHOUT ROWID");
        return $"""
            CREATE TABLE schema_version (version {integer} NOT NULL PRIMARY KEY, description {text} NOT NULL, applied_at {text} NOT NULL);
            CREATE TABLE event_journal (
              persistence_id {text} NOT NULL, sequence_nr {integer} NOT NULL, timestamp_ticks {integer} NOT NULL,
              manifest {text} NOT NULL, payload {text} NOT NULL, PRIMARY KEY (persistence_id, sequence_nr)){withoutRowId};
            CREATE TABLE journal_metadata (persistence_id {text} NOT NULL PRIMARY KEY, highest_sequence_nr {integer} NOT NULL);
            CREATE TABLE snapshot_store (
              persistence_id {text} NOT NULL, sequence_nr {integer} NOT NULL, timestamp_ticks {integer} NOT NULL,
              manifest {text} NOT NULL, snapshot {text} NOT NULL, PRIMARY KEY (persistence_id, sequence_nr));
            """;
    }

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    private DbCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
