namespace IoActors.Kernel.Internal;

/// <summary>A non-actor event-stream subscriber; Offer must never block.</summary>
internal interface IEventSink
{
    void Offer(object @event);
}
