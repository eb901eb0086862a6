using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Server;
using IoActors.Gateway.Tests.Support;
using Xunit;

namespace IoActors.Gateway.Tests;

public sealed class ServerPeerTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RegisterMethod_ClientCalls_HandlerSeesCallerAndResultReturns()
    {
        await _host.Gateway.Server.RegisterMethodAsync("Test.Add", (call, _) =>
            ValueTask.FromResult<JsonNode?>(new JsonObject { ["sum"] = call.Arguments["a"]!.GetValue<int>() + call.Arguments["b"]!.GetValue<int>(), ["caller"] = call.Caller.InstanceId }));
        await using var client = await RawClient.LoginAsync(_host, "adder", "adder-app");
        await client.JoinAgmAsync();
        var (serverId, methodId) = await client.ExpectMethodAsync("Test.Add");

        var result = await client.CallAsync(serverId, methodId, new JsonObject { ["a"] = 2, ["b"] = 3 });

        serverId.Should().Be(_host.Gateway.Server.PeerId);
        result["result"]!["sum"]!.GetValue<int>().Should().Be(5);
        result["result"]!["caller"]!.ToString().Should().Be("adder");
    }

    [Fact]
    public async Task JoinAgm_PeersAndMethodsExistAlready_AllAnnouncedBeforeTheJoinSucceeds()
    {
        // The client takes interop as ready on the join's success and looks for T42.ACS.RegisterInstance at once:
        // a methods-added that comes after that success is missed, whatever the timing on the socket.
        await _host.Gateway.Server.RegisterMethodAsync("Test.Platform", (_, _) => ValueTask.FromResult<JsonNode?>(null));
        await using var other = await RawClient.LoginAsync(_host, "other", "other-app");
        await other.JoinAgmAsync();
        await other.RegisterAsync("1", "Test.Other");
        await using var client = await RawClient.LoginAsync(_host, "joiner", "joiner-app");

        var before = new List<JsonObject>();
        var join = new JsonObject { ["type"] = "join", ["domain"] = "global", ["destination"] = "agm", ["request_id"] = "join-1" };
        await client.SendAsync(join);
        var success = await client.ExpectAsync(m =>
        {
            if (m["request_id"]?.ToString() == "join-1")
            {
                return true;
            }

            before.Add(m);
            return false;
        }, "the join's answer");

        success["type"]!.ToString().Should().Be("success");
        before.Where(m => m["type"]?.ToString() == "peer-added").Select(m => m["new_peer_id"]!.ToString())
            .Should().BeEquivalentTo([_host.Gateway.Server.PeerId, other.PeerId]);
        before.Where(m => m["type"]?.ToString() == "methods-added").SelectMany(m => m["methods"]!.AsArray().Select(x => x!["name"]!.ToString()))
            .Should().Contain(["Test.Platform", "Test.Other"]);
    }

    [Fact]
    public async Task RegisterMethod_HandlerThrows_CallerGetsErrorWithContext()
    {
        await _host.Gateway.Server.RegisterMethodAsync("Test.Fail", (_, _) => throw new GatewayMethodException("bad input", new JsonObject { ["field"] = "a" }));
        await using var client = await RawClient.LoginAsync(_host);
        await client.JoinAgmAsync();
        var (serverId, methodId) = await client.ExpectMethodAsync("Test.Fail");

        var error = await client.CallAsync(serverId, methodId);

        error["type"]!.ToString().Should().Be("error");
        error["reason"]!.ToString().Should().Be("bad input");
        error["context"]!["field"]!.ToString().Should().Be("a");
    }

    [Fact]
    public async Task RegisterMethod_DuplicateName_Throws()
    {
        await _host.Gateway.Server.RegisterMethodAsync("Test.Once", (_, _) => ValueTask.FromResult<JsonNode?>(null));

        var again = () => _host.Gateway.Server.RegisterMethodAsync("Test.Once", (_, _) => ValueTask.FromResult<JsonNode?>(null));

        (await again.Should().ThrowAsync<ArgumentException>()).WithMessage("*Test.Once*");
    }

    [Fact]
    public async Task RegisterStream_Subscriber_GetsSnapshotBeforePushes()
    {
        var release = new TaskCompletionSource();
        var stream = await _host.Gateway.Server.RegisterStreamAsync("Test.Feed", async (request, _) =>
        {
            await release.Task;
            return new JsonObject { ["snapshot"] = request.Arguments["who"]?.ToString() };
        });
        await using var client = await RawClient.LoginAsync(_host);
        await client.JoinAgmAsync();
        var (serverId, methodId) = await client.ExpectMethodAsync("Test.Feed");

        var subscribed = await client.RequestAsync(new JsonObject { ["type"] = "subscribe", ["domain"] = "agm", ["server_id"] = serverId, ["method_id"] = methodId, ["arguments_kv"] = new JsonObject { ["who"] = "me" } });
        stream.Push(new JsonObject { ["n"] = 1 });
        release.SetResult();
        var first = await client.ExpectTypeAsync("event");
        var second = await client.ExpectTypeAsync("event");

        subscribed["type"]!.ToString().Should().Be("subscribed");
        first["data"]!["snapshot"]!.ToString().Should().Be("me");
        second["data"]!["n"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task InvokeAll_ClientsWithTheMethod_EachAnswers()
    {
        await using var a = await RawClient.LoginAsync(_host, "a", "app-a");
        await a.JoinAgmAsync();
        await a.RegisterAsync("1", "Test.Ask");
        await using var b = await RawClient.LoginAsync(_host, "b", "app-b");
        await b.JoinAgmAsync();
        await b.RegisterAsync("x", "Test.Ask");

        var results = _host.Gateway.Server.InvokeAllAsync("Test.Ask", new JsonObject { ["q"] = 1 }, TimeSpan.FromSeconds(10));
        var invokeA = await a.ExpectTypeAsync("invoke");
        var invokeB = await b.ExpectTypeAsync("invoke");
        await a.SendAsync(new JsonObject { ["type"] = "yield", ["domain"] = "agm", ["invocation_id"] = invokeA["invocation_id"]!.ToString(), ["result"] = new JsonObject { ["from"] = "a" } });
        await b.SendAsync(new JsonObject { ["type"] = "error", ["domain"] = "agm", ["request_id"] = invokeB["invocation_id"]!.ToString(), ["reason"] = "no" });
        var all = await results;

        invokeA["caller_id"]!.ToString().Should().Be(_host.Gateway.Server.PeerId);
        all.Should().HaveCount(2);
        all.Single(r => r.Server.InstanceId == "a").Result!["from"]!.ToString().Should().Be("a");
        all.Single(r => r.Server.InstanceId == "b").Error.Should().Be("no");
    }

    [Fact]
    public async Task RequestShutdown_OneClientPrevents_DecisionNamesIt()
    {
        await using var a = await RawClient.LoginAsync(_host, "a", "keeper");
        await a.JoinAgmAsync();
        await a.RegisterAsync("1", "T42.ACS.OnGDShutdown");

        var decision = _host.Gateway.RequestShutdownAsync(restarting: true);
        var invoke = await a.ExpectTypeAsync("invoke");
        await a.SendAsync(new JsonObject { ["type"] = "yield", ["domain"] = "agm", ["invocation_id"] = invoke["invocation_id"]!.ToString(), ["result"] = new JsonObject { ["prevent"] = true } });
        var result = await decision;

        invoke["arguments_kv"]!["restarting"]!.GetValue<bool>().Should().BeTrue();
        result.Prevented.Should().BeTrue();
        result.PreventedBy.Single().Application.Should().Be("keeper");
    }

    [Fact]
    public async Task SignalAppReady_CallerWithoutInstance_Error()
    {
        await using var host = await GatewayHost.StartAsync(o => o.Credentials.Add(new GatewayCredential("u", "p")));
        await using var client = await RawClient.ConnectAsync(host.Url);
        await client.RequestAsync(new JsonObject
        {
            ["type"] = "hello",
            ["identity"] = new JsonObject { ["application"] = "external" },
            ["authentication"] = new JsonObject { ["method"] = "secret", ["login"] = "u", ["secret"] = "p" },
        });
        await client.JoinAgmAsync();
        var (serverId, methodId) = await client.ExpectMethodAsync("T42.GD.Execute");

        var error = await client.CallAsync(serverId, methodId, new JsonObject { ["command"] = "signal-app-ready" });
        var unknown = await client.CallAsync(serverId, methodId, new JsonObject { ["command"] = "dance" });

        error["reason"]!.ToString().Should().Contain("not tied to a platform instance");
        unknown["reason"]!.ToString().Should().Contain("'dance'").And.Contain("signal-app-ready");
    }
}
