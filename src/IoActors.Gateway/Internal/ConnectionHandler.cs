using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Akka.Actor;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IoActors.Gateway.Internal;

/// <summary>Accepts a WebSocket, creates its connection actor and runs its read loop and writer loop.</summary>
internal static class ConnectionHandler
{
    // How long a client that is cut off or closed gets to take the message being written and the close frame.
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    public static async Task HandleAsync(HttpContext http, IoGateway gateway)
    {
        var options = gateway.Options;
        var remote = http.Connection.RemoteIpAddress;
        if (!options.AllowRemoteConnections && remote is not null && !IPAddress.IsLoopback(remote))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.Response.WriteAsync($"The io.Connect gateway accepts only local connections; {remote} is not a loopback address.", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync("This endpoint speaks the io.Connect gateway protocol over WebSocket; send a WebSocket upgrade request.", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var outbox = new Outbox(options.SendQueueLimit, CloseGrace);
        var remoteText = $"{remote}:{http.Connection.RemotePort}";
        IActorRef connection;
        var route = new DirectRoute();
        try
        {
            // A gateway hosted by the platform takes connections once the platform created its router.
            await gateway.WhenReady.WaitAsync(TimeSpan.FromSeconds(10), http.RequestAborted).ConfigureAwait(false);
            var router = await gateway.RouterAsync(http.RequestAborted).ConfigureAwait(false);
            connection = await router.Ask<IActorRef>(new OpenConnection(outbox, remoteText, route), TimeSpan.FromSeconds(10), http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AskTimeoutException or OperationCanceledException or InvalidOperationException or TimeoutException)
        {
            socket.Abort();
            return;
        }

        outbox.Overflowed += reason =>
        {
            gateway.Core.Logger.LogWarning("Cutting off {Remote}: {Reason}", remoteText, reason);
            // The peer leaves now: the router stops routing to it while its socket closes.
            connection.Tell(new ClientClosed("cut off: " + reason), ActorRefs.NoSender);
        };

        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, gateway.Core.Stopping.Token);
        var writer = outbox.RunAsync(socket, lifetime.Token);
        _ = writer.ContinueWith(
            _ =>
            {
                // The gateway closed the connection (close frame sent, or the socket gave up): a client that does not
                // answer the close frame is not waited for beyond the grace period.
                try
                {
                    lifetime.CancelAfter(CloseGrace);
                }
                catch (ObjectDisposedException)
                {
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        var reason = "closed";
        try
        {
            reason = await ReadLoopAsync(socket, outbox, connection, route, options.MaxMessageBytes, lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            reason = "connection lost";
        }
        finally
        {
            connection.Tell(new ClientClosed(reason), ActorRefs.NoSender);
            gateway.Core.Logger.LogDebug("Read loop of {Remote} ended: {Reason} (socket {State})", remoteText, reason, socket.State);
        }

        if (socket.State == WebSocketState.CloseReceived)
        {
            outbox.Close(WebSocketCloseStatus.NormalClosure, "bye");
        }
        else if (socket.State != WebSocketState.Open)
        {
            outbox.Abandon();
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await writer.WaitAsync(grace.Token).ConfigureAwait(false);
            gateway.Core.Logger.LogDebug("Writer of {Remote} ended", remoteText);
        }
        catch (OperationCanceledException)
        {
            socket.Abort();
            http.Abort();
        }
    }

    private static async Task<string> ReadLoopAsync(WebSocket socket, Outbox outbox, IActorRef connection, DirectRoute route, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var validator = new FrameValidator();
        try
        {
            var count = 0;
            while (true)
            {
                if (count == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    Buffer.BlockCopy(buffer, 0, bigger, 0, count);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var result = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return "closed by client";
                }

                count += result.Count;
                if (count > maxBytes)
                {
                    var reason = $"Message exceeds the limit of {maxBytes} bytes.";
                    outbox.Send(Wire.Error(Wire.Global, null, null, Wire.ErrTooLarge, reason));
                    outbox.Close(WebSocketCloseStatus.MessageTooBig, reason);
                    return "message too large";
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (!outbox.IsOpen)
                {
                    // Closing (or cut off): the client's further frames are not served.
                }
                else if (result.MessageType == WebSocketMessageType.Binary)
                {
                    outbox.Send(Wire.Error(Wire.Global, null, null, Wire.ErrInvalidMessage, "Binary messages are not supported; send JSON text."));
                }
                else
                {
                    Dispatch(buffer.AsSpan(0, count), validator, outbox, connection, route);
                }

                count = 0;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Dispatch(ReadOnlySpan<byte> utf8, FrameValidator validator, Outbox outbox, IActorRef connection, DirectRoute route)
    {
        JsonNode? node;
        try
        {
            if (validator.Check(utf8, out var scan) is { } problem)
            {
                outbox.Send(Wire.Error(problem.Domain ?? Wire.Global, problem.RequestId, null, Wire.ErrInvalidMessage, problem.Reason));
                return;
            }

            // Interop calls and yields (the per-call messages) are routed from their fields and raw payload bytes.
            if (RawAgmFrame.TryCreate(utf8, scan) is { } raw)
            {
                if (route.TakeDirect() is { } direct)
                {
                    direct.Router.Tell(new PeerRawFrame(direct.PeerId, raw), ActorRefs.NoSender);
                }
                else
                {
                    route.GivenToActor();
                    connection.Tell(raw, ActorRefs.NoSender);
                }

                return;
            }

            node = JsonNode.Parse(utf8);
        }
        catch (JsonException ex)
        {
            outbox.Send(Wire.Error(Wire.Global, null, null, Wire.ErrInvalidMessage, $"Malformed JSON at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}: {ex.Message}"));
            return;
        }

        if (node is not JsonObject message)
        {
            outbox.Send(Wire.Error(Wire.Global, null, null, Wire.ErrInvalidMessage, $"A message must be a JSON object, got {node?.GetValueKind().ToString() ?? "null"}."));
            return;
        }

        // A logged-in peer's frames go to the router directly once its connection actor has handled the earlier ones.
        if (route.TakeDirect() is { } target)
        {
            DirectRoute.Forward(target, message, outbox);
        }
        else
        {
            route.GivenToActor();
            connection.Tell(new ClientFrame(message), ActorRefs.NoSender);
        }
    }
}
