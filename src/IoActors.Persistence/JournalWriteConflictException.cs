namespace IoActors.Persistence;

/// <summary>
/// A journal write used a (persistence id, sequence number) that is already stored. Nothing of the batch
/// was written. It usually means two writers use the same persistence id.
/// </summary>
public sealed class JournalWriteConflictException : Exception
{
    /// <summary>Creates the exception for the conflicting event.</summary>
    /// <param name="persistenceId">The persistence id written to.</param>
    /// <param name="sequenceNr">The sequence number that already exists.</param>
    /// <param name="innerException">The database error, if any.</param>
    public JournalWriteConflictException(string persistenceId, long sequenceNr, Exception? innerException = null)
        : base($"Journal write conflict: an event with persistence id '{persistenceId}' and sequence number {sequenceNr} " +
               "already exists; the batch was not written (is another writer using the same persistence id?).", innerException)
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
    }

    /// <summary>The persistence id written to.</summary>
    public string PersistenceId { get; }

    /// <summary>The sequence number that already exists.</summary>
    public long SequenceNr { get; }
}
