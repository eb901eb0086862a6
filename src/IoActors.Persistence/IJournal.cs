namespace IoActors.Persistence;

/// <summary>
/// An append-only event journal keyed by persistence id and sequence number
/// (the semantics of Akka.Persistence's async write journal).
/// </summary>
/// <remarks>
/// One writer per persistence id is expected (the persistent actor that owns it). A write that reuses an
/// existing (persistence id, sequence number) fails with <see cref="JournalWriteConflictException"/>; it
/// never overwrites. The highest sequence number ever written survives deletion.
/// </remarks>
public interface IJournal
{
    /// <summary>
    /// Writes a batch of events for one persistence id atomically: all of them are stored or none is.
    /// </summary>
    /// <param name="persistenceId">The id every event in the batch belongs to.</param>
    /// <param name="batch">The events, in strictly increasing sequence number order (sequence numbers start at 1).</param>
    /// <param name="cancellationToken">Cancels the write before it commits.</param>
    /// <exception cref="ArgumentException">The batch is malformed (every problem is listed).</exception>
    /// <exception cref="JournalWriteConflictException">An event with one of the sequence numbers already exists.</exception>
    /// <exception cref="PersistenceSerializationException">An event could not be serialized.</exception>
    Task WriteAsync(string persistenceId, IReadOnlyList<PersistentRepr> batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replays stored events of <paramref name="persistenceId"/> whose sequence number lies in
    /// [<paramref name="fromSequenceNr"/>, <paramref name="toSequenceNr"/>], in order, at most
    /// <paramref name="max"/> of them. Deleted events are not replayed. An unknown id, an empty range
    /// (from &gt; to) or <paramref name="max"/> = 0 replays nothing.
    /// </summary>
    /// <param name="persistenceId">The entity whose events to replay.</param>
    /// <param name="fromSequenceNr">The lowest sequence number to replay (inclusive).</param>
    /// <param name="toSequenceNr">The highest sequence number to replay (inclusive); <see cref="long.MaxValue"/> for all.</param>
    /// <param name="max">The largest number of events to replay; <see cref="long.MaxValue"/> for no limit.</param>
    /// <param name="onReplayed">Called once per event, in sequence number order.</param>
    /// <param name="cancellationToken">Stops the replay.</param>
    /// <returns>The number of events replayed.</returns>
    /// <exception cref="PersistenceSerializationException">A stored event could not be deserialized.</exception>
    Task<long> ReplayAsync(
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        Action<PersistentRepr> onReplayed,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the highest sequence number ever written for <paramref name="persistenceId"/>, including
    /// events that have since been deleted; 0 when nothing was ever written.
    /// </summary>
    /// <param name="persistenceId">The entity to look up.</param>
    /// <param name="fromSequenceNr">A hint: the caller knows the highest is at least this (e.g. its snapshot's sequence number).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr = 0, CancellationToken cancellationToken = default);

    /// <summary>
    /// Permanently deletes the events of <paramref name="persistenceId"/> up to and including
    /// <paramref name="toSequenceNr"/> (<see cref="long.MaxValue"/> deletes them all). The highest sequence
    /// number is kept, so new events continue after it.
    /// </summary>
    /// <param name="persistenceId">The entity whose events to delete.</param>
    /// <param name="toSequenceNr">The highest sequence number to delete (inclusive).</param>
    /// <param name="cancellationToken">Cancels the delete before it commits.</param>
    Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);
}
