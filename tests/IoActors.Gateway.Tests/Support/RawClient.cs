using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace IoActors.Gateway.Tests.Support;

/// <summary>A raw WebSocket peer speaking gateway JSON, for protocol tests.</summary>
public sealed partial class RawClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<JsonObject> _inbox = Channel.CreateUnbounded<JsonObject>();
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Messages an expectation skipped; later expectations look here first.
    private readonly List<JsonObject> _skipped = [];
    private int _nextRequest;

    public string? PeerId { get; private set; }

    public JsonObject? Welcome { get; private set; }

    /// <summary>Completes with the close status when the server closes the connection.</summary>
    public Task<WebSocketCloseStatus?> Closed => _closed.Task;

    /// <summary>The reason the server gave in its close frame, once <see cref="Closed"/> completed.</summary>
    public string? CloseReason => _socket.CloseStatusDescription;

    public static async Task<RawClient> ConnectAsync(Uri url, bool read = true)
    {
        var client = new RawClient();
        await client._socket.ConnectAsync(url, CancellationToken.None);
        if (read)
        {
            _ = client.ReadLoopAsync();
        }

        return client;
    }

    /// <summary>Connects to <paramref name="url"/> and logs in with <paramref name="token"/> (gateway-token), sending <paramref name="identity"/> in the hello.</summary>
    public static async Task<RawClient> LoginAsync(Uri url, string token, JsonObject identity)
    {
        var client = await ConnectAsync(url);
        var welcome = await client.RequestAsync(new JsonObject
        {
            ["type"] = "hello",
            ["domain"] = "global",
            ["identity"] = identity,
            ["authentication"] = new JsonObject { ["method"] = "gateway-token", ["token"] = token },
        });
        if (welcome["type"]?.ToString() != "welcome")
        {
            throw new InvalidOperationException("login failed: " + welcome.ToJsonString());
        }

        client.LoggedIn(welcome);
        return client;
    }

    /// <summary>Records the welcome of a hello the test sent itself: later messages carry its peer id.</summary>
    public void LoggedIn(JsonObject welcome)
    {
        Welcome = welcome;
        PeerId = welcome["peer_id"]!.ToString();
    }

    /// <summary>Starts reading a client connected with <c>read: false</c> (a client that stopped reading and resumes).</summary>
    public void StartReading() => _ = ReadLoopAsync();

    public string NextRequestId() => "r" + Interlocked.Increment(ref _nextRequest);

    public async Task SendAsync(JsonObject message)
    {
        if (message["peer_id"] is null && PeerId is not null)
        {
            message["peer_id"] = PeerId;
        }

        await SendTextAsync(message.ToJsonString());
    }

    public Task SendTextAsync(string text) => _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Takes the next message already received (skipped ones first) without waiting.</summary>
    public bool TryTake(out JsonObject message)
    {
        lock (_skipped)
        {
            if (_skipped.Count > 0)
            {
                message = _skipped[0];
                _skipped.RemoveAt(0);
                return true;
            }
        }

        return _inbox.Reader.TryRead(out message!);
    }

    /// <summary>Sends a request (adding a request id) and returns the first message answering it.</summary>
    public async Task<JsonObject> RequestAsync(JsonObject message)
    {
        var id = message["request_id"]?.ToString() ?? NextRequestId();
        message["request_id"] = id;
        await SendAsync(message);
        return await ExpectAsync(m => m["request_id"]?.ToString() == id, $"an answer to request {id} ({message["type"]})");
    }

    /// <summary>Returns the next message that matches, skipping others; fails after the timeout naming what it waited for.</summary>
    public async Task<JsonObject> ExpectAsync(Func<JsonObject, bool> predicate, string what)
    {
        lock (_skipped)
        {
            var earlier = _skipped.FindIndex(m => predicate(m));
            if (earlier >= 0)
            {
                var found = _skipped[earlier];
                _skipped.RemoveAt(earlier);
                return found;
            }
        }

        using var cts = new CancellationTokenSource(Timeout);
        var skipped = new List<string>();
        try
        {
            while (true)
            {
                var message = await _inbox.Reader.ReadAsync(cts.Token);
                if (predicate(message))
                {
                    return message;
                }

                skipped.Add(message["type"]?.ToString() ?? "?");
                lock (_skipped)
                {
                    _skipped.Add(message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Timed out after {Timeout} waiting for {what}; skipped: [{string.Join(", ", skipped)}].");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"Connection closed while waiting for {what}; skipped: [{string.Join(", ", skipped)}].");
        }
    }

    public Task<JsonObject> ExpectTypeAsync(string type) => ExpectAsync(m => m["type"]?.ToString() == type, $"a '{type}' message");

    public Task<JsonObject> JoinAgmAsync() => RequestAsync(new JsonObject { ["type"] = "join", ["domain"] = "global", ["destination"] = "agm" });

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var ms = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _closed.TrySetResult(result.CloseStatus);
                    break;
                }

                ms.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    var node = JsonNode.Parse(ms.ToArray())!.AsObject();
                    ms.SetLength(0);
                    await _inbox.Writer.WriteAsync(node);
                }
            }
        }
        catch (WebSocketException)
        {
            _closed.TrySetResult(null);
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }

        _socket.Dispose();
    }

    /// <summary>Closes the socket abruptly (no close handshake).</summary>
    public void Abort() => _socket.Abort();
}
