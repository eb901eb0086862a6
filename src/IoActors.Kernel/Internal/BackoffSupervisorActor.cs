namespace IoActors.Kernel.Internal;

/// <summary>The actor behind <see cref="BackoffSupervisor"/>.</summary>
internal sealed class BackoffSupervisorActor(BackoffOptions options) : UntypedActor, IWithTimers
{
    private const string StartKey = "backoff-start";
    private const string ResetKey = "backoff-reset";

    private IActorRef? _child;
    private int _restartCount;

    // Set when the strategy turned a Restart into a Stop: the coming Terminated is a failure, not a voluntary stop.
    private bool _restartPending;

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => StartChild();

    protected override SupervisorStrategy SupervisorStrategy()
    {
        var inner = options.SupervisorStrategy ?? Kernel.SupervisorStrategy.DefaultStrategy;
        if (!options.OnFailure)
        {
            return inner;
        }

        return new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, cause =>
        {
            var directive = inner.Decide(cause);
            if (directive == Directive.Restart)
            {
                _restartPending = true;
                return Directive.Stop;
            }

            return directive;
        }, inner.LoggingEnabled);
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Terminated terminated when _child is not null && terminated.ActorRef.Equals(_child):
                OnChildTerminated();
                break;
            case StartChildTick:
                StartChild();
                break;
            case ResetTick reset:
                if (reset.Child.Equals(_child))
                {
                    _restartCount = 0;
                }

                break;
            case GetCurrentChild:
                Sender.Tell(new CurrentChild(_child), Self);
                break;
            case GetRestartCount:
                Sender.Tell(new RestartCount(_restartCount), Self);
                break;
            case ResetBackoff:
                _restartCount = 0;
                break;
            case Terminated:
                break;
            default:
                if (_child is not null)
                {
                    _child.Tell(message, Sender);
                }
                else
                {
                    Context.System.DeadLetters.Tell(new DeadLetter(message, Sender, Self), Self);
                }

                break;
        }
    }

    private void StartChild()
    {
        _child = Context.Watch(Context.ActorOf(options.ChildProps, options.ChildName));
        if (options.AutoReset is { } reset)
        {
            Timers.StartSingleTimer(ResetKey, new ResetTick(_child), reset);
        }
    }

    private void OnChildTerminated()
    {
        _child = null;
        Timers.Cancel(ResetKey);
        var failed = _restartPending;
        _restartPending = false;
        if (options.OnFailure && !failed)
        {
            Context.Stop(Self);
            return;
        }

        if (options.MaxNrOfRetries >= 0 && _restartCount >= options.MaxNrOfRetries)
        {
            Context.Stop(Self);
            return;
        }

        var delay = BackoffSupervisor.CalculateDelay(_restartCount, options.MinBackoff, options.MaxBackoff, options.RandomFactor);
        _restartCount++;
        Timers.StartSingleTimer(StartKey, StartChildTick.Instance, delay);
    }

    private sealed class StartChildTick
    {
        public static StartChildTick Instance { get; } = new();
    }

    private sealed record ResetTick(IActorRef Child);
}
