namespace IoActors.Persistence;

/// <summary>
/// One event as the journal stores it: the payload with the persistence id and sequence number it was
/// written under, the time it was written and the serializer's type manifest.
/// </summary>
/// <param name="PersistenceId">The id of the entity the event belongs to.</param>
/// <param name="SequenceNr">The event's position in that entity's stream, starting at 1.</param>
/// <param name="Payload">The event itself.</param>
public sealed record PersistentRepr(string PersistenceId, long SequenceNr, object Payload)
{
    /// <summary>
    /// When the event was written. Left at its default on write, the journal fills it from its
    /// <see cref="TimeProvider"/>; on replay it is the stored time.
    /// </summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The serializer's type manifest; filled by the journal on replay, ignored on write.</summary>
    public string Manifest { get; init; } = "";
}
