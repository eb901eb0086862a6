using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Gateway;

public sealed class GatewayHostingTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task NodeInstance_StartingContext_CarriesTheGatewayUrlTokenAndAppConfig()
    {
        await using var events = await SseReader.OpenAsync(fixture.Client, "/api/events?types=InstanceStopped");
        var start = await fixture.Client.PostAsync("/api/instances", new StringContent("""{ "app": "ctxdump" }""", Encoding.UTF8, "application/json"));
        start.StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
        var stopped = await events.NextAsync();
        stopped.Data.Should().Contain("ctxdump");

        var context = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.Folder, "ctx.json"))).RootElement;
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
