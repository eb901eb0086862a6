using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IoActors.Dashboard.Tests.Support;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of the host, to drop the browser's connections on purpose: <see cref="Cut"/> resets
/// every open connection and resets new ones at once until <see cref="Allow"/>. It records the start of each request
/// stream (the request line and headers) it forwarded.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly ConcurrentDictionary<int, (Socket Browser, Socket Host)> _open = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile bool _refusing;
    private int _next;

    public TcpProxy(Uri target)
    {
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy's URL (same scheme, 127.0.0.1 and the proxy's port).</summary>
    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>The beginnings of the requests forwarded so far (up to 8 KB each, as ASCII).</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    /// <summary>Resets every open connection and every new one until <see cref="Allow"/>.</summary>
    public void Cut()
    {
        _refusing = true;
        foreach (var (id, pair) in _open)
        {
            Reset(pair.Browser);
            Reset(pair.Host);
            _open.TryRemove(id, out _);
        }
    }

    /// <summary>Lets connections through again.</summary>
    public void Allow() => _refusing = false;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient browser;
            try
            {
                browser = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (_refusing)
            {
                Reset(browser.Client);
                browser.Dispose();
                continue;
            }

            _ = Task.Run(() => ForwardAsync(browser));
        }
    }

    private async Task ForwardAsync(TcpClient browser)
    {
        var host = new TcpClient();
        var id = Interlocked.Increment(ref _next);
        try
        {
            await host.ConnectAsync(_target, _stop.Token);
            _open[id] = (browser.Client, host.Client);
            if (_refusing)
            {
                // Cut while this one was being connected.
                Reset(browser.Client);
                Reset(host.Client);
                return;
            }

            var up = PumpAsync(browser.GetStream(), host.GetStream(), record: true);
            var down = PumpAsync(host.GetStream(), browser.GetStream(), record: false);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A cut or a closed side ends the pair.
        }
        finally
        {
            _open.TryRemove(id, out _);
            browser.Dispose();
            host.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool record)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (record)
                {
                    // Each chunk the browser sends starts with a request line in practice (small requests, no bodies of note).
                    _requests.Enqueue(Encoding.ASCII.GetString(buffer, 0, Math.Min(read, 8192)));
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            // Linger 0: close with a RST, as a dropped network path or a killed proxy would look to the browser.
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The pair had ended by itself meanwhile.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting;
        _stop.Dispose();
    }
}
