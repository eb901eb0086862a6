namespace IoActors.Persistence;

/// <summary>A snapshot loaded from the store.</summary>
/// <param name="Metadata">Whose snapshot it is, at which sequence number and when it was taken.</param>
/// <param name="Snapshot">The snapshot state.</param>
public sealed record SelectedSnapshot(SnapshotMetadata Metadata, object Snapshot);
