using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IoActors.Testing;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (a free port): either one handler the test sets and changes per request
/// (<see cref="StartAsync()"/>, <see cref="Handler"/>) or the routes a test maps (<see cref="StartAsync(Action{WebApplication})"/>).
/// Every request is recorded.
/// </summary>
public sealed class TestHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<RecordedRequest> _arrivals = Channel.CreateUnbounded<RecordedRequest>();

    // Released at dispose so hanging handlers end.
    private readonly TaskCompletionSource _stopping = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Func<HttpContext, Task> _handler = ctx => { ctx.Response.StatusCode = 404; return Task.CompletedTask; };

    private TestHttpServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Func<HttpContext, Task> Handler { get => _handler; set => _handler = value; }

    /// <summary>Starts a server that answers every request with <see cref="Handler"/> (404 until the test sets one).</summary>
    public static Task<TestHttpServer> StartAsync() => StartAsync(null);

    /// <summary>Starts a server with the routes <paramref name="map"/> adds (requests are recorded before they are routed).</summary>
    public static async Task<TestHttpServer> StartAsync(Action<WebApplication>? map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new TestHttpServer(app);
        app.Urls.Add("http://127.0.0.1:0");
        if (map is null)
        {
            app.Run(server.HandleAsync);
        }
        else
        {
            app.Use(async (context, next) =>
            {
                await server.RecordAsync(context);
                await next(context);
            });
            map(app);
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>The URL of <paramref name="path"/> on the server (a leading '/' is allowed).</summary>
    public Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    /// <summary>Waits (real time) for the next request to arrive at a handler.</summary>
    public async Task<RecordedRequest> NextRequestAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _arrivals.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no request arrived at {BaseUrl} within {(timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds} s");
        }
    }

    /// <summary>Drains the arrivals already recorded.</summary>
    public int DrainArrivals()
    {
        var n = 0;
        while (_arrivals.Reader.TryRead(out _))
        {
            n++;
        }

        return n;
    }

    /// <summary>A handler that never answers (until the client gives up or the server stops).</summary>
    public Task HangAsync(HttpContext ctx) => _stopping.Task.WaitAsync(ctx.RequestAborted);

    public static async Task WriteJsonAsync(HttpContext ctx, string json, int status = 200, string? etag = null)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        if (etag is not null)
        {
            ctx.Response.Headers.ETag = etag;
        }

        await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(json));
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        await RecordAsync(ctx);
        await _handler(ctx);
    }

    private async Task RecordAsync(HttpContext ctx)
    {
        var headers = ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        string body;
        // Buffered, so a mapped route still reads the body.
        ctx.Request.EnableBuffering();
        using (var reader = new StreamReader(ctx.Request.Body, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync();
        }

        ctx.Request.Body.Position = 0;

        var recorded = new RecordedRequest(ctx.Request.Method, ctx.Request.Path.Value ?? string.Empty, headers, body);
        Requests.Enqueue(recorded);
        _arrivals.Writer.TryWrite(recorded);
    }
}

/// <summary>One request the server received.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}
