using System.Text.Json.Nodes;
using IoActors.Gateway.Server;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace IoActors.Gateway.Internal;

/// <summary>Streams in the agm domain: subscriptions to client and server-peer streams, publish, post, drop and unsubscribe.</summary>
internal sealed partial class GatewayActor
{
    private void OnSubscribe(PeerState subscriber, JsonObject msg)
    {
        if (!TryTarget(subscriber, msg, "subscribe", out var requestId, out var server, out var methodId, out var method))
        {
            return;
        }

        var args = Wire.Take(msg, "arguments_kv") as JsonObject ?? new JsonObject();
        var sub = new SubscriptionState(NextId("s"), subscriber.Id, requestId, server.Id, methodId);
        _subscriptions[sub.Id] = sub;
        subscriber.Subscribed.Add(sub.Id);
        server.Serving.Add(sub.Id);

        if (server.IsServerPeer)
        {
            _core.ServerMethods.TryGet(methodId, out var registered);
            var (stream, name) = (registered.Stream, registered.Name);
            if (stream is null)
            {
                RemoveSubscription(sub);
                Reply(subscriber, Wire.Error(Wire.Agm, requestId, subscriber.Id, Wire.ErrSubscription, $"'{name}' is not a stream."));
                return;
            }

            sub.ServerStream = stream;
            sub.Branch = stream.BranchOf?.Invoke(args);
            sub.Queued = [];
            stream.Subscriptions.Add(sub.Id);
            var subscribed = Wire.Message(Wire.Agm, "subscribed", requestId, subscriber.Id);
            subscribed["subscription_id"] = sub.Id;
            subscriber.Outbox!.Send(subscribed);
            sub.Accepted = true;
            RunSubscriptionHandler(sub, stream, new GatewayInvocation(name, args, subscriber.Info));
            return;
        }

        var interest = Wire.Message(Wire.Agm, "add-interest", null, server.Id);
        interest["subscription_id"] = sub.Id;
        interest["method_id"] = methodId;
        interest["caller_id"] = subscriber.Id;
        interest["arguments_kv"] = args;
        interest["flags"] = method["flags"]?.DeepClone() ?? new JsonObject();
        interest["context"] = new JsonObject();
        server.Outbox!.Send(interest);
    }

    private void RunSubscriptionHandler(SubscriptionState sub, ServerStream stream, GatewayInvocation request)
    {
        var self = Self;
        var stopping = _core.Stopping.Token;
        var logger = _core.Logger;
        var handler = stream.OnVersionedSubscribe ?? (stream.OnSubscribe is { } unversioned ? Unversioned(unversioned) : null);
        if (handler is null)
        {
            self.Tell(new SnapshotReady(sub.Id, null, null), ActorRefs.NoSender);
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                var (snapshot, version) = await handler(request, stopping).ConfigureAwait(false);
                self.Tell(new SnapshotReady(sub.Id, snapshot, null, version), ActorRefs.NoSender);
            }
            catch (Exception ex)
            {
                if (ex is not GatewayMethodException)
                {
                    logger.LogWarning(ex, "Subscription handler of {Stream} failed", stream.Name);
                }

                self.Tell(new SnapshotReady(sub.Id, null, ex.Message), ActorRefs.NoSender);
            }
        });
    }

    // A snapshot without a version (0): every push that reached the subscription meanwhile follows it.
    private static Func<GatewayInvocation, CancellationToken, ValueTask<(JsonNode? Snapshot, long Version)>> Unversioned(GatewaySubscriptionHandler handler) =>
        async (request, cancellationToken) => (await handler(request, cancellationToken).ConfigureAwait(false), 0L);

    private void OnSnapshotReady(SnapshotReady ready)
    {
        if (!_subscriptions.TryGetValue(ready.SubscriptionId, out var sub) || !_peers.TryGetValue(sub.SubscriberId, out var subscriber))
        {
            return;
        }

        if (ready.Error is not null)
        {
            RemoveSubscription(sub);
            var cancelled = Wire.Message(Wire.Agm, "subscription-cancelled", null, subscriber.Id);
            cancelled["subscription_id"] = sub.Id;
            cancelled["reason_uri"] = Wire.ErrSubscription;
            cancelled["reason"] = ready.Error;
            subscriber.Outbox?.Send(cancelled);
            return;
        }

        if (ready.Snapshot is JsonArray sequence && sub.ServerStream is { SnapshotSequence: true })
        {
            foreach (var item in sequence)
            {
                if (item is not null)
                {
                    subscriber.Outbox?.Send(Event(sub, subscriber.Id, item.DeepClone(), oob: true, snapshot: true));
                }
            }
        }
        else if (ready.Snapshot is not null)
        {
            subscriber.Outbox?.Send(Event(sub, subscriber.Id, ready.Snapshot, oob: true, snapshot: true));
        }

        var queued = sub.Queued;
        sub.Queued = null;
        if (queued is not null)
        {
            foreach (var push in queued)
            {
                // On a versioned stream, a push the snapshot already includes is not sent again.
                if (push.Version == 0 || push.Version > ready.Version)
                {
                    subscriber.Outbox?.Send(Event(sub, subscriber.Id, push.Data.DeepClone(), oob: false, snapshot: false));
                }
            }
        }
    }

    private static JsonObject Event(SubscriptionState sub, string recipient, JsonNode data, bool oob, bool snapshot)
    {
        var e = Wire.Message(Wire.Agm, "event", null, recipient);
        e["subscription_id"] = sub.Id;
        e["oob"] = oob;
        e["snapshot"] = snapshot;
        e["data"] = data;
        return e;
    }

    private void OnStreamPush(StreamPush push)
    {
        foreach (var subId in push.Stream.Subscriptions)
        {
            if (!_subscriptions.TryGetValue(subId, out var sub) || !_peers.TryGetValue(sub.SubscriberId, out var subscriber))
            {
                continue;
            }

            if (push.Branch is not null && push.Branch != sub.Branch)
            {
                continue;
            }

            if (sub.Queued is not null)
            {
                sub.Queued.Add(push);
                continue;
            }

            subscriber.Outbox?.Send(Event(sub, subscriber.Id, push.Data.DeepClone(), oob: false, snapshot: false));
        }
    }

    private void OnAccepted(PeerState server, JsonObject msg)
    {
        var subId = Wire.Id(msg, "subscription_id");
        if (subId is null || !_subscriptions.TryGetValue(subId, out var sub) || sub.ServerId != server.Id || sub.Accepted)
        {
            return;
        }

        sub.Accepted = true;
        sub.StreamId = Wire.Id(msg, "stream_id") ?? "";
        var key = (server.Id, sub.StreamId);
        if (!_streams.TryGetValue(key, out var set))
        {
            _streams[key] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(sub.Id);
        if (_peers.TryGetValue(sub.SubscriberId, out var subscriber))
        {
            var subscribed = Wire.Message(Wire.Agm, "subscribed", sub.RequestId, subscriber.Id);
            subscribed["subscription_id"] = sub.Id;
            subscriber.Outbox?.Send(subscribed);
        }
    }

    private void OnPublish(PeerState server, JsonObject msg)
    {
        var streamId = Wire.Id(msg, "stream_id");
        if (streamId is null || !_streams.TryGetValue((server.Id, streamId), out var set) || set.Count == 0)
        {
            return;
        }

        var data = msg["data"];
        var shared = set.Count == 1;
        foreach (var subId in set)
        {
            if (_subscriptions.TryGetValue(subId, out var sub) && _peers.TryGetValue(sub.SubscriberId, out var subscriber))
            {
                var payload = shared ? Wire.Take(msg, "data") ?? new JsonObject() : data?.DeepClone() ?? new JsonObject();
                subscriber.Outbox?.Send(Event(sub, subscriber.Id, payload, oob: false, snapshot: false));
            }
        }
    }

    private void OnPost(PeerState server, JsonObject msg)
    {
        var subId = Wire.Id(msg, "subscription_id");
        if (subId is null || !_subscriptions.TryGetValue(subId, out var sub) || sub.ServerId != server.Id)
        {
            return;
        }

        if (_peers.TryGetValue(sub.SubscriberId, out var subscriber))
        {
            subscriber.Outbox?.Send(Event(sub, subscriber.Id, Wire.Take(msg, "data") ?? new JsonObject(), oob: true, snapshot: false));
        }
    }

    private void OnDrop(PeerState server, JsonObject msg)
    {
        var subId = Wire.Id(msg, "subscription_id");
        if (subId is null || !_subscriptions.TryGetValue(subId, out var sub) || sub.ServerId != server.Id)
        {
            return;
        }

        CancelSubscription(sub, Wire.Str(msg, "reason") ?? "Dropped by the server");
    }

    private void OnUnsubscribe(PeerState subscriber, JsonObject msg)
    {
        var subId = Wire.Id(msg, "subscription_id");
        if (subId is not null && _subscriptions.TryGetValue(subId, out var sub) && sub.SubscriberId == subscriber.Id)
        {
            RemoveSubscription(sub);
            TellServerInterestRemoved(sub, Wire.Str(msg, "reason") ?? "Unsubscribed");
        }

        Reply(subscriber, Wire.Success(Wire.Agm, Wire.Id(msg, "request_id"), subscriber.Id));
    }

    private void TellServerInterestRemoved(SubscriptionState sub, string reason)
    {
        if (_peers.TryGetValue(sub.ServerId, out var server) && !server.IsServerPeer)
        {
            var removed = Wire.Message(Wire.Agm, "remove-interest", null, server.Id);
            removed["subscription_id"] = sub.Id;
            removed["method_id"] = sub.MethodId;
            removed["caller_id"] = sub.SubscriberId;
            removed["reason"] = reason;
            server.Outbox?.Send(removed);
        }
    }

    private void CancelSubscription(SubscriptionState sub, string reason)
    {
        RemoveSubscription(sub);
        if (_peers.TryGetValue(sub.SubscriberId, out var subscriber))
        {
            var cancelled = Wire.Message(Wire.Agm, "subscription-cancelled", null, subscriber.Id);
            cancelled["subscription_id"] = sub.Id;
            cancelled["reason_uri"] = "";
            cancelled["reason"] = reason;
            subscriber.Outbox?.Send(cancelled);
        }
    }

    private void CancelServedSubscriptions(PeerState server, string methodId, string reason)
    {
        foreach (var subId in server.Serving.ToList())
        {
            if (_subscriptions.TryGetValue(subId, out var sub) && sub.MethodId == methodId)
            {
                CancelSubscription(sub, reason);
            }
        }
    }

    private void RemoveSubscription(SubscriptionState sub)
    {
        _subscriptions.Remove(sub.Id);
        if (_peers.TryGetValue(sub.SubscriberId, out var subscriber))
        {
            subscriber.Subscribed.Remove(sub.Id);
        }

        if (_peers.TryGetValue(sub.ServerId, out var server))
        {
            server.Serving.Remove(sub.Id);
        }

        if (sub.StreamId is not null && _streams.TryGetValue((sub.ServerId, sub.StreamId), out var set))
        {
            set.Remove(sub.Id);
            if (set.Count == 0)
            {
                _streams.Remove((sub.ServerId, sub.StreamId));
            }
        }

        sub.ServerStream?.Subscriptions.Remove(sub.Id);
    }
}
