using Akka.Actor;
using Akka.Event;

namespace IoActors.Platform.AppManagement;

/// <summary>Calls a handler for every event of type <typeparamref name="T"/> it receives from the event stream, one at a time.</summary>
internal sealed class EventCallbackActor<T> : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public EventCallbackActor(Action<T> handler)
    {
        Receive<T>(e =>
        {
            try
            {
                handler(e);
            }
            catch (Exception ex)
            {
                // A failing handler must not end the subscription.
                _log.Error(ex, "An App Management event handler for {Event} threw", typeof(T).Name);
            }
        });
    }
}
