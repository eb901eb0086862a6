namespace IoActors.TestKit;

/// <summary>The waits that let a test advance only once the code under test has armed its timer.</summary>
public sealed partial class VirtualClock
{
    /// <summary>
    /// Waits (in real time) until at least <paramref name="count"/> timers are armed, so a test can let the
    /// code under test arm its timer before advancing.
    /// </summary>
    /// <param name="count">The number of armed timers to wait for (at least 1).</param>
    /// <param name="timeout">How long to wait, in real time.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when <see cref="PendingTimers"/> reaches <paramref name="count"/>.</returns>
    /// <exception cref="TimeoutException">Fewer than <paramref name="count"/> timers were armed within <paramref name="timeout"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1, or <paramref name="timeout"/> is negative and not infinite.</exception>
    public async Task WaitForTimersAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ValidateTimeout(timeout);
        TaskCompletionSource signal;
        lock (_gate)
        {
            if (_pendingTimers >= count)
            {
                return;
            }

            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _timerWaiters.Add((count, signal));
        }

        await WaitForSignalAsync(signal, timeout, () => _timerWaiters.RemoveAll(w => w.Signal == signal), cancellationToken, () =>
        {
            var pending = _pendingTimers;
            return $"Waited {timeout.TotalMilliseconds:0} ms (real time) for {count} pending timer(s) on the virtual clock, but {pending} {(pending == 1 ? "is" : "are")} armed.";
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits (in real time) until a timer is armed that is due at or before <paramref name="dueBy"/>, so a test can
    /// let the code under test arm the timer it means to fire (an actor arms the timers of its <c>PreStart</c> some time
    /// after <c>ActorOf</c> returned), then advance to <paramref name="dueBy"/>. Unlike <see cref="WaitForTimersAsync"/>
    /// it is not fooled by unrelated timers due later (ask timeouts, request timeouts).
    /// </summary>
    /// <param name="dueBy">The latest due time that counts.</param>
    /// <param name="timeout">How long to wait, in real time.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when such a timer is armed (at once when one already is).</returns>
    /// <exception cref="TimeoutException">No timer due by <paramref name="dueBy"/> was armed within <paramref name="timeout"/>; the message names the next due time.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public async Task WaitForTimerDueAsync(DateTimeOffset dueBy, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ValidateTimeout(timeout);
        var dueTicks = dueBy.UtcTicks;
        TaskCompletionSource signal;
        lock (_gate)
        {
            DropStaleHead();
            if (_queue.TryPeek(out _, out var head) && head.DueTicks <= dueTicks)
            {
                return;
            }

            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _dueWaiters.Add((dueTicks, signal));
        }

        await WaitForSignalAsync(signal, timeout, () => _dueWaiters.RemoveAll(w => w.Signal == signal), cancellationToken, () =>
        {
            DropStaleHead();
            var next = _queue.TryPeek(out _, out var head) ? $"the next is due at {new DateTimeOffset(head.DueTicks, TimeSpan.Zero):O}" : "none is armed";
            return $"Waited {timeout.TotalMilliseconds:0} ms (real time) for a timer due by {dueBy.ToUniversalTime():O} on the virtual clock (now {new DateTimeOffset(_nowTicks, TimeSpan.Zero):O}), but {next}.";
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves time to the due time of the earliest armed timer, firing it (and every timer due at that instant); when
    /// no timer is armed it first waits (in real time) for one.
    /// </summary>
    /// <param name="timeout">How long to wait for a timer to be armed, in real time.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The time the clock moved to.</returns>
    /// <exception cref="TimeoutException">No timer was armed within <paramref name="timeout"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="AggregateException">One or more timer callbacks threw; the clock has still moved.</exception>
    public async Task<DateTimeOffset> AdvanceToNextTimerAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ValidateTimeout(timeout);
        while (true)
        {
            await WaitForTimersAsync(1, timeout, cancellationToken).ConfigureAwait(false);
            lock (_advanceGate)
            {
                long target;
                lock (_gate)
                {
                    DropStaleHead();
                    if (!_queue.TryPeek(out _, out var head))
                    {
                        // Disarmed in between: wait for the next one.
                        continue;
                    }

                    target = Math.Max(head.DueTicks, _nowTicks);
                }

                RunUntil(target);
                return new DateTimeOffset(target, TimeSpan.Zero);
            }
        }
    }

    private static void ValidateTimeout(TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be zero, positive or infinite.");
        }
    }

    // Waits for a waiter's signal; on a timeout or cancellation removes the waiter (under the lock) and reports.
    private async Task WaitForSignalAsync(TaskCompletionSource signal, TimeSpan timeout, Action removeLocked, CancellationToken cancellationToken, Func<string> describeLocked)
    {
        try
        {
            await signal.Task.WaitAsync(timeout, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            string message;
            lock (_gate)
            {
                removeLocked();
                message = describeLocked();
            }

            if (signal.Task.IsCompleted)
            {
                return;
            }

            throw new TimeoutException(message);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                removeLocked();
            }

            throw;
        }
    }

    private void SignalWaitersLocked()
    {
        for (var i = _timerWaiters.Count - 1; i >= 0; i--)
        {
            if (_pendingTimers >= _timerWaiters[i].Count)
            {
                _timerWaiters[i].Signal.TrySetResult();
                _timerWaiters.RemoveAt(i);
            }
        }
    }

    private void SignalDueWaitersLocked(long dueTicks)
    {
        for (var i = _dueWaiters.Count - 1; i >= 0; i--)
        {
            if (dueTicks <= _dueWaiters[i].DueTicks)
            {
                _dueWaiters[i].Signal.TrySetResult();
                _dueWaiters.RemoveAt(i);
            }
        }
    }
}
