using System.Runtime.InteropServices;

namespace IoActors.Kernel.Internal;

/// <summary>One slot of a <see cref="MailboxSegment"/>: the message, its sender and the slot's sequence number.</summary>
internal struct MailboxSlot
{
    public object? Message;

    public IActorRef? Sender;

    /// <summary>
    /// Equal to the slot's next position when the slot is free for that position, that position + 1 once a producer has
    /// published its message there.
    /// </summary>
    public int Sequence;
}

/// <summary>
/// A ring of slots in the user-message queue of an actor (see <see cref="MailboxQueue"/>). Producers claim a position
/// with a compare-and-swap on <see cref="Tail"/> and publish the slot through its sequence number; the single
/// consumer reads positions in order from <see cref="Head"/> and frees each slot for the next lap, so a segment that
/// never fills is reused indefinitely. A full segment is frozen (no position can be claimed in it any more) and a
/// successor linked behind it, which the consumer moves to once the frozen segment is drained.
/// </summary>
/// <remarks>
/// Positions are ints that wrap; they are only compared through differences. The consumer's fields and the
/// producers' fields lie 64 bytes apart, so the head the consumer writes on every message never shares a cache line
/// with the tail producers swap; each side has its own copy of the (read-only) slot array and mask.
/// </remarks>
[StructLayout(LayoutKind.Explicit)]
internal sealed class MailboxSegment
{
    /// <summary>The capacity of an actor's first segment, allocated with its first user message.</summary>
    public const int InitialCapacity = 2;

    /// <summary>Segments double up to this capacity; beyond it, a full segment is followed by one of the same size.</summary>
    public const int MaxCapacity = 128;

    // Consumer side.
    [FieldOffset(0)]
    private readonly MailboxSlot[] _consumerSlots;

    /// <summary>The successor, linked (once) after this segment was frozen.</summary>
    [FieldOffset(8)]
    public MailboxSegment? Next;

    [FieldOffset(16)]
    private readonly int _consumerMask;

    /// <summary>The next position to consume; owned by the consumer.</summary>
    [FieldOffset(20)]
    public int Head;

    // Producer side, 64 bytes further.
    [FieldOffset(88)]
    private readonly MailboxSlot[] _producerSlots;

    [FieldOffset(96)]
    private readonly int _producerMask;

    /// <summary>The next position to claim; producers advance it by compare-and-swap. Frozen: moved on by <see cref="FreezeOffset"/>.</summary>
    [FieldOffset(100)]
    public int Tail;

    /// <summary>Creates an empty segment; <paramref name="capacity"/> is a power of two.</summary>
    public MailboxSegment(int capacity)
        : this(capacity, 0)
    {
    }

    /// <summary>Creates an empty segment whose first position is <paramref name="firstPosition"/> (tests start near the wrap).</summary>
    internal MailboxSegment(int capacity, int firstPosition)
    {
        var slots = new MailboxSlot[capacity];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[(firstPosition + i) & (capacity - 1)].Sequence = firstPosition + i;
        }

        _consumerSlots = _producerSlots = slots;
        _consumerMask = _producerMask = capacity - 1;
        Head = Tail = firstPosition;
    }

    public int Capacity => _consumerMask + 1;

    /// <summary>
    /// Added to <see cref="Tail"/> to freeze the segment: a slot's sequence is never more than a lap ahead of the tail,
    /// so from a frozen tail every slot looks full and no claim can succeed.
    /// </summary>
    public int FreezeOffset => (_consumerMask + 1) * 2;

    /// <summary>Claims the next position and publishes the message there; false if the segment is full or frozen.</summary>
    public bool TryEnqueue(object message, IActorRef? sender)
    {
        var slots = _producerSlots;
        var mask = _producerMask;
        while (true)
        {
            var tail = Volatile.Read(ref Tail);
            ref var slot = ref slots[tail & mask];
            var diff = Volatile.Read(ref slot.Sequence) - tail;
            if (diff == 0)
            {
                // The exchange is also the full fence the cell relies on before it reads its status.
                if (Interlocked.CompareExchange(ref Tail, tail + 1, tail) == tail)
                {
                    slot.Message = message;
                    slot.Sender = sender;
                    Volatile.Write(ref slot.Sequence, tail + 1);
                    return true;
                }
            }
            else if (diff < 0)
            {
                return false;
            }

            // diff > 0: another producer claimed this position first; try the next one.
        }
    }

    /// <summary>Takes the message at the head if it is published; consumer only.</summary>
    public bool TryTake(out object? message, out IActorRef? sender)
    {
        var head = Head;
        ref var slot = ref _consumerSlots[head & _consumerMask];
        if (Volatile.Read(ref slot.Sequence) != head + 1)
        {
            message = null;
            sender = null;
            return false;
        }

        message = slot.Message;
        sender = slot.Sender;
        slot.Message = null;
        slot.Sender = null;

        // Frees the slot for the position one lap on.
        Volatile.Write(ref slot.Sequence, head + _consumerMask + 1);
        Head = head + 1;
        return true;
    }

    /// <summary>Freezes this full segment and links a successor; returns the segment producers continue in.</summary>
    public MailboxSegment Grow()
    {
        lock (this)
        {
            var next = Next;
            if (next is null)
            {
                Interlocked.Add(ref Tail, FreezeOffset);
                next = new MailboxSegment(Math.Min(Capacity * 2, MaxCapacity));

                // After the freeze: a consumer that sees the successor also sees the frozen tail.
                Volatile.Write(ref Next, next);
            }

            return next;
        }
    }
}
