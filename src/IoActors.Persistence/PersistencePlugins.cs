namespace IoActors.Persistence;

/// <summary>The journal and snapshot store persistent actors of one actor system use.</summary>
/// <param name="Journal">The event journal.</param>
/// <param name="SnapshotStore">The snapshot store.</param>
public sealed record PersistencePlugins(IJournal Journal, ISnapshotStore SnapshotStore);
