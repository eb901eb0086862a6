using System.Text.Json.Nodes;
using IoActors.Gateway.Server;

namespace IoActors.Gateway.Internal;

/// <summary>Peers leaving the agm domain or the gateway: what they served and subscribed to is cleaned up and the others are told.</summary>
internal sealed partial class GatewayActor
{
    private void LeaveAgm(PeerState peer, string reason)
    {
        peer.InAgm = false;
        foreach (var subId in peer.Subscribed.ToList())
        {
            if (_subscriptions.TryGetValue(subId, out var sub))
            {
                RemoveSubscription(sub);
                TellServerInterestRemoved(sub, "Subscriber left");
            }
        }

        foreach (var subId in peer.Serving.ToList())
        {
            if (_subscriptions.TryGetValue(subId, out var sub))
            {
                if (sub.Accepted)
                {
                    CancelSubscription(sub, "Server left");
                }
                else
                {
                    RemoveSubscription(sub);
                    if (_peers.TryGetValue(sub.SubscriberId, out var subscriber))
                    {
                        subscriber.Outbox?.Send(Wire.Error(Wire.Agm, sub.RequestId, subscriber.Id, Wire.ErrPeerGone, "The server left before accepting the subscription."));
                    }
                }
            }
        }

        foreach (var invocationId in peer.InvocationsServing)
        {
            if (_invocations.Remove(invocationId, out var pending) && _peers.TryGetValue(pending.CallerId, out var caller))
            {
                caller.Outbox?.Send(Wire.Error(Wire.Agm, pending.RequestId, caller.Id, Wire.ErrPeerGone, $"Peer '{peer.Id}' disconnected before answering."));
            }

            if (_serverInvocations.Remove(invocationId, out var own))
            {
                own.Reply.TrySetResult(new GatewayInvokeResult(peer.Info, false, null, "Peer disconnected before answering."));
            }
        }

        peer.InvocationsServing.Clear();
        if (peer.Methods.Count > 0)
        {
            AnnounceMethods(peer, peer.Methods.Values.ToList(), "methods-removed");
            peer.Methods.Clear();
        }

        foreach (var other in _peers.Values)
        {
            if (other == peer || !other.InAgm || other.IsServerPeer)
            {
                continue;
            }

            var removed = Wire.Message(Wire.Agm, "peer-removed", null, other.Id);
            removed["removed_id"] = peer.Id;
            removed["reason"] = reason;
            other.Outbox!.Send(removed);
        }
    }

    private void RemovePeer(string peerId, string reason)
    {
        if (!_peers.TryGetValue(peerId, out var peer) || peer.IsServerPeer)
        {
            return;
        }

        if (peer.InAgm)
        {
            LeaveAgm(peer, reason);
        }

        _peers.Remove(peerId);
        foreach (var id in peer.BusSubscriptions)
        {
            _bus.Remove(id);
        }

        foreach (var ctxId in peer.Contexts.ToList())
        {
            if (_contexts.TryGetValue(ctxId, out var ctx))
            {
                ctx.Subscribers.Remove(peerId);
                DestroyIfUnreferenced(ctx);
            }
        }

        foreach (var ctx in _contexts.Values.Where(c => c.OwnerId == peerId && c.Lifetime == "ownership").ToList())
        {
            DestroyContext(ctx, "owner left");
        }

        NotifyObserver(peer, loggedIn: false);
    }
}
