namespace IoActors.Platform.Hosting;

/// <summary>
/// Where the platform's persistent actors keep their events and snapshots: Akka.Persistence plugin ids, so a platform
/// hosted in another actor system uses its own plugins whatever that system's defaults are.
/// </summary>
/// <param name="Persists">
/// Whether the platform persists (<c>ioactors.inMemoryStore.persist</c>): the in-memory imports, the remote stores' last
/// good sets and the instance processes are journaled only then; the instance history and boot reports always run as
/// persistent actors, on Akka's in-memory journal when the platform does not persist.
/// </param>
/// <param name="JournalPluginId">The journal plugin's configuration path.</param>
/// <param name="SnapshotPluginId">The snapshot store plugin's configuration path.</param>
internal sealed record PlatformJournal(bool Persists, string JournalPluginId, string SnapshotPluginId)
{
    /// <summary>Akka's in-memory journal and snapshot store: nothing outlives the process.</summary>
    public static PlatformJournal InMemory { get; } = new(false, "akka.persistence.journal.inmem", "akka.persistence.snapshot-store.inmem");
}
