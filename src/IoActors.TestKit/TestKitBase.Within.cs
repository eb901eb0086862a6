using System.Diagnostics;

namespace IoActors.TestKit;

/// <content>Time-boxed blocks.</content>
public abstract partial class TestKitBase
{
    /// <summary>Runs <paramref name="action"/> and checks it finished within <paramref name="max"/>; expectations inside
    /// that are given no timeout wait only for the time left (<see cref="Remaining"/>).</summary>
    /// <param name="max">The longest the block may take (time factor applied), capped by an enclosing block's remaining time.</param>
    /// <param name="action">The block.</param>
    /// <exception cref="ExpectationFailedException">The block took longer than <paramref name="max"/>.</exception>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    /// <summary>Runs <paramref name="action"/> and checks it took between <paramref name="min"/> and <paramref name="max"/>;
    /// expectations inside that are given no timeout wait only for the time left.</summary>
    /// <param name="min">The shortest the block may take (not dilated).</param>
    /// <param name="max">The longest the block may take (time factor applied), capped by an enclosing block's remaining time.</param>
    /// <param name="action">The block.</param>
    /// <exception cref="ExpectationFailedException">The block took less than <paramref name="min"/> or more than <paramref name="max"/>.</exception>
    public void Within(TimeSpan min, TimeSpan max, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        WithinCoreAsync<bool>(min, max, () =>
        {
            action();
            return new ValueTask<bool>(true);
        }).GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="function"/> within <paramref name="max"/> and returns its result; see <see cref="Within(TimeSpan, Action)"/>.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="max">The longest the block may take (time factor applied).</param>
    /// <param name="function">The block.</param>
    /// <returns>What <paramref name="function"/> returned.</returns>
    /// <exception cref="ExpectationFailedException">The block took longer than <paramref name="max"/>.</exception>
    public T Within<T>(TimeSpan max, Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return WithinCoreAsync(TimeSpan.Zero, max, () => new ValueTask<T>(function())).GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="action"/> and checks it finished within <paramref name="max"/>; see <see cref="Within(TimeSpan, Action)"/>.</summary>
    /// <param name="max">The longest the block may take (time factor applied).</param>
    /// <param name="action">The block.</param>
    /// <returns>A task that completes when the block has run and its duration was checked.</returns>
    /// <exception cref="ExpectationFailedException">The block took longer than <paramref name="max"/>.</exception>
    public Task WithinAsync(TimeSpan max, Func<Task> action) => WithinAsync(TimeSpan.Zero, max, action);

    /// <summary>Runs <paramref name="action"/> and checks it took between <paramref name="min"/> and <paramref name="max"/>;
    /// see <see cref="Within(TimeSpan, TimeSpan, Action)"/>.</summary>
    /// <param name="min">The shortest the block may take (not dilated).</param>
    /// <param name="max">The longest the block may take (time factor applied).</param>
    /// <param name="action">The block.</param>
    /// <returns>A task that completes when the block has run and its duration was checked.</returns>
    /// <exception cref="ExpectationFailedException">The block took less than <paramref name="min"/> or more than <paramref name="max"/>.</exception>
    public Task WithinAsync(TimeSpan min, TimeSpan max, Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return WithinCoreAsync<bool>(min, max, async () =>
        {
            await action().ConfigureAwait(false);
            return true;
        }).AsTask();
    }

    private async ValueTask<T> WithinCoreAsync<T>(TimeSpan min, TimeSpan max, Func<ValueTask<T>> block)
    {
        if (min < TimeSpan.Zero || max < TimeSpan.Zero || min > max)
        {
            throw new ArgumentOutOfRangeException(nameof(max), $"Within needs 0 <= min <= max; min is {min}, max is {max}.");
        }

        var started = Stopwatch.GetTimestamp();
        var previousEnd = _end;
        var limit = Dilated(max);
        if (previousEnd is { } outer)
        {
            var left = RemainingUntil(outer);
            limit = left < limit ? left : limit;
        }

        _end = started + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        T result;
        try
        {
            result = await block().ConfigureAwait(false);
        }
        finally
        {
            _end = previousEnd;
        }

        var took = Stopwatch.GetElapsedTime(started);
        if (took < min)
        {
            throw Failure("Within", started, [], $"the block took {MessageFormatter.Ms(took)}, less than the minimum of {MessageFormatter.Ms(min)}");
        }

        if (took > limit)
        {
            throw Failure("Within", started, [], $"the block took {MessageFormatter.Ms(took)}, more than the maximum of {MessageFormatter.Ms(limit)}");
        }

        return result;
    }
}
