using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Tests.Support;
using Xunit;

namespace IoActors.Gateway.Tests;

public sealed class InteropTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(RawClient Server, RawClient Client)> TwoPeersAsync()
    {
        var server = await RawClient.LoginAsync(_host, "server-1", "server-app");
        await server.JoinAgmAsync();
        (await server.RegisterAsync("m1", "Echo"))["type"]!.ToString().Should().Be("success");
        var client = await RawClient.LoginAsync(_host, "client-1", "client-app");
        await client.JoinAgmAsync();
        return (server, client);
    }

    [Fact]
    public async Task Join_ExistingPeerWithMethods_AnnouncesPeerAndMethodsBothWays()
    {
        var (server, client) = await TwoPeersAsync();
        await using var _ = server;
        await using var __ = client;

        var peerAdded = await client.ExpectAsync(m => m["type"]?.ToString() == "peer-added" && m["new_peer_id"]?.ToString() == server.PeerId, "peer-added for the server");
        var (serverId, methodId) = await client.ExpectMethodAsync("Echo");
        var serverSeesClient = await server.ExpectAsync(m => m["type"]?.ToString() == "peer-added" && m["new_peer_id"]?.ToString() == client.PeerId, "peer-added for the client");

        peerAdded["identity"]!["instance"]!.ToString().Should().Be("server-1");
        serverId.Should().Be(server.PeerId);
        methodId.Should().Be("m1");
        serverSeesClient["identity"]!["application"]!.ToString().Should().Be("client-app");
    }

    [Fact]
    public async Task Call_ServerYields_CallerGetsResult()
    {
        var (server, client) = await TwoPeersAsync();
        await using var _ = server;
        await using var __ = client;

        var call = client.CallAsync(server.PeerId!, "m1", new JsonObject { ["x"] = 1 });
        var invoke = await server.ExpectTypeAsync("invoke");
        invoke["method_id"]!.ToString().Should().Be("m1");
        invoke["caller_id"]!.ToString().Should().Be(client.PeerId);
        invoke["arguments_kv"]!["x"]!.GetValue<int>().Should().Be(1);
        await server.SendAsync(new JsonObject { ["type"] = "yield", ["domain"] = "agm", ["invocation_id"] = invoke["invocation_id"]!.ToString(), ["result"] = new JsonObject { ["y"] = 2 } });
        var result = await call;

        result["type"]!.ToString().Should().Be("result");
        result["result"]!["y"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task Call_ServerErrors_CallerGetsErrorWithReasonAndContext()
    {
        var (server, client) = await TwoPeersAsync();
        await using var _ = server;
        await using var __ = client;

        var call = client.CallAsync(server.PeerId!, "m1");
        var invoke = await server.ExpectTypeAsync("invoke");
        await server.SendAsync(new JsonObject { ["type"] = "error", ["domain"] = "agm", ["request_id"] = invoke["invocation_id"]!.ToString(), ["reason_uri"] = "agm.errors.client_error", ["reason"] = "nope", ["context"] = new JsonObject { ["code"] = 7 } });
        var error = await call;

        error["type"]!.ToString().Should().Be("error");
        error["reason"]!.ToString().Should().Be("nope");
        error["context"]!["code"]!.GetValue<int>().Should().Be(7);
    }

    [Fact]
    public async Task Call_UnknownPeerOrMethod_ErrorNamesIt()
    {
        var (server, client) = await TwoPeersAsync();
        await using var _ = server;
        await using var __ = client;

        var unknownPeer = await client.CallAsync("no-such-peer", "m1");
        var unknownMethod = await client.CallAsync(server.PeerId!, "m99");
        var missing = await client.RequestAsync(new JsonObject { ["type"] = "call", ["domain"] = "agm" });

        unknownPeer["reason_uri"]!.ToString().Should().Be("agm.errors.unknown_peer");
        unknownPeer["reason"]!.ToString().Should().Contain("no-such-peer");
        unknownMethod["reason_uri"]!.ToString().Should().Be("agm.errors.unregistered_method");
        unknownMethod["reason"]!.ToString().Should().Contain("m99");
        missing["reason"]!.ToString().Should().Contain("server_id");
    }

    [Fact]
    public async Task Register_InvalidMethods_ErrorListsEveryProblem()
    {
        await using var client = await RawClient.LoginAsync(_host);
        await client.JoinAgmAsync();

        var reply = await client.RequestAsync(new JsonObject
        {
            ["type"] = "register",
            ["domain"] = "agm",
            ["methods"] = new JsonArray(new JsonObject { ["id"] = "1" }, new JsonObject { ["name"] = "NoId" }, 5),
        });

        reply["type"]!.ToString().Should().Be("error");
        reply["reason"]!.ToString().Should().Contain("methods[0]").And.Contain("methods[1]").And.Contain("methods[2]");
    }

    [Fact]
    public async Task Unregister_AnnouncesMethodsRemoved()
    {
        var (server, client) = await TwoPeersAsync();
        await using var _ = server;
        await using var __ = client;
        await client.ExpectMethodAsync("Echo");

        await server.RequestAsync(new JsonObject { ["type"] = "unregister", ["domain"] = "agm", ["methods"] = new JsonArray("m1") });
        var removed = await client.ExpectTypeAsync("methods-removed");

        removed["server_id"]!.ToString().Should().Be(server.PeerId);
        removed["methods"]!.AsArray().Select(m => m!.ToString()).Should().Equal("m1");
    }

    [Fact]
    public async Task ServerDisconnects_PendingCallFailsAndPeerRemovedIsAnnounced()
    {
        var (server, client) = await TwoPeersAsync();
        await using var __ = client;
        var call = client.CallAsync(server.PeerId!, "m1");
        await server.ExpectTypeAsync("invoke");

        server.Abort();
        var error = await call;
        var removed = await client.ExpectAsync(m => m["type"]?.ToString() == "peer-removed", "peer-removed");

        error["reason_uri"]!.ToString().Should().Be("agm.errors.client_disconnected");
        removed["removed_id"]!.ToString().Should().Be(server.PeerId);
        (await _host.Gateway.GetPeersAsync()).Select(p => p.PeerId).Should().NotContain(server.PeerId);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Stream_SubscribeAcceptPublishPostUnsubscribe_FollowsTheProtocol()
    {
        await using var server = await RawClient.LoginAsync(_host, "server-2", "stream-app");
        await server.JoinAgmAsync();
        await server.RegisterAsync("s1", "Ticks", streaming: true);
        await using var client = await RawClient.LoginAsync(_host, "client-2", "client-app");
        await client.JoinAgmAsync();

        var subscribe = client.RequestAsync(new JsonObject { ["type"] = "subscribe", ["domain"] = "agm", ["server_id"] = server.PeerId, ["method_id"] = "s1", ["arguments_kv"] = new JsonObject { ["symbol"] = "X" } });
        var interest = await server.ExpectTypeAsync("add-interest");
        interest["arguments_kv"]!["symbol"]!.ToString().Should().Be("X");
        interest["caller_id"]!.ToString().Should().Be(client.PeerId);
        var subscriptionId = interest["subscription_id"]!.ToString();
        await server.SendAsync(new JsonObject { ["type"] = "accepted", ["domain"] = "agm", ["subscription_id"] = subscriptionId, ["stream_id"] = "0" });
        var subscribed = await subscribe;
        subscribed["type"]!.ToString().Should().Be("subscribed");
        subscribed["subscription_id"]!.ToString().Should().Be(subscriptionId);

        await server.SendAsync(new JsonObject { ["type"] = "publish", ["domain"] = "agm", ["stream_id"] = "0", ["data"] = new JsonObject { ["n"] = 1 } });
        var published = await client.ExpectTypeAsync("event");
        published["data"]!["n"]!.GetValue<int>().Should().Be(1);
        published["oob"]!.GetValue<bool>().Should().BeFalse();

        await server.SendAsync(new JsonObject { ["type"] = "post", ["domain"] = "agm", ["subscription_id"] = subscriptionId, ["data"] = new JsonObject { ["n"] = 2 } });
        var posted = await client.ExpectTypeAsync("event");
        posted["data"]!["n"]!.GetValue<int>().Should().Be(2);
        posted["oob"]!.GetValue<bool>().Should().BeTrue();

        await client.SendAsync(new JsonObject { ["type"] = "unsubscribe", ["domain"] = "agm", ["subscription_id"] = subscriptionId });
        var removed = await server.ExpectTypeAsync("remove-interest");
        removed["subscription_id"]!.ToString().Should().Be(subscriptionId);
    }

    [Fact]
    public async Task Stream_ServerDrops_SubscriberGetsCancelled()
    {
        await using var server = await RawClient.LoginAsync(_host, "server-3", "stream-app");
        await server.JoinAgmAsync();
        await server.RegisterAsync("s1", "Ticks", streaming: true);
        await using var client = await RawClient.LoginAsync(_host, "client-3", "client-app");
        await client.JoinAgmAsync();
        var subscribe = client.RequestAsync(new JsonObject { ["type"] = "subscribe", ["domain"] = "agm", ["server_id"] = server.PeerId, ["method_id"] = "s1" });
        var interest = await server.ExpectTypeAsync("add-interest");
        var subscriptionId = interest["subscription_id"]!.ToString();
        await server.SendAsync(new JsonObject { ["type"] = "accepted", ["domain"] = "agm", ["subscription_id"] = subscriptionId, ["stream_id"] = "0" });
        await subscribe;

        await server.SendAsync(new JsonObject { ["type"] = "drop-subscription", ["domain"] = "agm", ["subscription_id"] = subscriptionId, ["reason"] = "bye" });
        var cancelled = await client.ExpectTypeAsync("subscription-cancelled");

        cancelled["subscription_id"]!.ToString().Should().Be(subscriptionId);
        cancelled["reason"]!.ToString().Should().Be("bye");
    }

    [Fact]
    public async Task Stream_ServerRejects_SubscriberGetsError()
    {
        await using var server = await RawClient.LoginAsync(_host, "server-4", "stream-app");
        await server.JoinAgmAsync();
        await server.RegisterAsync("s1", "Ticks", streaming: true);
        await using var client = await RawClient.LoginAsync(_host, "client-4", "client-app");
        await client.JoinAgmAsync();
        var subscribe = client.RequestAsync(new JsonObject { ["type"] = "subscribe", ["domain"] = "agm", ["server_id"] = server.PeerId, ["method_id"] = "s1" });
        var interest = await server.ExpectTypeAsync("add-interest");

        await server.SendAsync(new JsonObject { ["type"] = "error", ["domain"] = "agm", ["request_id"] = interest["subscription_id"]!.ToString(), ["reason"] = "not for you" });
        var error = await subscribe;

        error["type"]!.ToString().Should().Be("error");
        error["reason"]!.ToString().Should().Be("not for you");
    }

    [Fact]
    public async Task SubscriberDisconnects_ServerGetsRemoveInterest()
    {
        await using var server = await RawClient.LoginAsync(_host, "server-5", "stream-app");
        await server.JoinAgmAsync();
        await server.RegisterAsync("s1", "Ticks", streaming: true);
        var client = await RawClient.LoginAsync(_host, "client-5", "client-app");
        await client.JoinAgmAsync();
        var subscribe = client.RequestAsync(new JsonObject { ["type"] = "subscribe", ["domain"] = "agm", ["server_id"] = server.PeerId, ["method_id"] = "s1" });
        var interest = await server.ExpectTypeAsync("add-interest");
        await server.SendAsync(new JsonObject { ["type"] = "accepted", ["domain"] = "agm", ["subscription_id"] = interest["subscription_id"]!.ToString(), ["stream_id"] = "0" });
        await subscribe;

        await client.DisposeAsync();
        var removed = await server.ExpectTypeAsync("remove-interest");
        var peerRemoved = await server.ExpectAsync(m => m["type"]?.ToString() == "peer-removed", "peer-removed");

        removed["subscription_id"]!.ToString().Should().Be(interest["subscription_id"]!.ToString());
        peerRemoved["removed_id"]!.ToString().Should().Be(client.PeerId);
    }
}
