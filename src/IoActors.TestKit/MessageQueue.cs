using System.Collections.Concurrent;

namespace IoActors.TestKit;

/// <summary>
/// The queue between a test actor (which enqueues on dispatcher threads) and the test (which waits for messages):
/// a lock-free queue plus a semaphore counting its messages, so a waiting test blocks or awaits without polling.
/// </summary>
internal sealed class MessageQueue
{
    // Longest wait SemaphoreSlim accepts.
    private static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    private readonly ConcurrentQueue<MessageEnvelope> _messages = new();
    // One count per queued message; a taker acquires a count before dequeuing, so the dequeue always succeeds.
    private readonly SemaphoreSlim _available = new(0, int.MaxValue);

    /// <summary>The number of messages waiting.</summary>
    public int Count => _messages.Count;

    /// <summary>Adds a message (called on the test actor's thread).</summary>
    public void Enqueue(MessageEnvelope envelope)
    {
        _messages.Enqueue(envelope);
        _available.Release();
    }

    /// <summary>Takes the next message, waiting up to <paramref name="timeout"/> (real time).</summary>
    public bool TryTake(TimeSpan timeout, out MessageEnvelope envelope)
    {
        if (!_available.Wait(Clamp(timeout)))
        {
            envelope = null!;
            return false;
        }

        if (!_messages.TryDequeue(out envelope!))
        {
            throw new InvalidOperationException("The test actor's queue lost a message: two readers took from it at once.");
        }

        return true;
    }

    /// <summary>Takes the next message, waiting asynchronously up to <paramref name="timeout"/> (real time); null on timeout.</summary>
    public async Task<MessageEnvelope?> TryTakeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await _available.WaitAsync(Clamp(timeout), cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return _messages.TryDequeue(out var envelope)
            ? envelope
            : throw new InvalidOperationException("The test actor's queue lost a message: two readers took from it at once.");
    }

    /// <summary>Removes every waiting message.</summary>
    public IReadOnlyList<MessageEnvelope> Drain()
    {
        var drained = new List<MessageEnvelope>();
        while (_available.Wait(0))
        {
            if (_messages.TryDequeue(out var envelope))
            {
                drained.Add(envelope);
            }
        }

        return drained;
    }

    private static TimeSpan Clamp(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan ? timeout : timeout <= TimeSpan.Zero ? TimeSpan.Zero : timeout > MaxWait ? MaxWait : timeout;
}
