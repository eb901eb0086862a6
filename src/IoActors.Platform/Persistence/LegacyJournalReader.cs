using System.Data.Common;

namespace IoActors.Platform.Persistence;

/// <summary>An event of the previous journal as stored.</summary>
internal readonly record struct LegacyEvent(long SequenceNr, long TimestampTicks, string Manifest, string Payload);

/// <summary>
/// Reads the renamed tables of the previous journal (<see cref="LegacyJournalTables"/>): its persistence ids, their
/// events page by page (bounded memory however long the journal), the highest sequence number its deletes kept, and
/// the latest snapshot of each. Timestamps are UTC ticks, as it stored them.
/// </summary>
internal sealed class LegacyJournalReader
{
    private readonly LegacyJournalTables _tables;

    public LegacyJournalReader(LegacyJournalTables tables)
    {
        _tables = tables;
    }

    private bool Has(string table) => _tables.Existing.Contains(LegacyJournalTables.Legacy(table));

    /// <summary>Every persistence id with events, kept sequence numbers or snapshots, in order.</summary>
    public async Task<IReadOnlyList<string>> PersistenceIdsAsync(CancellationToken cancellationToken)
    {
        var parts = new[] { "event_journal", "journal_metadata", "snapshot_store" }
            .Where(Has)
            .Select(t => $"SELECT persistence_id FROM {LegacyJournalTables.Legacy(t)}")
            .ToList();
        if (parts.Count == 0)
        {
            return [];
        }

        await using var command = _tables.Command(string.Join(" UNION ", parts) + " ORDER BY 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Up to <paramref name="max"/> events of <paramref name="persistenceId"/> after <paramref name="afterSequenceNr"/>, in order.</summary>
    public async Task<IReadOnlyList<LegacyEvent>> EventsAsync(string persistenceId, long afterSequenceNr, int max, CancellationToken cancellationToken)
    {
        if (!Has("event_journal"))
        {
            return [];
        }

        await using var command = _tables.Command(
            "SELECT sequence_nr, timestamp_ticks, manifest, payload FROM legacy_event_journal " +
            "WHERE persistence_id = @pid AND sequence_nr > @after ORDER BY sequence_nr LIMIT @max");
        LegacyJournalTables.Add(command, "@pid", persistenceId);
        LegacyJournalTables.Add(command, "@after", afterSequenceNr);
        LegacyJournalTables.Add(command, "@max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<LegacyEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new LegacyEvent(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3)));
        }

        return events;
    }

    /// <summary>The highest sequence number the previous journal kept for deleted events of <paramref name="persistenceId"/> (0 when none).</summary>
    public async Task<long> KeptHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken)
    {
        if (!Has("journal_metadata"))
        {
            return 0;
        }

        await using var command = _tables.Command("SELECT COALESCE(MAX(highest_sequence_nr), 0) FROM legacy_journal_metadata WHERE persistence_id = @pid");
        LegacyJournalTables.Add(command, "@pid", persistenceId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The latest snapshot of <paramref name="persistenceId"/>, or <see langword="null"/>.</summary>
    public async Task<LegacyEvent?> LatestSnapshotAsync(string persistenceId, CancellationToken cancellationToken)
    {
        if (!Has("snapshot_store"))
        {
            return null;
        }

        await using var command = _tables.Command(
            "SELECT sequence_nr, timestamp_ticks, manifest, snapshot FROM legacy_snapshot_store WHERE persistence_id = @pid ORDER BY sequence_nr DESC LIMIT 1");
        LegacyJournalTables.Add(command, "@pid", persistenceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new LegacyEvent(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3))
            : null;
    }
}
