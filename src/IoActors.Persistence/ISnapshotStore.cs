namespace IoActors.Persistence;

/// <summary>
/// Stores snapshots of persistent state, at most one per (persistence id, sequence number)
/// (the semantics of Akka.Persistence's snapshot store).
/// </summary>
public interface ISnapshotStore
{
    /// <summary>
    /// Saves <paramref name="snapshot"/> under <paramref name="metadata"/>; a snapshot already saved at the
    /// same persistence id and sequence number is replaced.
    /// </summary>
    /// <param name="metadata">Whose snapshot it is and at which sequence number; a default timestamp is filled from the store's clock.</param>
    /// <param name="snapshot">The state to save.</param>
    /// <param name="cancellationToken">Cancels the save before it commits.</param>
    /// <returns>The metadata as stored (with its timestamp).</returns>
    /// <exception cref="PersistenceSerializationException">The snapshot could not be serialized.</exception>
    Task<SnapshotMetadata> SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default);

    /// <summary>Loads the latest (highest sequence number) snapshot matching <paramref name="criteria"/>, or null when none does.</summary>
    /// <param name="persistenceId">The entity whose snapshot to load.</param>
    /// <param name="criteria">Which snapshots qualify.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="PersistenceSerializationException">The stored snapshot could not be deserialized.</exception>
    Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);

    /// <summary>Deletes the snapshot saved at <paramref name="metadata"/>'s persistence id and sequence number (its timestamp is not compared).</summary>
    /// <param name="metadata">Identifies the snapshot.</param>
    /// <param name="cancellationToken">Cancels the delete before it commits.</param>
    Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default);

    /// <summary>Deletes every snapshot of <paramref name="persistenceId"/> matching <paramref name="criteria"/>.</summary>
    /// <param name="persistenceId">The entity whose snapshots to delete.</param>
    /// <param name="criteria">Which snapshots to delete.</param>
    /// <param name="cancellationToken">Cancels the delete before it commits.</param>
    Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default);
}
