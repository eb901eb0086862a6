using Akka.Actor;
using Akka.Persistence;
using IoActors.Platform.Configuration;
using IoActors.Platform.Persistence;
using Npgsql;

namespace IoActors.Manager.Cluster;

/// <summary>
/// Readies the shared PostgreSQL database under a session-level advisory lock: nodes that start together would
/// otherwise create the journal and snapshot tables at the same moment, and PostgreSQL refuses the second
/// <c>CREATE TABLE IF NOT EXISTS</c> of a racing pair (a duplicate <c>pg_type</c> row).
/// </summary>
internal static class SchemaLock
{
    private const long LockKey = 0x496f4163746f7273; // "IoActors"

    public static async Task ReadyAsync(ActorSystem system, PlatformOptions persistence, string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", LockKey);
            take.CommandTimeout = 120;
            await take.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        try
        {
            // The journal creates its tables at its first use; so does the snapshot store.
            await PlatformPersistenceStartup.StartAsync(system, persistence, ct).ConfigureAwait(false);
            var snapshots = Akka.Persistence.Persistence.Instance.Apply(system).SnapshotStoreFor(PlatformPersistenceConfig.SnapshotPluginId);
            var answer = await snapshots.Ask<object>(new LoadSnapshot("ioactors-manager-startup", SnapshotSelectionCriteria.Latest, long.MaxValue), TimeSpan.FromSeconds(60), ct).ConfigureAwait(false);
            if (answer is LoadSnapshotFailed failed)
            {
                throw new InvalidOperationException($"manager.persistence: the snapshot store cannot be used ({failed.Cause.Message})", failed.Cause);
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", LockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
