using IoActors.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IoActors.Benchmarks.Gateway;

/// <summary>
/// Real Kestrel at 127.0.0.1 on a free port serving the gateway at <c>/gw</c> (no platform core: interop and contexts
/// only) and the <see cref="WebSocketRelay"/> at <c>/relay</c>, in the benchmark's process.
/// </summary>
public sealed class BenchGatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchGatewayHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        Gateway = app.Services.GetRequiredService<IIoGateway>();
        GatewayUrl = new Uri(baseUrl, "gw");
        RelayUrl = new Uri(baseUrl, "relay");
    }

    /// <summary>The gateway.</summary>
    public IIoGateway Gateway { get; }

    /// <summary>The gateway's WebSocket URL.</summary>
    public Uri GatewayUrl { get; }

    /// <summary>The relay's WebSocket URL.</summary>
    public Uri RelayUrl { get; }

    /// <summary>Starts the host.</summary>
    public static async Task<BenchGatewayHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, NoSignals>();
        // BENCH_PLATFORM_METHODS=0: the gateway announces none of the platform's T42.* methods (to measure what the
        // client library's per-invoke work over every announced method costs the caller).
        builder.Services.AddIoGateway(o => o.RegisterPlatformMethods = Environment.GetEnvironmentVariable("BENCH_PLATFORM_METHODS") != "0");
        var app = builder.Build();
        app.MapIoGateway("/gw");
        var relay = new WebSocketRelay();
        var relayPipeline = ((IEndpointRouteBuilder)app).CreateApplicationBuilder().UseWebSockets();
        relayPipeline.Run(relay.HandleAsync);
        app.Map("/relay", relayPipeline.Build());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchGatewayHost(app, new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // The default console lifetime would take Ctrl+C and SIGTERM to stop only this host, and the benchmark run would go
    // on without it; with this one, they end the process.
    private sealed class NoSignals : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
