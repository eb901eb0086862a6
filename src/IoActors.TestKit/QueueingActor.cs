using IoActors.Kernel;

namespace IoActors.TestKit;

/// <summary>The actor behind a TestKit's TestActor and a TestProbe: it queues every message for the test to inspect.</summary>
internal sealed class QueueingActor : UntypedActor
{
    private readonly MessageQueue _queue;

    public QueueingActor(MessageQueue queue) => _queue = queue;

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
                _queue.Enqueue(new MessageEnvelope(message, Sender ?? Context.System.DeadLetters));
                break;
        }
    }
}
