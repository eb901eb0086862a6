using IoActors.Kernel;

namespace IoActors.TestKit;

/// <summary>The actor behind a TestKit's TestActor and a TestProbe: it queues every message for the test to inspect.</summary>
internal sealed class QueueingActor : UntypedActor
{
    private readonly MessageQueue _queue;
    private readonly TestActorHooks _hooks;

    public QueueingActor(MessageQueue queue, TestActorHooks hooks)
    {
        _queue = queue;
        _hooks = hooks;
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case WatchCommand watch:
                Context.Watch(watch.Target);
                watch.Done.TrySetResult();
                break;
            case UnwatchCommand unwatch:
                Context.Unwatch(unwatch.Target);
                unwatch.Done.TrySetResult();
                break;
            default:
                if (_hooks.Ignore is { } ignore && ignore(message))
                {
                    return;
                }

                _queue.Enqueue(new MessageEnvelope(message, Sender));
                if (_hooks.AutoPilot is { } pilot && !pilot(message, Sender))
                {
                    _hooks.RemoveAutoPilot(pilot);
                }

                break;
        }
    }
}
