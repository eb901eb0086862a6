using System.Net.WebSockets;
using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Tests.Support;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Gateway;

/// <summary>
/// Hostile and broken gateway input against the real host (Kestrel, the platform and its router at
/// /user/platform/gateway): frames .NET cannot read as text, a client that stops reading, a hello that claims another
/// identity. Raw WebSocket clients log in with tokens the gateway issues, as the platform does for the instances it starts.
/// </summary>
public sealed class GatewayHardeningTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Frame_LoneSurrogateInRequestId_GetsAnErrorNamingThePath_AndTheRouterKeepsItsPlatformMethods()
    {
        using var reports = new CompatReports();
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["probe"] = CompatHost.NodeApp("probe", "connect.js", reports.Argument("probe")),
        });
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        await using var client = await LoginAsync(host, "raw-1", "raw");
        await client.JoinAgmAsync();
        var before = await PlatformMethodsAsync(client);
        before.Should().HaveCount(58).And.OnlyContain(n => n.StartsWith("T42.", StringComparison.Ordinal) || n.StartsWith("apps.", StringComparison.Ordinal));

        // The JSON escape \udc00 is an unpaired low surrogate: valid JSON, but no .NET string can hold it.
        await client.SendTextAsync("""{"type":"call","domain":"agm","request_id":"\udc00","server_id":"x","method_id":"1"}""");
        await client.SendTextAsync("""{"type":"call","domain":"agm","request_id":"r-dup","request_id":"r-dup","server_id":"x","method_id":"1"}""");

        var error = await client.ExpectAsync(m => m["type"]?.ToString() == "error" && m["reason"]?.ToString().Contains("$.request_id", StringComparison.Ordinal) == true && m["request_id"] is null, "the error for the lone surrogate");
        error["reason_uri"]!.ToString().Should().Be("global.errors.invalid_message");
        error["domain"]!.ToString().Should().Be("agm", "the frame's own domain is readable, so the error is in it");
        var duplicate = await client.ExpectAsync(m => m["type"]?.ToString() == "error" && m["request_id"]?.ToString() == "r-dup", "the error for the duplicate key");
        duplicate["reason"]!.ToString().Should().Contain("$.request_id").And.Contain("duplicate");
        var answered = await client.RequestAsync(new JsonObject { ["type"] = "create-context", ["domain"] = "global", ["name"] = "still-here", ["data"] = new JsonObject() });
        answered["type"]!.ToString().Should().Be("context-created", "the connection and the router survived both frames");
        client.Closed.IsCompleted.Should().BeFalse();

        await using var second = await LoginAsync(host, "raw-2", "raw");
        await second.JoinAgmAsync();
        (await PlatformMethodsAsync(second)).Should().BeEquivalentTo(before, "the router still serves every platform method");
        await host.StartInstanceAsync("probe");
        (await reports["probe"].NextAsync("connected"))["application"]!.ToString().Should().Be("probe", "IODesktop() still initializes");
    }

    [Fact]
    public async Task Client_ThatStopsReading_IsCutOffWithACloseReason_OnceItsSendQueueHoldsTheConfiguredBytes()
    {
        // 60 apps of about 4 KB each: every T42.ACS.GetApplications reply is about 250 KB, the limit holds one of them.
        var apps = Enumerable.Range(0, 60).ToDictionary(
            i => $"big-{i:00}",
            i => CompatHost.NodeApp($"big-{i:00}", "connect.js", "", properties: $"\"customProperties\": {{ \"padding\": \"{new string('x', 4000)}\" }}"));
        await using var host = await CompatHost.StartAsync(apps, "gw.sendQueueLimit = 256KiB");
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        await using var observer = await LoginAsync(host, "observer", "observer");
        await observer.JoinAgmAsync();
        var (serverId, methodId) = await observer.ExpectMethodAsync("T42.ACS.GetApplications");

        var slow = await RawClient.ConnectAsync(host.GatewayUrl, read: false);
        await slow.SendAsync(new JsonObject
        {
            ["type"] = "hello",
            ["request_id"] = "hello",
            ["identity"] = new JsonObject { ["application"] = "slow" },
            ["authentication"] = new JsonObject { ["method"] = "gateway-token", ["token"] = host.Gateway.IssueToken("slow-instance", "slow") },
        });
        await slow.SendAsync(new JsonObject { ["type"] = "join", ["request_id"] = "join", ["destination"] = "agm" });
        var slowPeer = (await observer.ExpectAsync(m => m["type"]?.ToString() == "peer-added" && m["identity"]?["instance"]?.ToString() == "slow-instance", "peer-added for the slow client"))["new_peer_id"]!.ToString();
        var removed = observer.ExpectAsync(m => m["type"]?.ToString() == "peer-removed" && m["removed_id"]?.ToString() == slowPeer, "peer-removed for the slow client");

        const int calls = 100;
        for (var i = 0; i < calls; i++)
        {
            await slow.SendAsync(new JsonObject { ["type"] = "call", ["domain"] = "agm", ["request_id"] = "c" + i, ["server_id"] = serverId, ["method_id"] = methodId, ["arguments_kv"] = new JsonObject { ["skipIcon"] = true } });
        }

        await removed;
        slow.StartReading();
        (await slow.Closed.WaitAsync(Timeout)).Should().Be(WebSocketCloseStatus.PolicyViolation);
        slow.CloseReason.Should().Contain("Send queue").And.Contain("262144");
        var results = 0;
        while (slow.TryTake(out var message))
        {
            results += message["type"]?.ToString() == "result" ? 1 : 0;
        }

        results.Should().BeLessThan(calls, "the replies that did not fit were dropped, not queued");
        await slow.DisposeAsync();
        (await observer.RequestAsync(new JsonObject { ["type"] = "create-context", ["domain"] = "global", ["name"] = "after", ["data"] = new JsonObject() }))["type"]!.ToString().Should().Be("context-created", "the other clients are served as before");
    }

    [Fact]
    public async Task Hello_WithAnInstanceToken_ClaimingAnotherIdentity_GetsThePlatformsIdentity_AndOtherPeersSeeIt()
    {
        using var reports = new CompatReports();
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["target"] = CompatHost.NodeApp("target", "connect.js", reports.Argument("target")),
        });
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        var target = await host.StartInstanceAsync("target");
        await reports["target"].NextAsync("connected");
        await using var observer = await LoginAsync(host, "observer", "observer");
        await observer.JoinAgmAsync();

        await using var forger = await RawClient.LoginAsync(host.GatewayUrl, host.Gateway.IssueToken(target, "target"), new JsonObject
        {
            ["application"] = "evil",
            ["applicationName"] = "Evil",
            ["instance"] = "someone-else",
            ["machine"] = "elsewhere",
            ["user"] = "root",
        });
        await forger.JoinAgmAsync();

        var resolved = forger.Welcome!["resolved_identity"]!.AsObject();
        var seen = (await observer.ExpectAsync(m => m["type"]?.ToString() == "peer-added" && m["new_peer_id"]?.ToString() == forger.PeerId, "peer-added for the forger"))["identity"]!.AsObject();
        foreach (var identity in new[] { resolved, seen })
        {
            identity["application"]!.ToString().Should().Be("target");
            identity["applicationName"]!.ToString().Should().Be("target");
            identity["instance"]!.ToString().Should().Be(target);
            identity["machine"]!.ToString().Should().Be(Environment.MachineName);
            identity["user"]!.ToString().Should().Be(Environment.UserName);
        }
    }

    private static Task<RawClient> LoginAsync(CompatHost host, string instanceId, string app) =>
        RawClient.LoginAsync(host.GatewayUrl, host.Gateway.IssueToken(instanceId, app), new JsonObject { ["application"] = app, ["applicationName"] = app, ["instance"] = instanceId });

    /// <summary>The names of the methods the gateway's own peer announced to <paramref name="client"/> after its join.</summary>
    private static async Task<List<string>> PlatformMethodsAsync(RawClient client)
    {
        var server = await client.ExpectAsync(m => m["type"]?.ToString() == "peer-added" && m["identity"]?["application"]?.ToString() == "IoActors", "peer-added for the platform's server peer");
        var serverId = server["new_peer_id"]!.ToString();
        var added = await client.ExpectAsync(m => m["type"]?.ToString() == "methods-added" && m["server_id"]?.ToString() == serverId, "methods-added of the platform's server peer");
        return [.. added["methods"]!.AsArray().Select(m => m!["name"]!.ToString())];
    }

}
