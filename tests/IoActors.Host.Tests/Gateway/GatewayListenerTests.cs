using System.Net;
using System.Net.WebSockets;
using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Gateway;

public sealed class GatewayOwnPortTests(GatewayPortHostFixture fixture) : IClassFixture<GatewayPortHostFixture>
{
    [Fact]
    public async Task Gateway_WithGwPort_IsServedOnItsOwnListenerOnly()
    {
        var gateway = fixture.Host.GatewayUrl!;
        gateway.Port.Should().NotBe(new Uri(fixture.Host.Url).Port);
        using (var socket = new ClientWebSocket())
        {
            await socket.ConnectAsync(gateway, CancellationToken.None);
            socket.State.Should().Be(WebSocketState.Open);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }

        using var onApiPort = new ClientWebSocket();
        var connect = () => onApiPort.ConnectAsync(new Uri(fixture.Host.Url.Replace("http://", "ws://", StringComparison.Ordinal) + "/gw"), CancellationToken.None);
        await connect.Should().ThrowAsync<WebSocketException>();

        using var http = new HttpClient { BaseAddress = new Uri($"http://{gateway.Authority}") };
        (await http.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the gateway's listener serves only /gw");
        (await fixture.Client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task NodeInstance_WithGwPort_GetsTheGatewaysOwnUrl()
    {
        var context = await StartingContext.OfANewInstanceAsync(fixture);
        context.GetProperty("gwURL").GetString().Should().Be(fixture.Host.GatewayUrl!.ToString());
        context.GetProperty("gwURL").GetString().Should().NotStartWith(fixture.Host.Url.Replace("http://", "ws://", StringComparison.Ordinal));
    }
}

public sealed class GatewayConfiguredUrlTests(GatewayUrlHostFixture fixture) : IClassFixture<GatewayUrlHostFixture>
{
    [Fact]
    public async Task NodeInstance_WithGwUrl_GetsTheConfiguredUrl()
    {
        var context = await StartingContext.OfANewInstanceAsync(fixture);
        context.GetProperty("gwURL").GetString().Should().Be(GatewayUrlHostFixture.Url);
    }
}
