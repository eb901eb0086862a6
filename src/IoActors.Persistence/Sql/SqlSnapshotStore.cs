using IoActors.Persistence.Serialization;

namespace IoActors.Persistence.Sql;

/// <summary>The provider-neutral SQL snapshot store: one row per (persistence id, sequence number), upserted on save.</summary>
internal sealed class SqlSnapshotStore : ISnapshotStore
{
    private const string CriteriaWhere =
        "persistence_id = @pid AND sequence_nr >= @minSeq AND sequence_nr <= @maxSeq AND timestamp_ticks >= @minTs AND timestamp_ticks <= @maxTs";

    private const string SaveSql =
        "INSERT INTO snapshot_store (persistence_id, sequence_nr, timestamp_ticks, manifest, snapshot) VALUES (@pid, @seq, @ts, @manifest, @snapshot) " +
        "ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET timestamp_ticks = excluded.timestamp_ticks, manifest = excluded.manifest, snapshot = excluded.snapshot";

    private const string LoadSql =
        "SELECT sequence_nr, timestamp_ticks, manifest, snapshot FROM snapshot_store WHERE " + CriteriaWhere + " ORDER BY sequence_nr DESC LIMIT 1";

    private readonly SqlDatabase _database;
    private readonly IPersistenceSerializer _serializer;
    private readonly TimeProvider _time;

    public SqlSnapshotStore(SqlDatabase database, IPersistenceSerializer serializer, TimeProvider time)
    {
        _database = database;
        _serializer = serializer;
        _time = time;
    }

    public async Task<SnapshotMetadata> SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentException.ThrowIfNullOrEmpty(metadata.PersistenceId, nameof(metadata) + "." + nameof(metadata.PersistenceId));
        ArgumentOutOfRangeException.ThrowIfNegative(metadata.SequenceNr, nameof(metadata) + "." + nameof(metadata.SequenceNr));
        ArgumentNullException.ThrowIfNull(snapshot);
        var stored = metadata.Timestamp == default ? metadata with { Timestamp = _time.GetUtcNow() } : metadata;
        SerializedPayload payload;
        try
        {
            payload = _serializer.Serialize(snapshot);
        }
        catch (PersistenceSerializationException e)
        {
            throw new PersistenceSerializationException(
                $"The snapshot of '{metadata.PersistenceId}' at {metadata.SequenceNr} cannot be serialized. {e.Message}",
                e.Manifest, metadata.PersistenceId, metadata.SequenceNr, e);
        }

        var connection = await _database.OpenAsync(_time, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = SqlCommands.Create(connection, SaveSql);
            command.Add("@pid", stored.PersistenceId);
            command.Add("@seq", stored.SequenceNr);
            command.Add("@ts", stored.Timestamp.UtcTicks);
            command.Add("@manifest", payload.Manifest);
            command.Add("@snapshot", payload.Data);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return stored;
    }

    public async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        var connection = await _database.OpenAsync(_time, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = SqlCommands.Create(connection, LoadSql);
            AddCriteria(command, persistenceId, criteria);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                var sequenceNr = reader.GetInt64(0);
                var manifest = reader.GetString(2);
                object snapshot;
                try
                {
                    snapshot = _serializer.Deserialize(new SerializedPayload(manifest, reader.GetString(3)));
                }
                catch (PersistenceSerializationException e)
                {
                    throw new PersistenceSerializationException(
                        $"The snapshot of '{persistenceId}' at {sequenceNr} cannot be deserialized. {e.Message}", manifest, persistenceId, sequenceNr, e);
                }

                var metadata = new SnapshotMetadata(persistenceId, sequenceNr, new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero));
                return new SelectedSnapshot(metadata, snapshot);
            }
        }
    }

    public async Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentException.ThrowIfNullOrEmpty(metadata.PersistenceId, nameof(metadata) + "." + nameof(metadata.PersistenceId));
        var connection = await _database.OpenAsync(_time, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = SqlCommands.Create(connection, "DELETE FROM snapshot_store WHERE persistence_id = @pid AND sequence_nr = @seq");
            command.Add("@pid", metadata.PersistenceId);
            command.Add("@seq", metadata.SequenceNr);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        var connection = await _database.OpenAsync(_time, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = SqlCommands.Create(connection, "DELETE FROM snapshot_store WHERE " + CriteriaWhere);
            AddCriteria(command, persistenceId, criteria);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void AddCriteria(System.Data.Common.DbCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        command.Add("@pid", persistenceId);
        command.Add("@minSeq", criteria.MinSequenceNr);
        command.Add("@maxSeq", criteria.MaxSequenceNr);
        command.Add("@minTs", criteria.MinTimestamp.UtcTicks);
        command.Add("@maxTs", criteria.MaxTimestamp.UtcTicks);
    }
}
