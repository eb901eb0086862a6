using System.Text.Json.Nodes;
using IoActors.Gateway.Server;
using Microsoft.Extensions.Logging;

namespace IoActors.Gateway.Internal;

/// <summary>
/// The per-call agm messages (call, yield) on their fast path: routed from the fields the frame check read, with the
/// arguments and results forwarded as the clients' JSON bytes and the invoke/result written straight to UTF-8. Same
/// answers, errors and bookkeeping as the tree-based handlers in GatewayActor.Agm.cs.
/// </summary>
internal sealed partial class GatewayActor
{
    private void OnRawFrame(PeerRawFrame raw)
    {
        if (!_peers.TryGetValue(raw.PeerId, out var peer))
        {
            return;
        }

        var frame = raw.Frame;
        try
        {
            if (!peer.InAgm)
            {
                Reply(peer, Wire.Error(Wire.Agm, frame.RequestId, peer.Id, Wire.ErrNotJoined, $"Join the agm domain before sending '{frame.Type}'."));
                return;
            }

            if (frame.Type == "call")
            {
                OnRawCall(peer, frame);
            }
            else
            {
                OnRawYield(peer, frame);
            }
        }
        catch (Exception ex)
        {
            // As in OnFrame: a handler's fault answers the sender and the router goes on.
            if (ex is not (InvalidOperationException or FormatException or ArgumentException or System.Text.Json.JsonException))
            {
                _core.Logger.LogWarning(ex, "Handling a '{Type}' message of peer {PeerId} in domain agm failed", frame.Type, peer.Id);
            }

            Reply(peer, Wire.Error(Wire.Agm, frame.RequestId, peer.Id, Wire.ErrInvalidMessage, $"Invalid '{frame.Type}' message: {ex.Message}"));
        }
    }

    private void OnRawCall(PeerState caller, RawAgmFrame call)
    {
        if (!TryTarget(caller, call.RequestId, call.ServerId, call.MethodId, "call", out var requestId, out var server, out var methodId, out _))
        {
            return;
        }

        if (server.IsServerPeer)
        {
            var args = call.Payload.IsEmpty ? new JsonObject() : JsonNode.Parse(call.Payload.Span) as JsonObject ?? new JsonObject();
            RunServerMethod(caller, requestId, methodId, args);
            return;
        }

        var invocationId = NextId("i");
        _invocations[invocationId] = (caller.Id, requestId, server.Id);
        server.InvocationsServing.Add(invocationId);
        server.Outbox!.SendRaw(_rawWriter.Invoke(server.Id, invocationId, methodId, caller.Id, call.Payload.Span, call.Context.Span));
    }

    private void OnRawYield(PeerState server, RawAgmFrame yield)
    {
        var invocationId = yield.InvocationId!;
        if (_invocations.Remove(invocationId, out var pending) && pending.ServerId == server.Id)
        {
            server.InvocationsServing.Remove(invocationId);
            if (_peers.TryGetValue(pending.CallerId, out var caller))
            {
                caller.Outbox?.SendRaw(_rawWriter.Result(pending.RequestId, caller.Id, yield.Payload.Span));
            }

            return;
        }

        if (_serverInvocations.Remove(invocationId, out var own) && own.ServerId == server.Id)
        {
            server.InvocationsServing.Remove(invocationId);
            var result = yield.Payload.IsEmpty ? null : JsonNode.Parse(yield.Payload.Span);
            own.Reply.TrySetResult(new GatewayInvokeResult(server.Info, true, result, null));
        }

        // A yield for an unknown or timed-out invocation is dropped.
    }
}
