namespace IoActors.Persistence;

/// <summary>Identifies a snapshot: whose it is, the sequence number it was taken at, and when.</summary>
/// <param name="PersistenceId">The entity the snapshot belongs to.</param>
/// <param name="SequenceNr">The sequence number of the last event the snapshot includes.</param>
/// <param name="Timestamp">
/// When the snapshot was taken. Left at its default on save, the store fills it from its <see cref="TimeProvider"/>.
/// </param>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp = default);
