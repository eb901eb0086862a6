namespace IoActors.Kernel.Internal;

/// <summary>
/// The user-message queue of an actor: many producers, one consumer (the actor's turn), a chain of
/// <see cref="MailboxSegment"/> rings. A Tell claims a slot in the tail segment and allocates nothing while the
/// segment has room; the first segment is allocated with the first message, so an actor that never receives one
/// carries no queue at all. Per-producer order holds: a producer's messages go into the same or later segments,
/// and within a segment in the order of their positions.
/// </summary>
/// <remarks>
/// Both fields are read on every operation but written only when the chain changes (the first message, a segment
/// filling up), so the struct can live among the cell's producer-side fields.
/// </remarks>
internal struct MailboxQueue
{
    // The consumer's segment; set once from null by the producer that allocates the first segment, then only by the
    // consumer, moving to the successor of a drained, frozen segment.
    private MailboxSegment? _head;

    // The producers' segment; only ever moves to the successor of the segment it names.
    private MailboxSegment? _tail;

    /// <summary>
    /// Appends a message; any producer thread. Ends with a full fence after the message is claimed (so the caller can
    /// then read the consumer's status without another fence).
    /// </summary>
    public void Enqueue(object message, IActorRef? sender)
    {
        var segment = Volatile.Read(ref _tail);
        if (segment is null || !segment.TryEnqueue(message, sender))
        {
            EnqueueSlow(message, sender);
        }
    }

    /// <summary>Takes the oldest published message; the consumer only.</summary>
    public bool TryDequeue(out object message, out IActorRef? sender)
    {
        var segment = _head;
        if (segment is null && (segment = Volatile.Read(ref _head)) is null)
        {
            message = null!;
            sender = null;
            return false;
        }

        if (segment.TryTake(out var taken, out sender))
        {
            message = taken!;
            return true;
        }

        return TryDequeueSlow(segment, out message, out sender);
    }

    /// <summary>
    /// Whether a producer has claimed a position the consumer has not taken yet (including one not yet published);
    /// the consumer only. Called after a full fence, it sees every claim whose producer did not see that fence's write.
    /// </summary>
    public bool HasClaimed()
    {
        var segment = Volatile.Read(ref _head);
        if (segment is null)
        {
            return false;
        }

        // A successor is linked only by a producer about to put a message into it (or a later segment).
        return Volatile.Read(ref segment.Next) is not null || Volatile.Read(ref segment.Tail) != segment.Head;
    }

    private void EnqueueSlow(object message, IActorRef? sender)
    {
        var spin = new SpinWait();
        while (true)
        {
            var segment = Volatile.Read(ref _tail);
            if (segment is null)
            {
                if (Volatile.Read(ref _head) is null)
                {
                    var first = new MailboxSegment(MailboxSegment.InitialCapacity);
                    if (Interlocked.CompareExchange(ref _head, first, null) is null)
                    {
                        Volatile.Write(ref _tail, first);
                        continue;
                    }
                }

                // Another producer allocated the first segment and is about to publish it.
                spin.SpinOnce();
                continue;
            }

            if (segment.TryEnqueue(message, sender))
            {
                return;
            }

            var next = segment.Grow();
            Interlocked.CompareExchange(ref _tail, next, segment);
        }
    }

    private bool TryDequeueSlow(MailboxSegment segment, out object message, out IActorRef? sender)
    {
        var spin = new SpinWait();
        while (true)
        {
            if (segment.TryTake(out var taken, out sender))
            {
                message = taken!;
                return true;
            }

            var head = segment.Head;

            // Next before Tail: a segment with a successor is frozen, so the tail read afterwards is the frozen one.
            var next = Volatile.Read(ref segment.Next);
            var tail = Volatile.Read(ref segment.Tail);
            if (next is not null)
            {
                if (tail - segment.FreezeOffset - head <= 0)
                {
                    // Drained, and no position can be claimed in it any more.
                    _head = segment = next;
                    continue;
                }
            }
            else if (tail - head <= 0)
            {
                message = null!;
                sender = null;
                return false;
            }

            // A producer claimed the head position and is a few instructions away from publishing it (or the segment
            // is being frozen). Wait a little; if it takes longer, report nothing now (the caller sees the claim in
            // HasClaimed and comes back).
            if (spin.NextSpinWillYield)
            {
                message = null!;
                sender = null;
                return false;
            }

            spin.SpinOnce();
        }
    }
}
