using IoActors.Gateway.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IoActors.Gateway.Tests.Support;

/// <summary>The gateway on real Kestrel at 127.0.0.1 on a free port, over a <see cref="FakePlatform"/>.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, FakePlatform platform, Uri url)
    {
        _app = app;
        Platform = platform;
        Url = url;
        Gateway = app.Services.GetRequiredService<IIoGateway>();
        platform.StartingContext = (instanceId, appName) => Gateway.CreateStartingContext(Url, instanceId, appName).ToJsonString();
    }

    public FakePlatform Platform { get; }

    public IIoGateway Gateway { get; }

    /// <summary>The gateway's WebSocket URL, e.g. ws://127.0.0.1:5123/gw.</summary>
    public Uri Url { get; }

    /// <param name="configure">Configures the gateway.</param>
    /// <param name="platform">The platform; a new <see cref="FakePlatform"/> when not given.</param>
    /// <param name="map">Maps more endpoints beside the gateway's (pages a browser test loads from the same loopback origin).</param>
    public static async Task<GatewayHost> StartAsync(Action<IoGatewayOptions>? configure = null, FakePlatform? platform = null, Action<WebApplication>? map = null)
    {
        platform ??= new FakePlatform();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("IOACTORS_GATEWAY_TEST_LOG") == "1")
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug);
        }

        builder.Services.AddSingleton<IGatewayPlatform>(platform);
        builder.Services.AddIoGateway(configure);
        var app = builder.Build();
        app.MapIoGateway("/gw");
        map?.Invoke(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/gw");
        return new GatewayHost(app, platform, url);
    }

    public async ValueTask DisposeAsync()
    {
        Platform.KillAll();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
