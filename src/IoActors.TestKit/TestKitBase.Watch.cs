using IoActors.Kernel;

namespace IoActors.TestKit;

/// <content>Death watch.</content>
public abstract partial class TestKitBase
{
    /// <summary>Makes <see cref="TestActor"/> watch <paramref name="actor"/>: a <see cref="Terminated"/> for it will arrive
    /// among the messages (see <see cref="ExpectTerminated"/>). Returns once the watch is in place.</summary>
    /// <param name="actor">The actor to watch.</param>
    /// <returns><paramref name="actor"/>.</returns>
    public IActorRef Watch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TestActor.Tell(new WatchCommand(actor, done), ActorRefs.NoSender);
        WaitForCommand(done.Task, "Watch", actor);
        return actor;
    }

    /// <summary>Makes <see cref="TestActor"/> stop watching <paramref name="actor"/>: no <see cref="Terminated"/> for it
    /// arrives afterwards. Returns once the watch is removed.</summary>
    /// <param name="actor">The actor to stop watching.</param>
    /// <returns><paramref name="actor"/>.</returns>
    public IActorRef Unwatch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TestActor.Tell(new UnwatchCommand(actor, done), ActorRefs.NoSender);
        WaitForCommand(done.Task, "Unwatch", actor);
        return actor;
    }

    /// <summary>Makes <see cref="TestActor"/> watch <paramref name="actor"/>, completing once the watch is in place; see <see cref="Watch"/>.</summary>
    /// <param name="actor">The actor to watch.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><paramref name="actor"/>.</returns>
    public async Task<IActorRef> WatchAsync(IActorRef actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TestActor.Tell(new WatchCommand(actor, done), ActorRefs.NoSender);
        await WaitForCommandAsync(done.Task, "Watch", actor, cancellationToken).ConfigureAwait(false);
        return actor;
    }

    /// <summary>Makes <see cref="TestActor"/> stop watching <paramref name="actor"/>, completing once the watch is removed; see <see cref="Unwatch"/>.</summary>
    /// <param name="actor">The actor to stop watching.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><paramref name="actor"/>.</returns>
    public async Task<IActorRef> UnwatchAsync(IActorRef actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TestActor.Tell(new UnwatchCommand(actor, done), ActorRefs.NoSender);
        await WaitForCommandAsync(done.Task, "Unwatch", actor, cancellationToken).ConfigureAwait(false);
        return actor;
    }

    /// <summary>Expects the next message to be the <see cref="Terminated"/> of <paramref name="actor"/> (watch it first with <see cref="Watch"/>).</summary>
    /// <param name="actor">The actor expected to stop.</param>
    /// <param name="timeout">How long to wait (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <returns>The <see cref="Terminated"/> message.</returns>
    /// <exception cref="ExpectationFailedException">No message arrived in time, or the next message was not that actor's Terminated.</exception>
    public Terminated ExpectTerminated(IActorRef actor, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return ExpectCoreAsync<Terminated>(t => actor.Equals(t.ActorRef), $"for {actor.Path}", null, timeout, true, default).GetAwaiter().GetResult();
    }

    /// <summary>Expects the next message to be the <see cref="Terminated"/> of <paramref name="actor"/> (watch it first with <see cref="Watch"/>).</summary>
    /// <param name="actor">The actor expected to stop.</param>
    /// <param name="timeout">How long to wait (time factor applied). The default is <see cref="RemainingOrDefault"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The <see cref="Terminated"/> message.</returns>
    /// <exception cref="ExpectationFailedException">No message arrived in time, or the next message was not that actor's Terminated.</exception>
    public Task<Terminated> ExpectTerminatedAsync(IActorRef actor, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return ExpectCoreAsync<Terminated>(t => actor.Equals(t.ActorRef), $"for {actor.Path}", null, timeout, false, cancellationToken).AsTask();
    }

    private void WaitForCommand(Task done, string command, IActorRef actor)
    {
        if (!done.Wait(DefaultTimeout))
        {
            throw CommandNotAcknowledged(command, actor);
        }
    }

    private async Task WaitForCommandAsync(Task done, string command, IActorRef actor, CancellationToken cancellationToken)
    {
        try
        {
            await done.WaitAsync(DefaultTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw CommandNotAcknowledged(command, actor);
        }
    }

    private ExpectationFailedException CommandNotAcknowledged(string command, IActorRef actor) =>
        new(command, DefaultTimeout, [],
            $"{command}({actor.Path}) on {TestActor.Path} was not acknowledged within {MessageFormatter.Ms(DefaultTimeout)} (real time): is the test actor stopped or the system terminated?");
}
