using System.Diagnostics;

namespace IoActors.TestKit;

/// <content>Polling assertions (they poll at an interval by contract).</content>
public abstract partial class TestKitBase
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Runs <paramref name="assertion"/> every <paramref name="interval"/> until it stops throwing, for at most <paramref name="duration"/>.</summary>
    /// <param name="assertion">The assertion; it passes when it does not throw.</param>
    /// <param name="duration">How long to keep trying (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <param name="interval">The pause between attempts. The default is 50 ms.</param>
    /// <exception cref="ExpectationFailedException">The assertion still failed when the time was up (its last failure is the inner exception).</exception>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        AwaitAssertCoreAsync(() =>
        {
            assertion();
            return ValueTask.CompletedTask;
        }, duration, interval, true, default).GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="assertion"/> every <paramref name="interval"/> until it stops throwing, for at most <paramref name="duration"/>.</summary>
    /// <param name="assertion">The assertion; it passes when its task does not fault.</param>
    /// <param name="duration">How long to keep trying (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <param name="interval">The pause between attempts. The default is 50 ms.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes once the assertion passed.</returns>
    /// <exception cref="ExpectationFailedException">The assertion still failed when the time was up (its last failure is the inner exception).</exception>
    public Task AwaitAssertAsync(Func<Task> assertion, TimeSpan? duration = null, TimeSpan? interval = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        return AwaitAssertCoreAsync(() => new ValueTask(assertion()), duration, interval, false, cancellationToken).AsTask();
    }

    /// <summary>Polls <paramref name="condition"/> every <paramref name="interval"/> until it is true, for at most <paramref name="max"/>.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="max">How long to keep polling (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <param name="interval">The pause between polls. The default is 50 ms.</param>
    /// <param name="message">Describes the condition in the failure message.</param>
    /// <exception cref="ExpectationFailedException">The condition was still false when the time was up.</exception>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        AwaitConditionCoreAsync(() => new ValueTask<bool>(condition()), max, interval, message, true, default).GetAwaiter().GetResult();
    }

    /// <summary>Polls <paramref name="condition"/> every <paramref name="interval"/> until it is true, for at most <paramref name="max"/>.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="max">How long to keep polling (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <param name="interval">The pause between polls. The default is 50 ms.</param>
    /// <param name="message">Describes the condition in the failure message.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes once the condition held.</returns>
    /// <exception cref="ExpectationFailedException">The condition was still false when the time was up.</exception>
    public Task AwaitConditionAsync(Func<Task<bool>> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return AwaitConditionCoreAsync(() => new ValueTask<bool>(condition()), max, interval, message, false, cancellationToken).AsTask();
    }

    private async ValueTask AwaitAssertCoreAsync(Func<ValueTask> assertion, TimeSpan? duration, TimeSpan? interval, bool sync, CancellationToken cancellationToken)
    {
        var max = RemainingOrDilated(duration);
        var pause = interval ?? DefaultInterval;
        var started = Stopwatch.GetTimestamp();
        var attempts = 0;
        while (true)
        {
            attempts++;
            try
            {
                await assertion().ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var left = Left(started, max);
                if (left <= TimeSpan.Zero)
                {
                    throw Failure("AwaitAssert", started, [], $"the assertion still failed after {attempts} attempt(s) within {MessageFormatter.Ms(max)}: {ex.Message}", ex);
                }

                await PauseAsync(left < pause ? left : pause, sync, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask AwaitConditionCoreAsync(Func<ValueTask<bool>> condition, TimeSpan? max, TimeSpan? interval, string? message, bool sync, CancellationToken cancellationToken)
    {
        var timeout = RemainingOrDilated(max);
        var pause = interval ?? DefaultInterval;
        var started = Stopwatch.GetTimestamp();
        var polls = 0;
        while (true)
        {
            polls++;
            if (await condition().ConfigureAwait(false))
            {
                return;
            }

            var left = Left(started, timeout);
            if (left <= TimeSpan.Zero)
            {
                throw Failure("AwaitCondition", started, [],
                    $"the condition{(message is null ? string.Empty : $" ({message})")} was still false after {polls} poll(s) within {MessageFormatter.Ms(timeout)}");
            }

            await PauseAsync(left < pause ? left : pause, sync, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async ValueTask PauseAsync(TimeSpan pause, bool sync, CancellationToken cancellationToken)
    {
        if (sync)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Thread.Sleep(pause);
        }
        else
        {
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
        }
    }
}
