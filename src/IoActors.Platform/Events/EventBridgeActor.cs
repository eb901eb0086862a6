using System.Threading.Channels;
using Akka.Actor;

namespace IoActors.Platform.Events;

/// <summary>Moves the events it receives from the event stream into an <see cref="EventSubscription{T}"/>'s buffer; completes it when stopped.</summary>
/// <typeparam name="T">The event type.</typeparam>
internal sealed class EventBridgeActor<T> : ReceiveActor
{
    private readonly ChannelWriter<T> _writer;

    public EventBridgeActor(Action<T> offer, ChannelWriter<T> writer)
    {
        _writer = writer;
        Receive<T>(offer);
    }

    protected override void PostStop() => _writer.TryComplete();
}
