using System.Diagnostics;
using IoActors.Kernel;

namespace IoActors.TestKit;

/// <summary>
/// What <see cref="TestKit"/> and <see cref="TestProbe"/> share: an actor (<see cref="TestActor"/>) that queues every
/// message it receives, and expectations that take messages from that queue.
/// </summary>
/// <remarks>
/// <para>
/// Expectation timeouts are real time, since messages arrive on real threads even when the actor system runs on a
/// <see cref="VirtualClock"/>. A timeout given to an expectation is multiplied by the time factor
/// (<see cref="TestKitOptions.TimeFactor"/>); an expectation given no timeout waits <see cref="RemainingOrDefault"/>:
/// the time left in the enclosing <see cref="Within(TimeSpan, Action)"/> block, or the default timeout.
/// </para>
/// <para>
/// Each object has one reader: call its expectations from one test flow at a time. A failed expectation throws
/// <see cref="ExpectationFailedException"/>, which says what was expected, how long it waited and what arrived.
/// </para>
/// </remarks>
public abstract partial class TestKitBase
{
    private readonly MessageQueue _queue = new();
    private readonly TestActorHooks _hooks = new();
    private readonly TestKitSettings _settings;
    private ActorSystem? _system;
    private IActorRef? _testActor;
    private MessageEnvelope? _lastMessage;
    // Stopwatch timestamp at which the innermost Within block ends; null outside Within.
    private long? _end;

    private protected TestKitBase(TestKitSettings settings) => _settings = settings;

    /// <summary>The actor system under test.</summary>
    public ActorSystem Sys => _system ?? throw new InvalidOperationException("The TestKit has no actor system yet.");

    /// <summary>The actor whose messages the expectations of this object inspect. Use it as the sender or as the
    /// actor under test's collaborator.</summary>
    public IActorRef TestActor => _testActor ?? throw new InvalidOperationException("The TestKit has no test actor yet.");

    /// <summary>The sender of the last message taken by an expectation (the system's dead letters when it had none
    /// or before any message).</summary>
    public IActorRef LastSender => _lastMessage?.Sender ?? Sys.DeadLetters;

    /// <summary>The last message taken by an expectation, with its sender; <see langword="null"/> before any.</summary>
    public MessageEnvelope? LastMessage => _lastMessage;

    /// <summary>The default expectation timeout, time factor applied.</summary>
    public TimeSpan DefaultTimeout => _settings.Dilated(_settings.DefaultTimeout);

    /// <summary>The factor every timeout is multiplied by.</summary>
    public double TimeFactor => _settings.TimeFactor;

    /// <summary>The number of messages waiting to be taken by an expectation.</summary>
    public int PendingMessageCount => _queue.Count;

    /// <summary>Whether a message is waiting to be taken by an expectation.</summary>
    public bool HasMessages => _queue.Count > 0;

    /// <summary>The time left in the enclosing <see cref="Within(TimeSpan, Action)"/> block.</summary>
    /// <exception cref="InvalidOperationException">Called outside a Within block.</exception>
    public TimeSpan Remaining => _end is { } end
        ? RemainingUntil(end)
        : throw new InvalidOperationException("Remaining is only defined inside a Within block; use RemainingOrDefault.");

    /// <summary>The time left in the enclosing Within block, or <see cref="DefaultTimeout"/> outside one.</summary>
    public TimeSpan RemainingOrDefault => _end is { } end ? RemainingUntil(end) : DefaultTimeout;

    /// <summary>Multiplies <paramref name="duration"/> by the time factor.</summary>
    /// <param name="duration">The duration to scale.</param>
    /// <returns>The scaled duration (infinite stays infinite).</returns>
    public TimeSpan Dilated(TimeSpan duration) => _settings.Dilated(duration);

    /// <summary>Sends <paramref name="message"/> to <paramref name="actor"/> with <see cref="TestActor"/> as the sender.</summary>
    /// <param name="actor">The recipient.</param>
    /// <param name="message">The message.</param>
    public void Send(IActorRef actor, object message)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Tell(message, TestActor);
    }

    /// <summary>Sends <paramref name="message"/> to <see cref="LastSender"/>, with <see cref="TestActor"/> as the sender.</summary>
    /// <param name="message">The reply.</param>
    public void Reply(object message) => LastSender.Tell(message, TestActor);

    /// <summary>Sends the last message taken to <paramref name="actor"/>, keeping its original sender.</summary>
    /// <param name="actor">The recipient.</param>
    /// <exception cref="InvalidOperationException">No message was taken yet.</exception>
    public void Forward(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var last = _lastMessage ?? throw new InvalidOperationException("Forward needs a message: no message has been taken by an expectation yet.");
        actor.Tell(last.Message, last.Sender);
    }

    /// <summary>Sends <paramref name="message"/> to <paramref name="actor"/> with <see cref="LastSender"/> as the sender.</summary>
    /// <param name="actor">The recipient.</param>
    /// <param name="message">The message.</param>
    public void Forward(IActorRef actor, object message)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Tell(message, LastSender);
    }

    /// <summary>Takes the next message, waiting up to <paramref name="max"/>; <see langword="null"/> when none arrived.</summary>
    /// <param name="max">How long to wait (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <returns>The message, or <see langword="null"/> on timeout.</returns>
    public object? ReceiveOne(TimeSpan? max = null) => TakeAsync(RemainingOrDilated(max), true, default).GetAwaiter().GetResult()?.Message;

    /// <summary>Takes the next message, waiting up to <paramref name="max"/>; <see langword="null"/> when none arrived.</summary>
    /// <param name="max">How long to wait (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The message, or <see langword="null"/> on timeout.</returns>
    public async Task<object?> ReceiveOneAsync(TimeSpan? max = null, CancellationToken cancellationToken = default) =>
        (await TakeAsync(RemainingOrDilated(max), false, cancellationToken).ConfigureAwait(false))?.Message;

    /// <summary>Takes the next <paramref name="count"/> messages, whatever they are, all within <paramref name="max"/>.</summary>
    /// <param name="count">How many messages to take.</param>
    /// <param name="max">How long to wait for all of them (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <returns>The messages in arrival order.</returns>
    /// <exception cref="ExpectationFailedException">Fewer than <paramref name="count"/> messages arrived in time.</exception>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? max = null) =>
        ReceiveNCoreAsync(count, max, true, default).GetAwaiter().GetResult();

    /// <summary>Takes the next <paramref name="count"/> messages, whatever they are, all within <paramref name="max"/>.</summary>
    /// <param name="count">How many messages to take.</param>
    /// <param name="max">How long to wait for all of them (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The messages in arrival order.</returns>
    /// <exception cref="ExpectationFailedException">Fewer than <paramref name="count"/> messages arrived in time.</exception>
    public Task<IReadOnlyList<object>> ReceiveNAsync(int count, TimeSpan? max = null, CancellationToken cancellationToken = default) =>
        ReceiveNCoreAsync(count, max, false, cancellationToken).AsTask();

    /// <summary>
    /// Makes <see cref="TestActor"/> drop, instead of queue, every message for which <paramref name="ignore"/> returns
    /// true (for example periodic status messages the test does not care about). Replaces the previous filter.
    /// </summary>
    /// <param name="ignore">The filter; it runs on the test actor's thread.</param>
    public void IgnoreMessages(Func<object, bool> ignore)
    {
        ArgumentNullException.ThrowIfNull(ignore);
        _hooks.Ignore = ignore;
    }

    /// <summary>Makes <see cref="TestActor"/> drop every message of type <typeparamref name="T"/> that matches <paramref name="ignore"/>
    /// (all of them when it is null). Replaces the previous filter.</summary>
    /// <typeparam name="T">The type of the messages to drop.</typeparam>
    /// <param name="ignore">An optional condition; it runs on the test actor's thread.</param>
    public void IgnoreMessages<T>(Func<T, bool>? ignore = null) =>
        _hooks.Ignore = message => message is T typed && (ignore is null || ignore(typed));

    /// <summary>Removes the filter set by <see cref="IgnoreMessages(Func{object, bool})"/>: every message is queued again.</summary>
    public void IgnoreNoMessages() => _hooks.Ignore = null;

    /// <summary>
    /// Lets <see cref="TestActor"/> react on its own: <paramref name="pilot"/> is called, on the test actor's thread,
    /// with every message it queues and that message's sender; reply with <c>sender.Tell(reply, TestActor)</c>.
    /// Return true to keep the pilot for the next message, false to remove it. The messages are still queued for the
    /// expectations. Replaces the previous pilot.
    /// </summary>
    /// <param name="pilot">The pilot, or <see langword="null"/> to remove the current one.</param>
    public void SetAutoPilot(Func<object, IActorRef, bool>? pilot) => _hooks.AutoPilot = pilot;

    /// <summary>Drops every message waiting in the queue.</summary>
    /// <returns>The dropped messages, with their senders, in arrival order.</returns>
    public IReadOnlyList<MessageEnvelope> ClearMessages() => _queue.Drain();

    /// <summary>Attaches the system and creates the test actor; called once by the derived constructor.</summary>
    private protected void Attach(ActorSystem system, string testActorName)
    {
        _system = system;
        _testActor = system.ActorOf(Props.Create(() => new QueueingActor(_queue, _hooks)), testActorName);
    }

    private protected TimeSpan RemainingOrDilated(TimeSpan? max) => max is { } m ? CheckTimeout(Dilated(m)) : RemainingOrDefault;

    private static TimeSpan CheckTimeout(TimeSpan timeout) =>
        timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan
            ? throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A TestKit timeout must be zero, positive or Timeout.InfiniteTimeSpan.")
            : timeout;

    private static TimeSpan RemainingUntil(long end)
    {
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), end);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Takes the next message within <paramref name="timeout"/>; blocks when <paramref name="sync"/> (so sync
    /// expectations never need a thread-pool thread to wake them), awaits otherwise.</summary>
    private async ValueTask<MessageEnvelope?> TakeAsync(TimeSpan timeout, bool sync, CancellationToken cancellationToken)
    {
        MessageEnvelope? envelope;
        if (sync)
        {
            envelope = _queue.TryTake(timeout, out var taken) ? taken : null;
        }
        else
        {
            envelope = await _queue.TryTakeAsync(timeout, cancellationToken).ConfigureAwait(false);
        }

        if (envelope is not null)
        {
            _lastMessage = envelope;
        }

        return envelope;
    }

    private async ValueTask<IReadOnlyList<object>> ReceiveNCoreAsync(int count, TimeSpan? max, bool sync, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var timeout = RemainingOrDilated(max);
        var started = Stopwatch.GetTimestamp();
        var received = new List<MessageEnvelope>(count);
        while (received.Count < count)
        {
            var envelope = await TakeAsync(Left(started, timeout), sync, cancellationToken).ConfigureAwait(false);
            if (envelope is null)
            {
                throw Failure($"ReceiveN({count})", started, received,
                    $"timed out after {MessageFormatter.Ms(timeout)} with {received.Count} of {count} message(s) received");
            }

            received.Add(envelope);
        }

        return received.Select(e => e.Message).ToList();
    }

    /// <summary>The part of <paramref name="timeout"/> left since <paramref name="started"/>.</summary>
    private static TimeSpan Left(long started, TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return timeout;
        }

        var left = timeout - Stopwatch.GetElapsedTime(started);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private ExpectationFailedException Failure(string expectation, long started, IReadOnlyList<MessageEnvelope> received, string detail, Exception? inner = null)
    {
        var waited = Stopwatch.GetElapsedTime(started);
        var who = _testActor is null ? string.Empty : $" on {_testActor.Path}";
        var factor = _settings.TimeFactor == 1.0 ? string.Empty : $" (time factor {_settings.TimeFactor})";
        return new ExpectationFailedException(
            expectation,
            waited,
            received,
            $"{expectation}{who} failed after {MessageFormatter.Ms(waited)} (real time){factor}: {detail}; {MessageFormatter.DescribeAll(received)}.",
            inner);
    }
}
