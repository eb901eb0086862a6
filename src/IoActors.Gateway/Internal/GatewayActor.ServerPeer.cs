using System.Text.Json.Nodes;
using IoActors.Gateway.Server;

namespace IoActors.Gateway.Internal;

/// <summary>The platform's own peer: its methods and streams, and the calls it makes to every client.</summary>
internal sealed partial class GatewayActor
{
    private void OnRegisterServerMethod(RegisterServerMethod register)
    {
        if (_core.ServerMethods.Add(register.Name, register.Handler, register.Stream) is not { } method)
        {
            register.Done.TrySetException(new ArgumentException($"The server peer already has a method or stream named '{register.Name}'.", nameof(register.Name)));
            return;
        }

        var definition = method.Definition();
        _server.Methods[method.Id] = definition;
        AnnounceMethods(_server, [definition], "methods-added");
        register.Done.TrySetResult();
    }

    private void OnUnregisterServerMethod(UnregisterServerMethod unregister)
    {
        if (_core.ServerMethods.Remove(unregister.Name) is { } method && _server.Methods.Remove(method.Id, out var definition))
        {
            CancelServedSubscriptions(_server, method.Id, "Stream unregistered");
            AnnounceMethods(_server, [definition], "methods-removed");
        }

        unregister.Done.TrySetResult();
    }

    private void OnInvokeClients(InvokeClients invoke)
    {
        var results = new List<(GatewayPeerInfo, Task<GatewayInvokeResult>)>();
        foreach (var peer in _peers.Values)
        {
            if (peer.IsServerPeer || !peer.InAgm || (invoke.OnlyPeer is { } only && peer.Id != only))
            {
                continue;
            }

            var method = peer.Methods.Values.FirstOrDefault(m => Wire.Str(m, "name") == invoke.Method);
            if (method is null)
            {
                continue;
            }

            var invocationId = NextId("p");
            var tcs = new TaskCompletionSource<GatewayInvokeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            _serverInvocations[invocationId] = (peer.Id, tcs);
            peer.InvocationsServing.Add(invocationId);
            var msg = Wire.Message(Wire.Agm, "invoke", null, peer.Id);
            msg["invocation_id"] = invocationId;
            msg["method_id"] = Wire.Id(method, "id");
            msg["caller_id"] = _server.Id;
            msg["arguments_kv"] = invoke.Arguments?.DeepClone() ?? new JsonObject();
            msg["context"] = new JsonObject();
            peer.Outbox!.Send(msg);
            results.Add((peer.Info, tcs.Task));
        }

        invoke.Reply.TrySetResult(results);
    }
}
