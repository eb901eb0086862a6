using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace IoActors.Gateway.Internal;

/// <summary>
/// The send queue of one connection, bounded in bytes, and its writer loop. Enqueueing never blocks: a client whose
/// queue would hold more than the limit is cut off — what is queued is dropped at once, the message being written
/// finishes, then a close frame (1008) says why; a client that does not even take that within the grace period loses
/// its socket. A slow reader therefore costs at most the limit plus one message, and never stalls the router.
/// </summary>
internal sealed class Outbox
{
    /// <summary>What a queued message costs beyond its bytes (the array and the queue node), so many tiny messages count too.</summary>
    internal const int MessageOverhead = 64;

    private const int Open = 0;
    private const int Closing = 1;
    private const int Aborted = 2;
    private const int CutOff = 3;

    // Unbounded channel with the bound enforced here (bounded channels have open bugs with cancelled reads). Several
    // readers: the cut-off drains it while the writer may be waiting on the socket.
    private readonly Channel<byte[]> _queue = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = false });
    private readonly long _limit;
    private readonly TimeSpan _closeGrace;

    // Cancelled a grace period after a cut-off: ends a send the client does not take.
    private readonly CancellationTokenSource _cutOff = new();
    private long _bytes;
    private int _state;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeReason = "";

    /// <param name="limit">The most bytes (each message's size plus <see cref="MessageOverhead"/>) that may wait; a message is always taken when nothing waits.</param>
    /// <param name="closeGrace">How long a cut-off client gets to take the message being written and the close frame.</param>
    public Outbox(long limit, TimeSpan closeGrace)
    {
        _limit = limit;
        _closeGrace = closeGrace;
    }

    /// <summary>Raised (once, on the sending thread) when the queue would exceed its limit; the argument is the close reason.</summary>
    public event Action<string>? Overflowed;

    public bool IsOpen => Volatile.Read(ref _state) == Open;

    /// <summary>The bytes waiting (message sizes plus overhead).</summary>
    public long PendingBytes => Interlocked.Read(ref _bytes);

    public bool Send(JsonObject message) => SendRaw(Wire.Serialize(message));

    public bool SendRaw(byte[] payload)
    {
        if (Volatile.Read(ref _state) != Open)
        {
            return false;
        }

        var cost = payload.Length + MessageOverhead;
        var pending = Interlocked.Add(ref _bytes, cost);
        if (pending > _limit && pending != cost)
        {
            Interlocked.Add(ref _bytes, -cost);
            CutOffClient();
            return false;
        }

        if (!_queue.Writer.TryWrite(payload))
        {
            Interlocked.Add(ref _bytes, -cost);
            return false;
        }

        return true;
    }

    /// <summary>Sends what is queued, then a close frame with this status and reason.</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.CompareExchange(ref _state, Closing, Open) == Open)
        {
            SetCloseFrame(status, reason);
            _queue.Writer.TryComplete();
        }
    }

    /// <summary>Writes queued messages to the socket until closed; returns after the close frame (or abort).</summary>
    public async Task RunAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var reader = _queue.Reader;
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cutOff.Token);
        try
        {
            while (await reader.WaitToReadAsync(lifetime.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var payload))
                {
                    Interlocked.Add(ref _bytes, -(payload.Length + MessageOverhead));
                    if (Volatile.Read(ref _state) is Aborted or CutOff)
                    {
                        break;
                    }

                    await socket.SendAsync(payload, WebSocketMessageType.Text, true, lifetime.Token).ConfigureAwait(false);
                }
            }

            if (Volatile.Read(ref _state) is Closing or CutOff && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
                timeout.CancelAfter(_closeGrace);
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
        Interlocked.Exchange(ref _state, Aborted);
        _queue.Writer.TryComplete();
        Drain();
    }

    private void CutOffClient()
    {
        if (Interlocked.CompareExchange(ref _state, CutOff, Open) != Open)
        {
            return;
        }

        var reason = $"Send queue over {_limit} bytes: the client does not read its messages fast enough.";
        SetCloseFrame(WebSocketCloseStatus.PolicyViolation, reason);
        _queue.Writer.TryComplete();
        Drain();
        _cutOff.CancelAfter(_closeGrace);
        Overflowed?.Invoke(reason);
    }

    // Frees what waits now, not when the writer gets to it.
    private void Drain()
    {
        while (_queue.Reader.TryRead(out var payload))
        {
            Interlocked.Add(ref _bytes, -(payload.Length + MessageOverhead));
        }
    }

    private void SetCloseFrame(WebSocketCloseStatus status, string reason)
    {
        _closeStatus = status;
        // A close reason has at most 123 bytes of UTF-8 (reasons may quote client text).
        var length = Math.Min(reason.Length, 123);
        while (System.Text.Encoding.UTF8.GetByteCount(reason.AsSpan(0, length)) > 123 || (length > 0 && char.IsHighSurrogate(reason[length - 1])))
        {
            length--;
        }

        _closeReason = reason[..length];
    }
}
