using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Tests.Support;
using Xunit;

namespace IoActors.Gateway.Tests;

/// <summary>
/// Frames that are valid JSON but that .NET cannot read as text (unpaired UTF-16 surrogate escapes) or that repeat a key:
/// rejected where they enter, with a protocol error naming the JSON path, and the connection stays open.
/// </summary>
public sealed class HostileFrameTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(o => o.Credentials.Add(new GatewayCredential("raw", "secret")));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("""{"type":"\udc00","domain":"agm","request_id":"r1"}""", "$.type", "r1", "agm")]
    [InlineData("""{"type":"join","domain":"\ud800","request_id":"r2","destination":"agm"}""", "$.domain", "r2", "global")]
    [InlineData("""{"type":"call","type":"call","domain":"agm","request_id":"r3"}""", "$.type", "r3", "agm")]
    [InlineData("""{"type":"call","domain":"agm","request_id":"r4","arguments_kv":{"a":[1,{"b":"x\udfffy"}]}}""", "$.arguments_kv.a[1].b", "r4", "agm")]
    [InlineData("""{"type":"call","domain":"agm","request_id":"r5","arguments_kv":{"\ud800x":1}}""", "$.arguments_kv", "r5", "agm")]
    [InlineData("""{"type":"create-context","request_id":"r6","name":"n","data":{"k":1,"k":2}}""", "$.data.k", "r6", "global")]
    public async Task Frame_UnreadableTextOrDuplicateKey_GetsAnInvalidMessageErrorNamingThePath_AndTheConnectionStaysOpen(string frame, string path, string requestId, string domain)
    {
        await using var client = await RawClient.LoginAsync(_host, "hostile", "hostile-app");
        await client.JoinAgmAsync();

        await client.SendTextAsync(frame);

        var error = await client.ExpectAsync(m => m["request_id"]?.ToString() == requestId, "the error for the bad frame");
        error["type"]!.ToString().Should().Be("error");
        error["reason_uri"]!.ToString().Should().Be("global.errors.invalid_message");
        error["reason"]!.ToString().Should().Contain(path);
        error["domain"]!.ToString().Should().Be(domain);
        var next = await client.RequestAsync(new JsonObject { ["type"] = "create-context", ["domain"] = "global", ["name"] = "after", ["data"] = new JsonObject() });
        next["type"]!.ToString().Should().Be("context-created", "the connection still works");
        client.Closed.IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task Hello_WithAnUnreadableIdentity_GetsAnErrorNamingThePath_AndAValidHelloThenLogsIn()
    {
        await using var client = await RawClient.ConnectAsync(_host.Url);

        await client.SendTextAsync("""{"type":"hello","request_id":"h1","identity":{"application":"\udc00"},"authentication":{"method":"secret","login":"raw","secret":"secret"}}""");
        var error = await client.ExpectAsync(m => m["request_id"]?.ToString() == "h1", "the error for the bad hello");
        var welcome = await client.RequestAsync(new JsonObject
        {
            ["type"] = "hello",
            ["identity"] = new JsonObject { ["application"] = "raw-app" },
            ["authentication"] = new JsonObject { ["method"] = "secret", ["login"] = "raw", ["secret"] = "secret" },
        });

        error["type"]!.ToString().Should().Be("error");
        error["reason"]!.ToString().Should().Contain("$.identity.application");
        welcome["type"]!.ToString().Should().Be("welcome");
    }
}
