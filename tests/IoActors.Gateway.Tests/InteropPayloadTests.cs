using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Tests.Support;
using Xunit;

namespace IoActors.Gateway.Tests;

/// <summary>
/// Calls and yields are routed from their fields with the arguments and results forwarded as the client's JSON bytes:
/// what the other side reads is the same JSON, odd payloads get the defaults the protocol gives them, and routing
/// errors and the handshake rules are those of every other message.
/// </summary>
public sealed class InteropPayloadTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Call_WithEscapedTextNestedValuesAndContext_ServerAndCallerReadTheSameJson()
    {
        var (server, client) = await TwoPeersAsync();
        await using var _ = server;
        await using var __ = client;

        await client.SendTextAsync("""{ "type" : "call", "domain":"agm", "request_id":"p1", "server_id":"SERVER", "method_id":"m1", "arguments_kv": {"s":"\u00e9\"<x>\n","list":[1, 2.5, null, true, {"k":"v"}]}, "context": {"c":1} }""".Replace("SERVER", server.PeerId, StringComparison.Ordinal));
        var invoke = await server.ExpectTypeAsync("invoke");
        await server.SendTextAsync($$"""{"type":"yield","domain":"agm","invocation_id":"{{invoke["invocation_id"]}}","result": [ "é", {"n":null} ] }""");
        var result = await client.ExpectAsync(m => m["request_id"]?.ToString() == "p1", "the result");

        invoke["arguments_kv"]!.ToJsonString().Should().Be(JsonNode.Parse("""{"s":"é\"<x>\n","list":[1,2.5,null,true,{"k":"v"}]}""")!.ToJsonString());
        invoke["context"]!["c"]!.GetValue<int>().Should().Be(1);
        invoke["caller_id"]!.ToString().Should().Be(client.PeerId);
        result["type"]!.ToString().Should().Be("result");
        result["peer_id"]!.ToString().Should().Be(client.PeerId);
        result["result"]!.ToJsonString().Should().Be(JsonNode.Parse("""["é",{"n":null}]""")!.ToJsonString());
    }

    [Fact]
    public async Task Call_WithArgumentsNotAnObjectAndNoContext_ServerGetsEmptyObjects_AndAYieldWithoutResultGivesAnEmptyResult()
    {
        var (server, client) = await TwoPeersAsync();
        await using var _ = server;
        await using var __ = client;

        await client.SendTextAsync($$"""{"type":"call","domain":"agm","request_id":7,"server_id":"{{server.PeerId}}","method_id":"m1","arguments_kv":[1,2]}""");
        var invoke = await server.ExpectTypeAsync("invoke");
        await server.SendTextAsync($$"""{"type":"yield","domain":"agm","invocation_id":"{{invoke["invocation_id"]}}","result":null}""");
        var result = await client.ExpectAsync(m => m["request_id"]?.ToString() == "7", "the result of the numbered request");

        invoke["arguments_kv"]!.ToJsonString().Should().Be("{}");
        invoke["context"]!.ToJsonString().Should().Be("{}");
        result["result"]!.ToJsonString().Should().Be("{}");
    }

    [Fact]
    public async Task Call_BeforeJoiningAgm_GetsDomainNotJoined_AndAYieldOfNoInvocationIsDropped()
    {
        await using var client = await RawClient.LoginAsync(_host, "not-joined", "not-joined-app");

        var error = await client.RequestAsync(new JsonObject { ["type"] = "call", ["domain"] = "agm", ["server_id"] = "x", ["method_id"] = "m1" });
        await client.JoinAgmAsync();
        await client.SendAsync(new JsonObject { ["type"] = "yield", ["domain"] = "agm", ["invocation_id"] = "i-unknown", ["result"] = new JsonObject() });
        var next = await client.RequestAsync(new JsonObject { ["type"] = "create-context", ["domain"] = "global", ["name"] = "after", ["data"] = new JsonObject() });

        error["reason_uri"]!.ToString().Should().Be("global.errors.domain_not_joined");
        next["type"]!.ToString().Should().Be("context-created", "the connection still works");
    }

    [Fact]
    public async Task Call_BeforeHello_IsRefusedLikeAnyFirstMessageThatIsNotAHello()
    {
        await using var client = await RawClient.ConnectAsync(_host.Url);

        await client.SendTextAsync("""{"type":"call","domain":"agm","request_id":"c0","server_id":"x","method_id":"m1"}""");
        var error = await client.ExpectAsync(m => m["request_id"]?.ToString() == "c0", "the refusal");

        error["reason_uri"]!.ToString().Should().Be("global.errors.authentication.failure");
        error["reason"]!.ToString().Should().Contain("'call'");
        await client.Closed.WaitAsync(RawClient.Timeout);
    }

    private async Task<(RawClient Server, RawClient Client)> TwoPeersAsync()
    {
        var server = await RawClient.LoginAsync(_host, "payload-server", "payload-server-app");
        await server.JoinAgmAsync();
        (await server.RegisterAsync("m1", "Echo"))["type"]!.ToString().Should().Be("success");
        var client = await RawClient.LoginAsync(_host, "payload-client", "payload-client-app");
        await client.JoinAgmAsync();
        return (server, client);
    }
}
