namespace IoActors.Kernel.Internal;

/// <summary>
/// The temporary reply reference of one Ask, under /temp: the first reply completes the task, later replies
/// (and replies after a timeout) become dead letters.
/// </summary>
internal sealed class PromiseRef<T> : InternalActorRef
{
    private readonly ActorSystem _system;
    private readonly IActorRef _recipient;
    private readonly TimeSpan _timeout;
    private readonly Type _messageType;
    private readonly long _id;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ITimer? _timer;
    private CancellationTokenRegistration _registration;
    private ActorPath? _path;

    public PromiseRef(ActorSystem system, IActorRef recipient, TimeSpan timeout, Type messageType)
    {
        _system = system;
        _recipient = recipient;
        _timeout = timeout;
        _messageType = messageType;
        _id = system.NextTempId();
    }

    public Task<T> Task => _completion.Task;

    public override ActorPath Path => _path ??= _system.TempPath / ("$" + _id.ToString(global::System.Globalization.CultureInfo.InvariantCulture));

    public override ActorSystem System => _system;

    public override bool IsTerminated => _completion.Task.IsCompleted;

    public void Start(CancellationToken cancellationToken)
    {
        _timer = _system.TimeProvider.CreateTimer(static s => ((PromiseRef<T>)s!).OnTimeout(), this, _timeout, Timeout.InfiniteTimeSpan);
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(static (s, ct) => ((PromiseRef<T>)s!).OnCancel(ct), this);
        }
    }

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var completed = message switch
        {
            T typed => _completion.TrySetResult(typed),
            Status.Failure failure => _completion.TrySetException(failure.Cause),
            _ => _completion.TrySetException(new InvalidCastException(
                $"Ask to '{_recipient.Path}' expected a reply of type {typeof(T).FullName} but got {message.GetType().FullName}: {message}")),
        };

        if (completed)
        {
            Cleanup();
        }
        else
        {
            _system.DeadLetter(message, sender, this);
        }
    }

    public override void SendSystem(SystemMessage message)
    {
        if (message is Watch watch && IsTerminated)
        {
            watch.Watcher.SendSystem(new DeathWatchNotification(this, true));
        }
    }

    private void OnTimeout()
    {
        if (_completion.TrySetException(new AskTimeoutException(_recipient, _timeout,
            $"Ask to '{_recipient.Path}' timed out after {_timeout} waiting for a reply to {_messageType.Name}.")))
        {
            Cleanup();
        }
    }

    private void OnCancel(CancellationToken cancellationToken)
    {
        if (_completion.TrySetCanceled(cancellationToken))
        {
            Cleanup();
        }
    }

    private void Cleanup()
    {
        _timer?.Dispose();
        _registration.Dispose();
    }
}
