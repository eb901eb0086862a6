namespace IoActors.Persistence.Tests.Support;

/// <summary>A journal decorator that can fail or hold writes and fail replays, for PersistentActor tests.</summary>
public sealed class FaultyJournal : IJournal
{
    private readonly IJournal _inner;

    public FaultyJournal(IJournal inner)
    {
        _inner = inner;
    }

    /// <summary>When set, writes throw this.</summary>
    public Exception? WriteFailure { get; set; }

    /// <summary>When set, replays throw this.</summary>
    public Exception? ReplayFailure { get; set; }

    /// <summary>When set, a write signals <see cref="WriteStarted"/> and waits for this before writing.</summary>
    public TaskCompletionSource? WriteGate { get; set; }

    /// <summary>Completed when a gated write starts.</summary>
    public TaskCompletionSource WriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task WriteAsync(string persistenceId, IReadOnlyList<PersistentRepr> batch, CancellationToken cancellationToken = default)
    {
        if (WriteGate is { } gate)
        {
            WriteStarted.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (WriteFailure is { } failure)
        {
            throw failure;
        }

        await _inner.WriteAsync(persistenceId, batch, cancellationToken);
    }

    public Task<long> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<PersistentRepr> onReplayed, CancellationToken cancellationToken = default) =>
        ReplayFailure is { } failure
            ? Task.FromException<long>(failure)
            : _inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, onReplayed, cancellationToken);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr = 0, CancellationToken cancellationToken = default) =>
        _inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);

    public Task DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        _inner.DeleteToAsync(persistenceId, toSequenceNr, cancellationToken);
}
