using System.Diagnostics;
using IoActors.Kernel;

namespace IoActors.TestKit;

/// <content>Message expectations.</content>
public abstract partial class TestKitBase
{
    /// <summary>Expects the next message to be a <typeparamref name="T"/>, within <paramref name="timeout"/>.</summary>
    /// <typeparam name="T">The expected message type (subtypes match).</typeparam>
    /// <param name="timeout">How long to wait (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ExpectationFailedException">No message arrived in time, or the next message was not a <typeparamref name="T"/>.</exception>
    public T ExpectMsg<T>(TimeSpan? timeout = null) =>
        ExpectCoreAsync<T>(null, null, null, timeout, true, default).GetAwaiter().GetResult();

    /// <summary>Expects the next message to be a <typeparamref name="T"/> matching <paramref name="isMatch"/>, within <paramref name="timeout"/>.</summary>
    /// <typeparam name="T">The expected message type (subtypes match).</typeparam>
    /// <param name="isMatch">The condition the message must meet.</param>
    /// <param name="timeout">How long to wait (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <param name="hint">Describes the condition in the failure message.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ExpectationFailedException">No message arrived in time, or the next message did not match.</exception>
    public T ExpectMsg<T>(Predicate<T> isMatch, TimeSpan? timeout = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(isMatch);
        return ExpectCoreAsync(isMatch, hint ?? "matching the predicate", null, timeout, true, default).GetAwaiter().GetResult();
    }

    /// <summary>Expects the next message to be a <typeparamref name="T"/> that passes <paramref name="assert"/> (an assertion
    /// that throws on failure, e.g. FluentAssertions), within <paramref name="timeout"/>.</summary>
    /// <typeparam name="T">The expected message type (subtypes match).</typeparam>
    /// <param name="assert">The assertion run on the message.</param>
    /// <param name="timeout">How long to wait (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ExpectationFailedException">No message arrived in time, the next message was not a <typeparamref name="T"/>,
    /// or the assertion threw (its exception is the inner exception).</exception>
    public T ExpectMsg<T>(Action<T> assert, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(assert);
        var started = Stopwatch.GetTimestamp();
        var message = ExpectCoreAsync<T>(null, null, null, timeout, true, default).GetAwaiter().GetResult();
        try
        {
            assert(message);
        }
        catch (Exception ex)
        {
            throw Failure($"ExpectMsg<{MessageFormatter.TypeName(typeof(T))}>", started, [_lastMessage!], $"the assertion on the message failed: {ex.Message}", ex);
        }

        return message;
    }

    /// <summary>Expects the next message to equal <paramref name="value"/> (<see cref="object.Equals(object?)"/>), within <paramref name="timeout"/>.</summary>
    /// <typeparam name="T">The expected message type.</typeparam>
    /// <param name="value">The expected message.</param>
    /// <param name="timeout">How long to wait (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <returns>The message received.</returns>
    /// <exception cref="ExpectationFailedException">No message arrived in time, or the next message was not equal to <paramref name="value"/>.</exception>
    public T ExpectMsg<T>(T value, TimeSpan? timeout = null)
        where T : notnull =>
        ExpectCoreAsync<T>(m => Equals(m, value), $"equal to {MessageFormatter.Describe(value)}", null, timeout, true, default).GetAwaiter().GetResult();

    /// <summary>Expects the next message to be a <typeparamref name="T"/>, within <paramref name="timeout"/>.</summary>
    /// <typeparam name="T">The expected message type (subtypes match).</typeparam>
    /// <param name="timeout">How long to wait (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ExpectationFailedException">No message arrived in time, or the next message was not a <typeparamref name="T"/>.</exception>
    public Task<T> ExpectMsgAsync<T>(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ExpectCoreAsync<T>(null, null, null, timeout, false, cancellationToken).AsTask();

    /// <summary>Expects the next message to be a <typeparamref name="T"/> matching <paramref name="isMatch"/>, within <paramref name="timeout"/>.</summary>
    /// <typeparam name="T">The expected message type (subtypes match).</typeparam>
    /// <param name="isMatch">The condition the message must meet.</param>
    /// <param name="timeout">How long to wait (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <param name="hint">Describes the condition in the failure message.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ExpectationFailedException">No message arrived in time, or the next message did not match.</exception>
    public Task<T> ExpectMsgAsync<T>(Predicate<T> isMatch, TimeSpan? timeout = null, string? hint = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(isMatch);
        return ExpectCoreAsync(isMatch, hint ?? "matching the predicate", null, timeout, false, cancellationToken).AsTask();
    }

    /// <summary>Expects the next message to equal <paramref name="value"/>, within <paramref name="timeout"/>.</summary>
    /// <typeparam name="T">The expected message type.</typeparam>
    /// <param name="value">The expected message.</param>
    /// <param name="timeout">How long to wait (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The message received.</returns>
    /// <exception cref="ExpectationFailedException">No message arrived in time, or the next message was not equal to <paramref name="value"/>.</exception>
    public Task<T> ExpectMsgAsync<T>(T value, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where T : notnull =>
        ExpectCoreAsync<T>(m => Equals(m, value), $"equal to {MessageFormatter.Describe(value)}", null, timeout, false, cancellationToken).AsTask();

    /// <summary>Expects the next message to equal one of <paramref name="values"/>, within <see cref="RemainingOrDefault"/>.</summary>
    /// <typeparam name="T">The messages' type.</typeparam>
    /// <param name="values">The acceptable messages.</param>
    /// <returns>The message received.</returns>
    /// <exception cref="ExpectationFailedException">No message arrived in time, or the next message equals none of <paramref name="values"/>.</exception>
    public T ExpectMsgAnyOf<T>(params T[] values)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(values);
        return ExpectCoreAsync<T>(m => values.Contains(m), $"equal to one of [{string.Join(", ", values.Select(v => MessageFormatter.Describe(v)))}]", null, null, true, default)
            .GetAwaiter().GetResult();
    }

    /// <summary>Expects the next message to be a <typeparamref name="T"/> sent by <paramref name="sender"/>, within <paramref name="timeout"/>.</summary>
    /// <typeparam name="T">The expected message type (subtypes match).</typeparam>
    /// <param name="sender">The expected sender.</param>
    /// <param name="isMatch">An optional condition the message must meet.</param>
    /// <param name="timeout">How long to wait (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ExpectationFailedException">No message arrived in time, or the next message did not match or came from another sender.</exception>
    public T ExpectMsgFrom<T>(IActorRef sender, Predicate<T>? isMatch = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return ExpectCoreAsync(isMatch, isMatch is null ? null : "matching the predicate", sender, timeout, true, default).GetAwaiter().GetResult();
    }

    /// <summary>Expects the next message to be a <typeparamref name="T"/> sent by <paramref name="sender"/>, within <paramref name="timeout"/>.</summary>
    /// <typeparam name="T">The expected message type (subtypes match).</typeparam>
    /// <param name="sender">The expected sender.</param>
    /// <param name="isMatch">An optional condition the message must meet.</param>
    /// <param name="timeout">How long to wait (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ExpectationFailedException">No message arrived in time, or the next message did not match or came from another sender.</exception>
    public Task<T> ExpectMsgFromAsync<T>(IActorRef sender, Predicate<T>? isMatch = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return ExpectCoreAsync(isMatch, isMatch is null ? null : "matching the predicate", sender, timeout, false, cancellationToken).AsTask();
    }

    /// <summary>Expects that no message arrives for <paramref name="duration"/> (real time: this waits the whole duration).</summary>
    /// <param name="duration">How long to watch (time factor applied). The default is <see cref="TestKitOptions.ExpectNoMessageDefault"/>,
    /// or what is left of the enclosing Within block if less.</param>
    /// <exception cref="ExpectationFailedException">A message arrived.</exception>
    public void ExpectNoMsg(TimeSpan? duration = null) =>
        ExpectNoMsgCoreAsync(duration, true, default).GetAwaiter().GetResult();

    /// <summary>Expects that no message arrives for <paramref name="duration"/> (real time: this waits the whole duration).</summary>
    /// <param name="duration">How long to watch (time factor applied). The default is <see cref="TestKitOptions.ExpectNoMessageDefault"/>,
    /// or what is left of the enclosing Within block if less.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes after <paramref name="duration"/> when no message arrived.</returns>
    /// <exception cref="ExpectationFailedException">A message arrived.</exception>
    public Task ExpectNoMsgAsync(TimeSpan? duration = null, CancellationToken cancellationToken = default) =>
        ExpectNoMsgCoreAsync(duration, false, cancellationToken).AsTask();

    /// <summary>Expects the next messages to be exactly <paramref name="messages"/>, in any order (compared with
    /// <see cref="object.Equals(object?)"/>), all within <see cref="RemainingOrDefault"/>.</summary>
    /// <typeparam name="T">The messages' type.</typeparam>
    /// <param name="messages">The expected messages (repeats must arrive as many times).</param>
    /// <returns>The messages received, in arrival order.</returns>
    /// <exception cref="ExpectationFailedException">A message was missing or unexpected.</exception>
    public IReadOnlyList<T> ExpectMsgAllOf<T>(params T[] messages)
        where T : notnull =>
        ExpectAllOfCoreAsync(null, messages, true, default).GetAwaiter().GetResult();

    /// <summary>Expects the next messages to be exactly <paramref name="messages"/>, in any order, all within <paramref name="max"/>.</summary>
    /// <typeparam name="T">The messages' type.</typeparam>
    /// <param name="max">How long to wait for all of them (time factor applied).</param>
    /// <param name="messages">The expected messages (repeats must arrive as many times).</param>
    /// <returns>The messages received, in arrival order.</returns>
    /// <exception cref="ExpectationFailedException">A message was missing or unexpected.</exception>
    public IReadOnlyList<T> ExpectMsgAllOf<T>(TimeSpan max, params T[] messages)
        where T : notnull =>
        ExpectAllOfCoreAsync(max, messages, true, default).GetAwaiter().GetResult();

    /// <summary>Expects the next messages to be exactly <paramref name="messages"/>, in any order, all within <paramref name="max"/>.</summary>
    /// <typeparam name="T">The messages' type.</typeparam>
    /// <param name="messages">The expected messages (repeats must arrive as many times).</param>
    /// <param name="max">How long to wait for all of them (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The messages received, in arrival order.</returns>
    /// <exception cref="ExpectationFailedException">A message was missing or unexpected.</exception>
    public Task<IReadOnlyList<T>> ExpectMsgAllOfAsync<T>(IReadOnlyCollection<T> messages, TimeSpan? max = null, CancellationToken cancellationToken = default)
        where T : notnull =>
        ExpectAllOfCoreAsync(max, messages, false, cancellationToken).AsTask();

    /// <summary>Takes messages until one is a <typeparamref name="T"/> matching <paramref name="isMatch"/>, dropping the others.</summary>
    /// <typeparam name="T">The type of the message fished for.</typeparam>
    /// <param name="isMatch">The condition the message must meet.</param>
    /// <param name="max">How long to fish in all (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <param name="hint">Describes the message fished for in the failure message.</param>
    /// <returns>The matching message.</returns>
    /// <exception cref="ExpectationFailedException">No matching message arrived in time (the failure lists the dropped ones).</exception>
    public T FishForMessage<T>(Predicate<T> isMatch, TimeSpan? max = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(isMatch);
        return FishCoreAsync(isMatch, max, hint, true, default).GetAwaiter().GetResult();
    }

    /// <summary>Takes messages until one is a <typeparamref name="T"/> matching <paramref name="isMatch"/>, dropping the others.</summary>
    /// <typeparam name="T">The type of the message fished for.</typeparam>
    /// <param name="isMatch">The condition the message must meet.</param>
    /// <param name="max">How long to fish in all (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <param name="hint">Describes the message fished for in the failure message.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The matching message.</returns>
    /// <exception cref="ExpectationFailedException">No matching message arrived in time (the failure lists the dropped ones).</exception>
    public Task<T> FishForMessageAsync<T>(Predicate<T> isMatch, TimeSpan? max = null, string? hint = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(isMatch);
        return FishCoreAsync(isMatch, max, hint, false, cancellationToken).AsTask();
    }

    private async ValueTask<T> ExpectCoreAsync<T>(Predicate<T>? isMatch, string? hint, IActorRef? sender, TimeSpan? timeout, bool sync, CancellationToken cancellationToken)
    {
        var max = RemainingOrDilated(timeout);
        var expectation = $"ExpectMsg<{MessageFormatter.TypeName(typeof(T))}>";
        var wanted = $"a {MessageFormatter.TypeName(typeof(T))}{(hint is null ? string.Empty : " " + hint)}{(sender is null ? string.Empty : $" from {sender.Path}")}";
        var started = Stopwatch.GetTimestamp();
        var envelope = await TakeAsync(max, sync, cancellationToken).ConfigureAwait(false);
        if (envelope is null)
        {
            throw Failure(expectation, started, [], $"timed out after {MessageFormatter.Ms(max)} waiting for {wanted}");
        }

        if (envelope.Message is not T typed)
        {
            throw Failure(expectation, started, [envelope], $"expected {wanted}, but the next message was a {MessageFormatter.TypeName(envelope.Message.GetType())}");
        }

        if (isMatch is not null && !isMatch(typed))
        {
            throw Failure(expectation, started, [envelope], $"expected {wanted}, but the next message did not match");
        }

        if (sender is not null && !sender.Equals(envelope.Sender))
        {
            throw Failure(expectation, started, [envelope], $"expected {wanted}, but it came from {envelope.Sender.Path}");
        }

        return typed;
    }

    private async ValueTask ExpectNoMsgCoreAsync(TimeSpan? duration, bool sync, CancellationToken cancellationToken)
    {
        var wait = duration is { } d ? RemainingOrDilated(d) : Dilated(_settings.ExpectNoMessageDefault);
        if (duration is null && _end is { } end)
        {
            var left = RemainingUntil(end);
            wait = left < wait ? left : wait;
        }

        var started = Stopwatch.GetTimestamp();
        var envelope = await TakeAsync(wait, sync, cancellationToken).ConfigureAwait(false);
        if (envelope is not null)
        {
            throw Failure("ExpectNoMsg", started, [envelope], $"expected no message for {MessageFormatter.Ms(wait)}, but one arrived");
        }
    }

    private async ValueTask<IReadOnlyList<T>> ExpectAllOfCoreAsync<T>(TimeSpan? max, IReadOnlyCollection<T> messages, bool sync, CancellationToken cancellationToken)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(messages);
        var timeout = RemainingOrDilated(max);
        var expectation = $"ExpectMsgAllOf<{MessageFormatter.TypeName(typeof(T))}>";
        var started = Stopwatch.GetTimestamp();
        var missing = messages.ToList();
        var unexpected = new List<MessageEnvelope>();
        var received = new List<MessageEnvelope>();
        while (received.Count < messages.Count)
        {
            var envelope = await TakeAsync(Left(started, timeout), sync, cancellationToken).ConfigureAwait(false);
            if (envelope is null)
            {
                break;
            }

            received.Add(envelope);
            var index = missing.FindIndex(m => Equals(m, envelope.Message));
            if (index >= 0)
            {
                missing.RemoveAt(index);
            }
            else
            {
                unexpected.Add(envelope);
            }
        }

        if (missing.Count > 0 || unexpected.Count > 0)
        {
            var detail = $"expected {messages.Count} message(s) in any order; missing: [{string.Join(", ", missing.Select(m => MessageFormatter.Describe(m)))}]"
                + (unexpected.Count > 0 ? $"; unexpected: [{string.Join(", ", unexpected)}]" : string.Empty)
                + (received.Count < messages.Count ? $"; timed out after {MessageFormatter.Ms(timeout)}" : string.Empty);
            throw Failure(expectation, started, received, detail);
        }

        return received.Select(e => (T)e.Message).ToList();
    }

    private async ValueTask<T> FishCoreAsync<T>(Predicate<T> isMatch, TimeSpan? max, string? hint, bool sync, CancellationToken cancellationToken)
    {
        var timeout = RemainingOrDilated(max);
        var started = Stopwatch.GetTimestamp();
        var dropped = new List<MessageEnvelope>();
        while (true)
        {
            var envelope = await TakeAsync(Left(started, timeout), sync, cancellationToken).ConfigureAwait(false);
            if (envelope is null)
            {
                throw Failure($"FishForMessage<{MessageFormatter.TypeName(typeof(T))}>", started, dropped,
                    $"timed out after {MessageFormatter.Ms(timeout)} fishing for a {MessageFormatter.TypeName(typeof(T))} {hint ?? "matching the predicate"}");
            }

            if (envelope.Message is T typed && isMatch(typed))
            {
                return typed;
            }

            dropped.Add(envelope);
        }
    }
}
