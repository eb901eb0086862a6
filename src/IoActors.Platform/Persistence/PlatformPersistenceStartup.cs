using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Event;
using IoActors.Platform.Configuration;
using Microsoft.Data.Sqlite;

namespace IoActors.Platform.Persistence;

/// <summary>
/// Readies the platform's persistence in a running actor system configured with <see cref="PlatformPersistenceConfig"/>:
/// creates the SQLite file's folder and switches the file to WAL (once, at start), imports a previous journal found in
/// the database (once per data folder), and starts the journal, which creates its tables on first start. Persistent
/// actors of the platform wait for it before they recover.
/// </summary>
internal static class PlatformPersistenceStartup
{
    private static readonly ConditionalWeakTable<ActorSystem, Task> s_started = new();

    /// <summary>
    /// Readies persistence in <paramref name="system"/>; the same task for every call on one system (the first call's
    /// configuration counts).
    /// </summary>
    /// <param name="system">The actor system, created with <see cref="PlatformPersistenceConfig.Create"/> or the hosting extension.</param>
    /// <param name="configuration">The platform configuration.</param>
    /// <param name="cancellationToken">Stops waiting (the work goes on for the other callers).</param>
    /// <returns>A task that completes once persistence is ready.</returns>
    /// <exception cref="InvalidOperationException">The database cannot be opened or the import failed; the message names the provider and the cause.</exception>
    public static Task StartAsync(ActorSystem system, PlatformOptions configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(configuration);
        return s_started.GetValue(system, s => RunAsync(s, configuration)).WaitAsync(cancellationToken);
    }

    private static async Task RunAsync(ActorSystem system, PlatformOptions configuration)
    {
        var database = JournalDatabase.From(configuration);
        var log = Logging.GetLogger(system, typeof(PlatformPersistenceStartup).FullName);
        try
        {
            if (database.SqliteFile is { } file)
            {
                EnableWriteAheadLog(file, database.ConnectionString, log);
            }

            await LegacyJournalImport.RunAsync(system, database, TimeProvider.System, CancellationToken.None).ConfigureAwait(false);

            // Start the journal now: it creates its tables, and an unreachable database fails the start here.
            await new JournalClient(system).ReadHighestSequenceNrAsync("ioactors-startup", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var where = database.SqliteFile is { } path ? $"SQLite journal {path}" : "PostgreSQL journal";
            log.Error(e, "Could not ready the {0}: {1}", where, e.Message);
            throw new InvalidOperationException($"ioactors.persistence: cannot open the {where} ({e.Message})", e);
        }
    }

    private static void EnableWriteAheadLog(string file, string connectionString, ILoggingAdapter log)
    {
        if (Path.GetDirectoryName(file) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            log.Warning("SQLite journal {0}: journal_mode is {1}, not WAL (the file system may not support it); writes are slower", file, mode);
        }
    }
}
