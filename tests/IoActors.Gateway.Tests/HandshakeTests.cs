using System.Net.WebSockets;
using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Tests.Support;
using Xunit;

namespace IoActors.Gateway.Tests;

public sealed class HandshakeTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(o =>
    {
        o.Credentials.Add(new GatewayCredential("bench", "s3cret"));
        o.MaxMessageBytes = 4096;
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static JsonObject Hello(JsonObject authentication) => new()
    {
        ["type"] = "hello",
        ["domain"] = "global",
        ["identity"] = new JsonObject { ["application"] = "raw" },
        ["authentication"] = authentication,
    };

    [Fact]
    public async Task Hello_IssuedToken_WelcomeCarriesPeerIdIdentityAndDomains()
    {
        await using var client = await RawClient.LoginAsync(_host, "inst-7", "my-app");

        var welcome = client.Welcome!;
        welcome["domain"]!.ToString().Should().Be("global");
        welcome["peer_id"]!.ToString().Should().NotBeNullOrEmpty();
        var identity = welcome["resolved_identity"]!.AsObject();
        identity["instance"]!.ToString().Should().Be("inst-7");
        identity["application"]!.ToString().Should().Be("my-app");
        identity["environment"]!.ToString().Should().Be("IOACTORS");
        welcome["available_domains"]!.AsArray().Select(d => d!["uri"]!.ToString()).Should().Contain(["agm", "context", "bus", "metrics"]);
        welcome["available_domains"]!.AsArray().Single(d => d!["uri"]!.ToString() == "context")!["version"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task Hello_UnknownToken_AuthenticationErrorAndClose()
    {
        await using var client = await RawClient.ConnectAsync(_host.Url);

        var reply = await client.RequestAsync(Hello(new JsonObject { ["method"] = "gateway-token", ["token"] = "forged" }));

        reply["type"]!.ToString().Should().Be("error");
        reply["reason_uri"]!.ToString().Should().Be("global.errors.authentication.failure");
        reply["reason"]!.ToString().Should().Contain("gateway-token");
        (await client.Closed.WaitAsync(RawClient.Timeout)).Should().Be(WebSocketCloseStatus.PolicyViolation);
    }

    [Fact]
    public async Task Hello_ConfiguredSecret_Welcome()
    {
        await using var client = await RawClient.ConnectAsync(_host.Url);

        var reply = await client.RequestAsync(Hello(new JsonObject { ["method"] = "secret", ["login"] = "bench", ["secret"] = "s3cret" }));

        reply["type"]!.ToString().Should().Be("welcome");
        reply["resolved_identity"]!["user"]!.ToString().Should().Be("bench");
    }

    [Fact]
    public async Task Hello_WrongSecret_AuthenticationError()
    {
        await using var client = await RawClient.ConnectAsync(_host.Url);

        var reply = await client.RequestAsync(Hello(new JsonObject { ["method"] = "secret", ["login"] = "bench", ["secret"] = "nope" }));

        reply["type"]!.ToString().Should().Be("error");
        reply["reason"]!.ToString().Should().Contain("bench");
    }

    [Fact]
    public async Task Hello_NoAuthentication_ErrorNamesTheField()
    {
        await using var client = await RawClient.ConnectAsync(_host.Url);

        var reply = await client.RequestAsync(new JsonObject { ["type"] = "hello", ["identity"] = new JsonObject() });

        reply["type"]!.ToString().Should().Be("error");
        reply["reason"]!.ToString().Should().Contain("'authentication'");
    }

    [Fact]
    public async Task FirstMessage_NotHello_ErrorAndClose()
    {
        await using var client = await RawClient.ConnectAsync(_host.Url);

        var reply = await client.RequestAsync(new JsonObject { ["type"] = "join", ["destination"] = "agm" });

        reply["type"]!.ToString().Should().Be("error");
        reply["reason"]!.ToString().Should().Contain("hello");
        (await client.Closed.WaitAsync(RawClient.Timeout)).Should().Be(WebSocketCloseStatus.PolicyViolation);
    }

    [Fact]
    public async Task NoHello_HandshakeTimeout_Closes()
    {
        await using var host = await GatewayHost.StartAsync(o => o.HandshakeTimeout = TimeSpan.FromMilliseconds(200));
        await using var client = await RawClient.ConnectAsync(host.Url);

        var error = await client.ExpectTypeAsync("error");

        error["reason"]!.ToString().Should().Contain("No valid hello");
        (await client.Closed.WaitAsync(RawClient.Timeout)).Should().Be(WebSocketCloseStatus.PolicyViolation);
    }

    [Fact]
    public async Task MalformedJson_ErrorNamesThePosition_ConnectionStaysUsable()
    {
        await using var client = await RawClient.LoginAsync(_host);

        await client.SendTextAsync("{\"type\": \"ping\",\n  \"domain\": }");
        var error = await client.ExpectTypeAsync("error");

        error["reason_uri"]!.ToString().Should().Be("global.errors.invalid_message");
        error["reason"]!.ToString().Should().Contain("line 2");
        var join = await client.JoinAgmAsync();
        join["type"]!.ToString().Should().Be("success");
    }

    [Fact]
    public async Task JsonArray_Error_SaysAnObjectIsRequired()
    {
        await using var client = await RawClient.LoginAsync(_host);

        await client.SendTextAsync("[1,2,3]");
        var error = await client.ExpectTypeAsync("error");

        error["reason"]!.ToString().Should().Contain("JSON object").And.Contain("Array");
    }

    [Fact]
    public async Task UnknownTypeAndDomain_ProtocolErrors()
    {
        await using var client = await RawClient.LoginAsync(_host);

        var unknownType = await client.RequestAsync(new JsonObject { ["type"] = "frobnicate", ["domain"] = "global" });
        var unknownDomain = await client.RequestAsync(new JsonObject { ["type"] = "join", ["domain"] = "global", ["destination"] = "frobnicate-domain" });
        var noType = await client.RequestAsync(new JsonObject { ["domain"] = "global" });
        var notJoined = await client.RequestAsync(new JsonObject { ["type"] = "call", ["domain"] = "agm" });

        unknownType["reason"]!.ToString().Should().Contain("'frobnicate'");
        unknownDomain["reason"]!.ToString().Should().Contain("'frobnicate-domain'");
        noType["reason"]!.ToString().Should().Contain("'type'");
        notJoined["reason_uri"]!.ToString().Should().Be("global.errors.domain_not_joined");
    }

    [Fact]
    public async Task SecondHello_Rejected()
    {
        await using var client = await RawClient.LoginAsync(_host);

        var reply = await client.RequestAsync(Hello(new JsonObject { ["method"] = "secret", ["login"] = "bench", ["secret"] = "s3cret" }));

        reply["type"]!.ToString().Should().Be("error");
        reply["reason"]!.ToString().Should().Contain("Already logged in");
    }

    [Fact]
    public async Task OversizedMessage_ErrorAndMessageTooBigClose()
    {
        await using var client = await RawClient.LoginAsync(_host);

        await client.SendAsync(new JsonObject { ["type"] = "ping", ["padding"] = new string('x', 5000) });
        var error = await client.ExpectTypeAsync("error");

        error["reason_uri"]!.ToString().Should().Be("global.errors.message_too_large");
        error["reason"]!.ToString().Should().Contain("4096");
        (await client.Closed.WaitAsync(RawClient.Timeout)).Should().Be(WebSocketCloseStatus.MessageTooBig);
    }

    [Fact]
    public async Task CreateToken_ReturnsATokenThatLogsIn()
    {
        await using var client = await RawClient.LoginAsync(_host, "inst-9", "token-app");

        var reply = await client.RequestAsync(new JsonObject { ["type"] = "create-token", ["domain"] = "global" });
        await using var second = await RawClient.ConnectAsync(_host.Url);
        var welcome = await second.RequestAsync(Hello(new JsonObject { ["method"] = "gateway-token", ["token"] = reply["token"]!.ToString() }));

        reply["type"]!.ToString().Should().Be("token");
        welcome["resolved_identity"]!["instance"]!.ToString().Should().Be("inst-9");
    }

    [Fact]
    public async Task PlainHttpRequest_BadRequestExplainsWebSocket()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(_host.Url.ToString().Replace("ws://", "http://", StringComparison.Ordinal)));

        ((int)response.StatusCode).Should().Be(400);
        (await response.Content.ReadAsStringAsync()).Should().Contain("WebSocket");
    }
}
