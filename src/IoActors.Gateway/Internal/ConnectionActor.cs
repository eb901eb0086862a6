using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace IoActors.Gateway.Internal;

/// <summary>
/// One connected client: runs the handshake (hello → authentication → welcome), then forwards the client's
/// messages to the router with its peer id. Stops when the socket closes.
/// </summary>
internal sealed class ConnectionActor : ReceiveActor, IWithTimers
{
    private readonly GatewayCore _core;
    private readonly Outbox _outbox;
    private readonly string _remote;
    private readonly DirectRoute _route;
    private string? _peerId;
    private DirectRoute.Target? _target;

    public ConnectionActor(GatewayCore core, Outbox outbox, string remote, DirectRoute route)
    {
        _core = core;
        _outbox = outbox;
        _remote = remote;
        _route = route;
        Receive<ClientFrame>(f => Handle(() => OnHelloFrame(f.Message)));
        Receive<RawAgmFrame>(f => Handle(() => Fail(f.RequestId, Wire.ErrAuthentication, $"Expected a hello message first, got type '{f.Type}'.")));
        Receive<HandshakeTimedOut>(_ => Fail(null, Wire.ErrAuthentication, "No valid hello within " + _core.Options.HandshakeTimeout + "."));
        Receive<ClientClosed>(_ => Context.Stop(Self));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        Timers.StartSingleTimer("handshake", HandshakeTimedOut.Instance, _core.Options.HandshakeTimeout);
    }

    private void OnHelloFrame(JsonObject msg)
    {
        try
        {
            OnHello(msg);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            // The frame passed the entry checks; a hello this actor still cannot read is refused like any bad hello.
            Fail(null, Wire.ErrInvalidMessage, "hello: " + ex.Message);
        }
    }

    private void OnHello(JsonObject msg)
    {
        var type = Wire.Str(msg, "type");
        var requestId = Wire.Id(msg, "request_id");
        if (type != "hello")
        {
            Fail(requestId, Wire.ErrAuthentication, $"Expected a hello message first, got type '{type ?? "(none)"}'.");
            return;
        }

        if (msg["identity"] is not JsonObject identity)
        {
            Fail(requestId, Wire.ErrInvalidMessage, "hello: field 'identity' is missing or not an object.");
            return;
        }

        foreach (var field in (string[])["application", "applicationName", "instance", "machine"])
        {
            if (identity[field] is { } value && value.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                Fail(requestId, Wire.ErrInvalidMessage, $"hello: identity.{field} must be a string, not {value.GetValueKind().ToString().ToLowerInvariant()}.");
                return;
            }
        }

        if (msg["authentication"] is not JsonObject auth)
        {
            Fail(requestId, Wire.ErrAuthentication, "hello: field 'authentication' is missing or not an object.");
            return;
        }

        var method = Wire.Str(auth, "method");
        string? instanceId = null;
        string? grantedApp = null;
        string user = _core.Options.User;
        switch (method)
        {
            case "gateway-token":
            case "access-token":
                if (!_core.Tokens.TryValidate(Wire.Str(auth, "token"), out var inst, out var app))
                {
                    Fail(requestId, Wire.ErrAuthentication, $"Authentication failed: the {method} is not one this platform issued (or it was revoked).");
                    return;
                }

                instanceId = inst;
                grantedApp = app;
                break;
            case "secret":
                var login = Wire.Str(auth, "login");
                var secret = Wire.Str(auth, "secret") ?? "";
                var match = _core.Options.Credentials.FirstOrDefault(c => c.User == login && c.Secret == secret);
                if (match is null)
                {
                    Fail(requestId, Wire.ErrAuthentication, $"Authentication failed: user '{login}' with that secret is not configured.");
                    return;
                }

                user = match.User;
                break;
            default:
                Fail(requestId, Wire.ErrAuthentication, $"Authentication failed: method '{method ?? "(none)"}' is not supported (use gateway-token, access-token or secret).");
                return;
        }

        Timers.Cancel("handshake");
        _peerId = Guid.NewGuid().ToString("N")[..16];
        var resolved = (JsonObject)identity.DeepClone();
        if (instanceId is not null)
        {
            // A token the platform issued for one of its instances: who this is comes from the platform, whatever the
            // hello claims, so no client can pass for another app, instance, machine or user.
            resolved["application"] = grantedApp;
            resolved["applicationName"] = grantedApp;
            resolved["instance"] = instanceId;
            resolved["machine"] = Environment.MachineName;
            resolved["user"] = user;
            resolved["environment"] = _core.Options.Environment;
            resolved["region"] = _core.Options.Region;
        }
        else
        {
            resolved["user"] = user;
            resolved["machine"] ??= Environment.MachineName;
            resolved["environment"] ??= _core.Options.Environment;
            resolved["region"] ??= _core.Options.Region;
            // A client the platform did not start gets an instance id of its own: the one it registers as (RegisterInstance).
            resolved["instance"] ??= Guid.NewGuid().ToString("N");
        }

        resolved["application"] ??= "app-" + _peerId;
        var welcome = Wire.Message(Wire.Global, "welcome", requestId, _peerId);
        welcome["resolved_identity"] = resolved;
        welcome["available_domains"] = new JsonArray(
            new JsonObject { ["uri"] = "agm", ["version"] = 1 },
            new JsonObject { ["uri"] = "context", ["version"] = 2 },
            new JsonObject { ["uri"] = "bus", ["version"] = 1 },
            new JsonObject { ["uri"] = "metrics", ["version"] = 1 });
        welcome["options"] = new JsonObject { ["info"] = new JsonObject { ["gateway"] = "ioactors" } };
        _outbox.Send(welcome);
        var peer = new PeerState(_peerId, (JsonObject)resolved.DeepClone(), instanceId, _outbox, Self);
        Context.Parent.Tell(new PeerLogin(peer));
        _target = new DirectRoute.Target(Context.Parent, _peerId);
        _route.Open(Context.Parent, _peerId);
        _core.Logger.LogDebug("Peer {PeerId} logged in from {Remote} as {Application} (instance {Instance})", _peerId, _remote, resolved["application"]?.ToString(), instanceId);
        Become(LoggedIn);
    }

    private void LoggedIn()
    {
        Receive<ClientFrame>(f => Handle(() => DirectRoute.Forward(_target!, f.Message, _outbox)));
        Receive<RawAgmFrame>(f => Handle(() => Context.Parent.Tell(new PeerRawFrame(_peerId!, f))));
        Receive<ClientClosed>(c =>
        {
            Context.Parent.Tell(new PeerLeft(_peerId!, c.Reason));
            Context.Stop(Self);
        });
        Receive<HandshakeTimedOut>(_ => { });
    }

    // Every frame from the read loop is counted when handled, even when its handler throws (see DirectRoute).
    private void Handle(Action handler)
    {
        try
        {
            handler();
        }
        finally
        {
            _route.Handled();
        }
    }

    private void Fail(string? requestId, string reasonUri, string reason)
    {
        _core.Logger.LogInformation("Rejecting connection from {Remote}: {Reason}", _remote, reason);
        _outbox.Send(Wire.Error(Wire.Global, requestId, null, reasonUri, reason));
        _outbox.Close(WebSocketCloseStatus.PolicyViolation, reason);
    }
}
