using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Gateway;

/// <summary>Reads the starting context the ctxdump app wrote (it runs, writes it and exits).</summary>
internal static class StartingContext
{
    public static async Task<JsonElement> OfANewInstanceAsync(HostFixture fixture)
    {
        await using var events = await SseReader.OpenAsync(fixture.Client, "/api/events?types=InstanceStopped");
        var start = await fixture.Client.PostAsync("/api/instances", new StringContent("""{ "app": "ctxdump" }""", Encoding.UTF8, "application/json"));
        start.StatusCode.Should().Be(HttpStatusCode.Created);
        (await events.NextAsync()).Data.Should().Contain("ctxdump");
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.Folder, "ctx.json"))).RootElement.Clone();
    }
}

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
