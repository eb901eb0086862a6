using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace IoActors.Gateway.Internal;

/// <summary>
/// The bounded send queue of one connection and its writer loop. Enqueueing never blocks: a client that falls
/// <c>capacity</c> messages behind is disconnected, so a slow reader cannot stall the gateway or other clients.
/// </summary>
internal sealed class Outbox
{
    // Unbounded channel with the bound enforced here (bounded channels have open bugs with cancelled reads).
    private readonly Channel<byte[]> _queue = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _capacity;
    private int _count;
    // 0 open, 1 closing gracefully, 2 aborted.
    private int _state;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeReason = "";

    public Outbox(int capacity)
    {
        _capacity = capacity;
    }

    /// <summary>Raised (once) when the queue overflowed and the connection must be dropped.</summary>
    public event Action? Overflowed;

    public bool IsOpen => Volatile.Read(ref _state) == 0;

    public int Pending => Volatile.Read(ref _count);

    public bool Send(JsonObject message) => SendRaw(Wire.Serialize(message));

    public bool SendRaw(byte[] payload)
    {
        if (Volatile.Read(ref _state) != 0)
        {
            return false;
        }

        if (Interlocked.Increment(ref _count) > _capacity)
        {
            Interlocked.Decrement(ref _count);
            if (Interlocked.CompareExchange(ref _state, 2, 0) == 0)
            {
                _queue.Writer.TryComplete();
                Overflowed?.Invoke();
            }

            return false;
        }

        return _queue.Writer.TryWrite(payload);
    }

    /// <summary>Sends what is queued, then a close frame with this status and reason.</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) == 0)
        {
            _closeStatus = status;
            _closeReason = reason.Length > 120 ? reason[..120] : reason;
            _queue.Writer.TryComplete();
        }
    }

    /// <summary>Writes queued messages to the socket until closed; returns after the close frame (or abort).</summary>
    public async Task RunAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var payload))
                {
                    Interlocked.Decrement(ref _count);
                    if (Volatile.Read(ref _state) == 2)
                    {
                        return;
                    }

                    await socket.SendAsync(payload, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
                }
            }

            if (Volatile.Read(ref _state) == 1 && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(_closeStatus, _closeReason, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Stops accepting messages without a close frame (the socket is going away).</summary>
    public void Abandon()
    {
        Interlocked.Exchange(ref _state, 2);
        _queue.Writer.TryComplete();
    }
}
