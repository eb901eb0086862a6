using System.Text.Json.Nodes;
using Akka.Actor;

namespace IoActors.Gateway.Internal;

/// <summary>
/// Lets a connection's read loop hand a logged-in peer's frames straight to the router instead of through its connection
/// actor (one actor hop less per message), without reordering them. The connection actor opens the route once, in the
/// handler that tells the router of the login; the read loop takes it only when the actor has handled every frame the
/// loop gave it, so everything the actor forwarded is in the router's mailbox before the first frame sent directly.
/// The only state shared by the two threads: the route (written once) and the count of frames handled, both published
/// with volatile writes. What a frame needs on either path is in <see cref="Forward"/>.
/// </summary>
internal sealed class DirectRoute
{
    private Target? _target;
    private long _handled;

    // Read loop only.
    private long _given;

    /// <summary>Read loop: the router and peer id to send to directly, or null while frames must go to the connection actor.</summary>
    public Target? TakeDirect() => Volatile.Read(ref _target) is { } t && Volatile.Read(ref _handled) == _given ? t : null;

    /// <summary>Read loop: a frame goes to the connection actor.</summary>
    public void GivenToActor() => _given++;

    /// <summary>Connection actor: one frame handled (after it forwarded or answered it).</summary>
    public void Handled() => Volatile.Write(ref _handled, _handled + 1);

    /// <summary>Connection actor: logged in; frames after those it holds may go to the router directly.</summary>
    public void Open(IActorRef router, string peerId) => Volatile.Write(ref _target, new Target(router, peerId));

    /// <summary>A logged-in peer's frame, whichever path it takes: the router gets it, or the client an error.</summary>
    public static void Forward(Target target, JsonObject msg, Outbox outbox)
    {
        var type = Wire.Str(msg, "type");
        var domain = Wire.Str(msg, "domain") ?? Wire.Global;
        if (type is null)
        {
            outbox.Send(Wire.Error(domain, Wire.Id(msg, "request_id"), target.PeerId, Wire.ErrInvalidMessage, "Message has no string field 'type'."));
            return;
        }

        if (type == "hello")
        {
            outbox.Send(Wire.Error(Wire.Global, Wire.Id(msg, "request_id"), target.PeerId, Wire.ErrInvalidMessage, "Already logged in: a second hello is not allowed."));
            return;
        }

        target.Router.Tell(new PeerFrame(target.PeerId, msg, domain, type), ActorRefs.NoSender);
    }

    /// <summary>Where a logged-in peer's frames go.</summary>
    internal sealed record Target(IActorRef Router, string PeerId);
}
