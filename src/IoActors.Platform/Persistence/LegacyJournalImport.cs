using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using IoActors.Platform.Configuration;

namespace IoActors.Platform.Persistence;

/// <summary>What an import of the previous journal brought over.</summary>
/// <param name="PersistenceIds">How many persistence ids.</param>
/// <param name="Events">How many events were re-persisted.</param>
/// <param name="Snapshots">How many snapshots (the latest of each persistence id).</param>
/// <param name="Unreadable">How many events or snapshots were kept as <see cref="LegacyJournalEntry"/> (unknown type or JSON that no longer fits).</param>
internal sealed record LegacyImportResult(int PersistenceIds, long Events, long Snapshots, long Unreadable);

/// <summary>
/// Imports a data folder's previous journal into Akka.Persistence once, at first start: its tables are renamed to
/// <c>legacy_*</c> (<see cref="LegacyJournalTables"/>), then every event is re-persisted through Akka's journal under
/// its persistence id and sequence number (in atomic writes of <see cref="WriteSize"/>), a highest sequence number kept
/// by its deletes is kept again, the latest snapshot of each persistence id is saved through Akka's snapshot store, and
/// the import is recorded as done. A start that dies half-way resumes after the events already re-persisted.
/// On PostgreSQL a session advisory lock keeps nodes that start together from importing twice.
/// </summary>
internal static class LegacyJournalImport
{
    /// <summary>Events per atomic write (and per page read from the old table).</summary>
    public const int WriteSize = 100;

    private const long AdvisoryLockKey = 1229936469;
    private const int ProblemsLogged = 20;

    /// <summary>Imports the previous journal when one is pending; returns what was imported, or <see langword="null"/> when there was nothing to do.</summary>
    public static async Task<LegacyImportResult?> RunAsync(ActorSystem system, JournalDatabase database, TimeProvider time, CancellationToken cancellationToken)
    {
        var log = Logging.GetLogger(system, typeof(LegacyJournalImport).FullName);
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var postgres = database.Provider == PersistenceProvider.Postgresql;
        var tables = new LegacyJournalTables(connection, database.Provider);
        if (postgres)
        {
            await using var lockCommand = tables.Command($"SELECT pg_advisory_lock({AdvisoryLockKey})");
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            if (await tables.PrepareAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false) != LegacyImportState.Pending)
            {
                return null;
            }

            var result = await ImportAsync(new JournalClient(system), new LegacyJournalReader(tables), log, cancellationToken).ConfigureAwait(false);
            await tables.MarkDoneAsync(time.GetUtcNow(), result.Events, result.Snapshots, cancellationToken).ConfigureAwait(false);
            log.Info(
                "Imported the previous journal: {0} events and {1} snapshots of {2} persistence ids re-persisted into Akka.Persistence ({3}){4}; its tables are kept as {5}",
                result.Events,
                result.Snapshots,
                result.PersistenceIds,
                database.Provider == PersistenceProvider.Postgresql ? "PostgreSQL" : database.SqliteFile,
                result.Unreadable > 0 ? $", {result.Unreadable} of them kept as they were stored (see the warnings)" : "",
                string.Join(", ", tables.Existing.Order(StringComparer.Ordinal)));
            return result;
        }
        finally
        {
            if (postgres)
            {
                await using var unlock = tables.Command($"SELECT pg_advisory_unlock({AdvisoryLockKey})");
                await unlock.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task<LegacyImportResult> ImportAsync(JournalClient journal, LegacyJournalReader reader, ILoggingAdapter log, CancellationToken cancellationToken)
    {
        long events = 0, snapshots = 0, unreadable = 0;
        object Read(string persistenceId, long sequenceNr, string what, string manifest, string json)
        {
            var payload = LegacyPayloads.Read(manifest, json, out var problem);
            if (problem is not null && unreadable++ < ProblemsLogged)
            {
                log.Warning("Previous journal: {0} {1} of '{2}' kept as it was stored: {3}", what, sequenceNr, persistenceId, problem);
            }

            return payload;
        }

        var ids = await reader.PersistenceIdsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in ids)
        {
            var imported = await journal.ReadHighestSequenceNrAsync(id, cancellationToken).ConfigureAwait(false);
            var last = imported;
            while (true)
            {
                var page = await reader.EventsAsync(id, last, WriteSize, cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                var batch = page.Select(e => (e.SequenceNr, e.TimestampTicks, Read(id, e.SequenceNr, "event", e.Manifest, e.Payload))).ToList();
                await journal.WriteAtomicallyAsync(id, batch, cancellationToken).ConfigureAwait(false);
                events += page.Count;
                last = page[^1].SequenceNr;
            }

            // Deletes of the previous journal kept a highest sequence number above every event left: keep it again.
            var kept = await reader.KeptHighestSequenceNrAsync(id, cancellationToken).ConfigureAwait(false);
            if (kept > last)
            {
                if (imported < kept)
                {
                    await journal.WriteAtomicallyAsync(id, [(kept, 0L, new LegacyDeletedEvents())], cancellationToken).ConfigureAwait(false);
                }

                await journal.DeleteToAsync(id, kept, cancellationToken).ConfigureAwait(false);
            }

            if (await reader.LatestSnapshotAsync(id, cancellationToken).ConfigureAwait(false) is { } snapshot)
            {
                var metadata = new SnapshotMetadata(id, snapshot.SequenceNr, new DateTime(snapshot.TimestampTicks, DateTimeKind.Utc));
                await journal.SaveSnapshotAsync(metadata, Read(id, snapshot.SequenceNr, "snapshot", snapshot.Manifest, snapshot.Payload), cancellationToken).ConfigureAwait(false);
                snapshots++;
            }
        }

        return new LegacyImportResult(ids.Count, events, snapshots, unreadable);
    }
}
