namespace IoActors.Persistence;

/// <summary>An event or snapshot could not be serialized or deserialized.</summary>
public sealed class PersistenceSerializationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="manifest">The type manifest involved.</param>
    /// <param name="persistenceId">The persistence id involved, when known.</param>
    /// <param name="sequenceNr">The sequence number involved, when known.</param>
    /// <param name="innerException">The serializer's error, if any.</param>
    public PersistenceSerializationException(
        string message, string manifest, string? persistenceId = null, long? sequenceNr = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Manifest = manifest;
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
    }

    /// <summary>The type manifest involved.</summary>
    public string Manifest { get; }

    /// <summary>The persistence id involved, when known.</summary>
    public string? PersistenceId { get; }

    /// <summary>The sequence number involved, when known.</summary>
    public long? SequenceNr { get; }
}
