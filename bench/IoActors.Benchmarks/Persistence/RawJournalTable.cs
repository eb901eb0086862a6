using System.Data.Common;
using IoActors.Platform.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IoActors.Benchmarks.Persistence;

/// <summary>
/// The in-run baseline of the Akka journal benchmarks: the same rows (persistence id, sequence number, timestamp,
/// manifest, serializer id, the serialized event) written and read with plain ADO.NET (Microsoft.Data.Sqlite / Npgsql)
/// in a table of the same database, in atomic batches of 100, with nothing in between.
/// </summary>
internal sealed class RawJournalTable
{
    private const string Create =
        "CREATE TABLE IF NOT EXISTS bench_journal (persistence_id varchar(255) NOT NULL, sequence_nr bigint NOT NULL, created bigint NOT NULL, " +
        "manifest varchar(500) NOT NULL, identifier integer NOT NULL, message {0} NOT NULL, PRIMARY KEY (persistence_id, sequence_nr))";

    private const string Insert =
        "INSERT INTO bench_journal (persistence_id, sequence_nr, created, manifest, identifier, message) VALUES (@pid, @seq, @created, @manifest, @identifier, @message)";

    private const string InsertPositional =
        "INSERT INTO bench_journal (persistence_id, sequence_nr, created, manifest, identifier, message) VALUES ($1, $2, $3, $4, $5, $6)";

    private readonly PersistenceProvider _provider;
    private readonly string _connectionString;

    public RawJournalTable(PersistenceProvider provider, string connectionString)
    {
        _provider = provider;
        _connectionString = connectionString;
    }

    public async Task CreateAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, Create, _provider == PersistenceProvider.Postgresql ? "bytea" : "blob");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Writes the rows in atomic batches (one transaction each; on PostgreSQL one round trip each).</summary>
    public async Task WriteAsync(string pid, IEnumerable<IReadOnlyList<(long Seq, string Manifest, int Identifier, byte[] Message)>> batches)
    {
        await using var connection = await OpenAsync();
        foreach (var batch in batches)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            if (connection is NpgsqlConnection postgres)
            {
                await using var npgsqlBatch = new NpgsqlBatch(postgres, (NpgsqlTransaction)transaction);
                foreach (var row in batch)
                {
                    var command = new NpgsqlBatchCommand(InsertPositional);
                    command.Parameters.Add(new NpgsqlParameter { Value = pid });
                    command.Parameters.Add(new NpgsqlParameter { Value = row.Seq });
                    command.Parameters.Add(new NpgsqlParameter { Value = DateTime.UtcNow.Ticks });
                    command.Parameters.Add(new NpgsqlParameter { Value = row.Manifest });
                    command.Parameters.Add(new NpgsqlParameter { Value = row.Identifier });
                    command.Parameters.Add(new NpgsqlParameter { Value = row.Message });
                    npgsqlBatch.BatchCommands.Add(command);
                }

                await npgsqlBatch.ExecuteNonQueryAsync();
            }
            else
            {
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = Insert;
                var parameters = new[] { "@pid", "@seq", "@created", "@manifest", "@identifier", "@message" }.Select(n =>
                {
                    var p = insert.CreateParameter();
                    p.ParameterName = n;
                    insert.Parameters.Add(p);
                    return p;
                }).ToArray();
                foreach (var row in batch)
                {
                    parameters[0].Value = pid;
                    parameters[1].Value = row.Seq;
                    parameters[2].Value = DateTime.UtcNow.Ticks;
                    parameters[3].Value = row.Manifest;
                    parameters[4].Value = row.Identifier;
                    parameters[5].Value = row.Message;
                    await insert.ExecuteNonQueryAsync();
                }
            }

            await transaction.CommitAsync();
        }
    }

    /// <summary>Reads every row of <paramref name="pid"/> in order and hands each to <paramref name="onRow"/>.</summary>
    public async Task<long> ReadAsync(string pid, Action<string, byte[]> onRow)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence_nr, manifest, message FROM bench_journal WHERE persistence_id = @pid ORDER BY sequence_nr";
        var p = command.CreateParameter();
        p.ParameterName = "@pid";
        p.Value = pid;
        command.Parameters.Add(p);
        await using var reader = await command.ExecuteReaderAsync();
        long count = 0;
        while (await reader.ReadAsync())
        {
            onRow(reader.GetString(1), (byte[])reader.GetValue(2));
            count++;
        }

        return count;
    }

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = _provider == PersistenceProvider.Postgresql ? new NpgsqlConnection(_connectionString) : new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
