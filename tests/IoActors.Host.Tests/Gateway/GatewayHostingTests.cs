using System.Net.WebSockets;
using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Gateway;

public sealed class GatewayHostingTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task NodeInstance_StartingContext_CarriesTheGatewayUrlTokenAndAppConfig()
    {
        var context = await StartingContext.OfANewInstanceAsync(fixture);
        context.GetProperty("gwURL").GetString().Should().Be(fixture.Host.Url.Replace("http://", "ws://", StringComparison.Ordinal) + "/gw");
        context.GetProperty("gwToken").GetString().Should().NotBeNullOrEmpty();
        context.GetProperty("applicationConfig").GetProperty("name").GetString().Should().Be("ctxdump");
        context.GetProperty("apiUrl").GetString().Should().Be(fixture.Host.Url);
    }

    [Fact]
    public async Task Gateway_IsServedOnTheApiPort()
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(fixture.Host.Url.Replace("http://", "ws://", StringComparison.Ordinal) + "/gw"), CancellationToken.None);
        socket.State.Should().Be(WebSocketState.Open);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }
}
