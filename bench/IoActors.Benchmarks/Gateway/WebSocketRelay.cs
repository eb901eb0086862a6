using System.Buffers;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;

namespace IoActors.Benchmarks.Gateway;

/// <summary>
/// The transport baseline of the gateway benchmark: a WebSocket endpoint that pairs one connection with
/// <c>?role=server</c> and one with <c>?role=caller</c> and forwards every frame one of them sends to the other as is
/// (same message type and end-of-message flag, no parsing). Each direction is one receive/send loop over one buffer.
/// </summary>
public sealed class WebSocketRelay
{
    private readonly TaskCompletionSource<WebSocket> _server = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<WebSocket> _caller = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Handles one relay connection until either side closes it or the request is aborted.</summary>
    /// <param name="http">The request.</param>
    public async Task HandleAsync(HttpContext http)
    {
        var role = http.Request.Query["role"].ToString();
        var (mine, peer) = role switch
        {
            "server" => (_server, _caller),
            "caller" => (_caller, _server),
            _ => (null, null),
        };
        if (!http.WebSockets.IsWebSocketRequest || mine is null || peer is null)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        if (!mine.TrySetResult(socket))
        {
            await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, $"the {role} is already connected", http.RequestAborted);
            return;
        }

        var other = await peer.Task.WaitAsync(http.RequestAborted);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), http.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                // Only this loop sends to the other socket, so sends never overlap.
                await other.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, http.RequestAborted);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // A side went away: the benchmark is over (or the node process died, which the benchmark reports).
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
