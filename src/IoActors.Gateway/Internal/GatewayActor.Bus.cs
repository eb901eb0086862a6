using System.Text.Json.Nodes;

namespace IoActors.Gateway.Internal;

/// <summary>The bus domain: topic subscriptions and publishing.</summary>
internal sealed partial class GatewayActor
{
    private void OnBus(PeerState peer, string type, JsonObject msg)
    {
        var requestId = Wire.Id(msg, "request_id");
        switch (type)
        {
            case "subscribe":
            {
                var topic = Wire.Str(msg, "topic");
                if (string.IsNullOrEmpty(topic))
                {
                    Reply(peer, Wire.Error(Wire.Bus, requestId, peer.Id, Wire.ErrInvalidMessage, "subscribe: field 'topic' is required."));
                    return;
                }

                var sub = new BusSubscription(NextId("b"), peer.Id, topic, Wire.Str(msg, "routing_key"));
                _bus[sub.Id] = sub;
                peer.BusSubscriptions.Add(sub.Id);
                var subscribed = Wire.Message(Wire.Bus, "subscribed", requestId, peer.Id);
                subscribed["subscription_id"] = sub.Id;
                Reply(peer, subscribed);
                return;
            }

            case "unsubscribe":
            {
                if (Wire.Id(msg, "subscription_id") is { } id && _bus.Remove(id))
                {
                    peer.BusSubscriptions.Remove(id);
                }

                Reply(peer, Wire.Success(Wire.Bus, requestId, peer.Id));
                return;
            }

            case "publish":
            {
                var topic = Wire.Str(msg, "topic");
                var routingKey = Wire.Str(msg, "routing_key");
                Reply(peer, Wire.Success(Wire.Bus, requestId, peer.Id));
                foreach (var sub in _bus.Values)
                {
                    if (sub.Topic != topic || (sub.RoutingKey is not null && routingKey is not null && sub.RoutingKey != routingKey))
                    {
                        continue;
                    }

                    if (_peers.TryGetValue(sub.PeerId, out var target))
                    {
                        var e = Wire.Message(Wire.Bus, "event", null, target.Id);
                        e["subscription_id"] = sub.Id;
                        e["data"] = msg["data"]?.DeepClone();
                        e["publisher-identity"] = peer.Identity.DeepClone();
                        target.Outbox?.Send(e);
                    }
                }

                return;
            }

            default:
                Unhandled(peer, Wire.Bus, type, msg);
                return;
        }
    }
}
