using FluentAssertions;
using IoActors.Gateway.Internal;
using IoActors.Gateway.Tests.Support;
using IoActors.Platform;
using IoActors.Platform.Configuration;
using Xunit;

namespace IoActors.Gateway.Tests;

/// <summary>A gateway whose router the platform runs as its child, /user/platform/gateway (as the ioactors host does).</summary>
public sealed class HostedByPlatformTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ioactors-gw-hosted-" + Guid.NewGuid().ToString("N")[..8]);
    private GatewayHost _host = null!;
    private IoPlatform? _platform;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _host = await GatewayHost.StartAsync(o => o.HostedByPlatform = true);
    }

    public async Task DisposeAsync()
    {
        if (_platform is not null)
        {
            await _platform.DisposeAsync();
        }

        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private IoGateway Gateway => (IoGateway)_host.Gateway;

    private IoPlatform CreatePlatform() => _platform = IoPlatform.Create(new IoPlatformOptions
    {
        Configuration = new PlatformOptions { ConfigFolder = _folder, IoActors = { DataFolder = Path.Combine(_folder, "data") } },
        HandleProcessSignals = false,
        Children = [new PlatformChild(_host.Gateway.RouterName, _host.Gateway.RouterProps)],
    });

    [Fact]
    public async Task Connection_BeforeThePlatformExists_WaitsThenLogsInToTheRouterUnderThePlatform()
    {
        Gateway.WhenReady.IsCompleted.Should().BeFalse("no platform runs the router yet");
        var login = RawClient.LoginAsync(_host);

        var platform = CreatePlatform();
        await using var client = await login.WaitAsync(Wait);

        var router = await Gateway.RouterStarted.WaitAsync(Wait);
        router.Path.ToStringWithoutAddress().Should().Be("/user/platform/gateway");
        client.Welcome!["type"]!.ToString().Should().Be("welcome");
        (await _host.Gateway.GetPeersAsync()).Should().ContainSingle(p => p.PeerId == client.PeerId);
        await platform.WhenBooted.WaitAsync(Wait);
    }

    [Fact]
    public async Task PlatformShutsDown_TheRouterStopsWithIt_AndTheGatewayStopsWithoutWaitingForIt()
    {
        var platform = CreatePlatform();
        await using var client = await RawClient.LoginAsync(_host).WaitAsync(Wait);
        await platform.WhenBooted.WaitAsync(Wait);

        await platform.DisposeAsync();
        (await client.Closed.WaitAsync(Wait)).Should().Be(System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable, "the router tells its clients when it stops with the platform");

        await _host.Gateway.StopAsync().WaitAsync(TimeSpan.FromSeconds(5));
    }
}
