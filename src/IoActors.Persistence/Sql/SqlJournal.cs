using System.Data.Common;
using System.Globalization;
using IoActors.Persistence.Serialization;

namespace IoActors.Persistence.Sql;

/// <summary>The provider-neutral SQL event journal (see the schema scripts for ordering and concurrency).</summary>
internal sealed class SqlJournal : IJournal
{
    private const string ReplaySql =
        "SELECT sequence_nr, timestamp_ticks, manifest, payload FROM event_journal " +
        "WHERE persistence_id = @pid AND sequence_nr >= @from AND sequence_nr <= @to ORDER BY sequence_nr LIMIT @max";

    private const string HighestSql =
        "SELECT (SELECT COALESCE(MAX(sequence_nr), 0) FROM event_journal WHERE persistence_id = @pid), " +
        "(SELECT COALESCE(MAX(highest_sequence_nr), 0) FROM journal_metadata WHERE persistence_id = @pid)";

    private readonly SqlDatabase _database;
    private readonly IPersistenceSerializer _serializer;
    private readonly TimeProvider _time;
    private readonly string _keepHighestSql;

    public SqlJournal(SqlDatabase database, IPersistenceSerializer serializer, TimeProvider time)
    {
        _database = database;
        _serializer = serializer;
        _time = time;
        _keepHighestSql =
            "INSERT INTO journal_metadata (persistence_id, highest_sequence_nr) VALUES (@pid, @seq) " +
            $"ON CONFLICT (persistence_id) DO UPDATE SET highest_sequence_nr = {database.GreatestFunction}(journal_metadata.highest_sequence_nr, excluded.highest_sequence_nr)";
    }

    public async Task WriteAsync(string persistenceId, IReadOnlyList<PersistentRepr> batch, CancellationToken cancellationToken = default)
    {
        Validate(persistenceId, batch);
        if (batch.Count == 0)
        {
            return;
        }

        // Serialize everything first: a value that cannot be serialized fails the batch before anything is written.
        var now = _time.GetUtcNow().UtcTicks;
        var rows = new EventRow[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var repr = batch[i];
            SerializedPayload payload;
            try
            {
                payload = _serializer.Serialize(repr.Payload);
            }
            catch (PersistenceSerializationException e)
            {
                throw new PersistenceSerializationException(
                    $"Event {repr.SequenceNr} of '{persistenceId}' cannot be serialized; the batch was not written. {e.Message}",
                    e.Manifest, persistenceId, repr.SequenceNr, e);
            }

            rows[i] = new EventRow(repr.SequenceNr, repr.Timestamp == default ? now : repr.Timestamp.UtcTicks, payload.Manifest, payload.Data);
        }

        await _database.EnsureSchemaAsync(_time, cancellationToken).ConfigureAwait(false);
        try
        {
            await _database.WriteEventsAsync(persistenceId, rows, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (_database.IsUniqueViolation(e))
        {
            // Nothing was written; find which sequence number was taken, for the message.
            long? conflicting;
            var connection = await _database.OpenAsync(_time, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                conflicting = await FindExistingAsync(connection, persistenceId, rows, cancellationToken).ConfigureAwait(false);
            }

            throw new JournalWriteConflictException(persistenceId, conflicting ?? rows[0].SequenceNr, e);
        }
    }

    public async Task<long> ReplayAsync(
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        Action<PersistentRepr> onReplayed,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(onReplayed);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (max == 0 || fromSequenceNr > toSequenceNr)
        {
            return 0;
        }

        var connection = await _database.OpenAsync(_time, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = SqlCommands.Create(connection, ReplaySql);
            command.Add("@pid", persistenceId);
            command.Add("@from", fromSequenceNr);
            command.Add("@to", toSequenceNr);
            command.Add("@max", max);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                long count = 0;
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var sequenceNr = reader.GetInt64(0);
                    var manifest = reader.GetString(2);
                    object payload;
                    try
                    {
                        payload = _serializer.Deserialize(new SerializedPayload(manifest, reader.GetString(3)));
                    }
                    catch (PersistenceSerializationException e)
                    {
                        throw new PersistenceSerializationException(
                            $"Event {sequenceNr} of '{persistenceId}' cannot be deserialized. {e.Message}", manifest, persistenceId, sequenceNr, e);
                    }

                    onReplayed(new PersistentRepr(persistenceId, sequenceNr, payload)
                    {
                        Timestamp = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
                        Manifest = manifest,
                    });
                    count++;
                }

                return count;
            }
        }
    }

    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        var connection = await _database.OpenAsync(_time, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = SqlCommands.Create(connection, HighestSql);
            command.Add("@pid", persistenceId);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                return Math.Max(fromSequenceNr, Math.Max(reader.GetInt64(0), reader.GetInt64(1)));
            }
        }
    }

    public async Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        if (toSequenceNr < 1)
        {
            return;
        }

        var connection = await _database.OpenAsync(_time, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await _database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                long highestDeleted;
                await using (var query = SqlCommands.Create(
                    connection, "SELECT COALESCE(MAX(sequence_nr), 0) FROM event_journal WHERE persistence_id = @pid AND sequence_nr <= @to", transaction))
                {
                    query.Add("@pid", persistenceId);
                    query.Add("@to", toSequenceNr);
                    highestDeleted = Convert.ToInt64(await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                }

                if (highestDeleted > 0)
                {
                    // Remember the highest deleted number, so that deleting the newest events never lowers the highest.
                    await using (var keep = SqlCommands.Create(connection, _keepHighestSql, transaction))
                    {
                        keep.Add("@pid", persistenceId);
                        keep.Add("@seq", highestDeleted);
                        await keep.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await using var delete = SqlCommands.Create(
                        connection, "DELETE FROM event_journal WHERE persistence_id = @pid AND sequence_nr <= @to", transaction);
                    delete.Add("@pid", persistenceId);
                    delete.Add("@to", toSequenceNr);
                    await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void Validate(string persistenceId, IReadOnlyList<PersistentRepr> batch)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(batch);
        var problems = new List<string>();
        long previous = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var repr = batch[i];
            if (repr is null)
            {
                problems.Add($"batch[{i}]: value is null; every entry must be an event.");
                continue;
            }

            if (repr.PersistenceId != persistenceId)
            {
                problems.Add($"batch[{i}].PersistenceId: value '{repr.PersistenceId}' differs from the batch's persistence id '{persistenceId}'.");
            }

            if (repr.SequenceNr < 1)
            {
                problems.Add($"batch[{i}].SequenceNr: value {repr.SequenceNr} must be at least 1.");
            }
            else if (repr.SequenceNr <= previous)
            {
                problems.Add($"batch[{i}].SequenceNr: value {repr.SequenceNr} must be greater than the previous entry's {previous}.");
            }

            if (repr.Payload is null)
            {
                problems.Add($"batch[{i}].Payload: value is null; an event must have a payload.");
            }

            previous = Math.Max(previous, repr.SequenceNr);
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"Invalid journal batch for '{persistenceId}':" + Environment.NewLine + string.Join(Environment.NewLine, problems), nameof(batch));
        }
    }

    private static async Task<long?> FindExistingAsync(DbConnection connection, string persistenceId, EventRow[] rows, CancellationToken cancellationToken)
    {
        var wanted = rows.Select(r => r.SequenceNr).ToHashSet();
        await using var command = SqlCommands.Create(
            connection,
            "SELECT sequence_nr FROM event_journal WHERE persistence_id = @pid AND sequence_nr >= @from AND sequence_nr <= @to ORDER BY sequence_nr");
        command.Add("@pid", persistenceId);
        command.Add("@from", rows[0].SequenceNr);
        command.Add("@to", rows[^1].SequenceNr);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var existing = reader.GetInt64(0);
                if (wanted.Contains(existing))
                {
                    return existing;
                }
            }
        }

        return null;
    }
}
