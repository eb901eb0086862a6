using IoActors.Kernel;

namespace IoActors.Kernel.Tests.Support;

/// <summary>Watches a target (with an optional WatchWith message) and forwards everything it receives to a probe.</summary>
public sealed class WatcherActor : UntypedActor
{
    private readonly IActorRef _target;
    private readonly IActorRef _probe;
    private readonly object? _custom;

    public WatcherActor(IActorRef target, IActorRef probe, object? custom = null)
    {
        _target = target;
        _probe = probe;
        _custom = custom;
    }

    protected override void PreStart()
    {
        if (_custom is null)
        {
            Context.Watch(_target);
        }
        else
        {
            Context.WatchWith(_target, _custom);
        }

        _probe.Tell("watching", Self);
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case "watch-again":
                Context.Watch(_target);
                _probe.Tell("watching", Self);
                break;
            case "unwatch":
                Context.Unwatch(_target);
                _probe.Tell("unwatched", Self);
                break;
            case "stop-target-and-unwatch":
                // The stop overtakes nothing here, but the Terminated may be enqueued before Unwatch runs:
                // Unwatch must still guarantee it is never delivered.
                Context.Stop(_target);
                Context.Unwatch(_target);
                _probe.Tell("unwatched", Self);
                break;
            default:
                _probe.Tell(message, Self);
                break;
        }
    }
}
