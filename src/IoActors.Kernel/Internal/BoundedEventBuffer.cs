using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace IoActors.Kernel.Internal;

/// <summary>
/// A bounded ring buffer exposed as a <see cref="ChannelReader{T}"/>; writes never block and apply the
/// overflow policy (the BCL bounded channel is avoided on purpose: it has open .NET 10 bugs).
/// </summary>
internal sealed class BoundedEventBuffer<T>(int capacity, OverflowPolicy policy) : ChannelReader<T>, IEventSink
{
    private readonly Lock _lock = new();
    private readonly Queue<T> _items = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<bool>? _waiter;
    private bool _completed;
    private Exception? _error;
    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    public override Task Completion => _completion.Task;

    public override bool CanCount => true;

    public override int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    public void Offer(object @event)
    {
        if (@event is not T item)
        {
            return;
        }

        TaskCompletionSource<bool>? wake = null;
        var disconnect = false;
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }

            if (_items.Count >= capacity)
            {
                switch (policy)
                {
                    case OverflowPolicy.DropNewest:
                        Interlocked.Increment(ref _dropped);
                        return;
                    case OverflowPolicy.DropOldest:
                        _items.Dequeue();
                        Interlocked.Increment(ref _dropped);
                        break;
                    default:
                        Interlocked.Increment(ref _dropped);
                        disconnect = true;
                        break;
                }
            }

            if (!disconnect)
            {
                _items.Enqueue(item);
                wake = _waiter;
                _waiter = null;
            }
        }

        if (disconnect)
        {
            Complete(new EventStreamOverflowException(typeof(T), capacity));
            return;
        }

        wake?.TrySetResult(true);
    }

    public void Complete(Exception? error)
    {
        TaskCompletionSource<bool>? wake;
        bool empty;
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            _error = error;
            wake = _waiter;
            _waiter = null;
            empty = _items.Count == 0;
        }

        wake?.TrySetResult(false);
        if (empty)
        {
            SignalCompletion();
        }
    }

    public override bool TryRead([MaybeNullWhen(false)] out T item)
    {
        bool completeNow;
        lock (_lock)
        {
            if (!_items.TryDequeue(out item))
            {
                return false;
            }

            completeNow = _completed && _items.Count == 0;
        }

        if (completeNow)
        {
            SignalCompletion();
        }

        return true;
    }

    public override bool TryPeek([MaybeNullWhen(false)] out T item)
    {
        lock (_lock)
        {
            return _items.TryPeek(out item);
        }
    }

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        Task<bool> wait;
        lock (_lock)
        {
            if (_items.Count > 0)
            {
                return new ValueTask<bool>(true);
            }

            if (_completed)
            {
                return _error is null ? new ValueTask<bool>(false) : ValueTask.FromException<bool>(_error);
            }

            wait = (_waiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        return new ValueTask<bool>(WaitCoreAsync(wait, cancellationToken));
    }

    private async Task<bool> WaitCoreAsync(Task<bool> wait, CancellationToken cancellationToken)
    {
        var woke = await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (woke)
        {
            return true;
        }

        lock (_lock)
        {
            if (_items.Count > 0)
            {
                return true;
            }

            if (_error is not null)
            {
                throw _error;
            }

            return false;
        }
    }

    private void SignalCompletion()
    {
        if (_error is null)
        {
            _completion.TrySetResult();
        }
        else
        {
            _completion.TrySetException(_error);
        }
    }
}
