using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Tests.Support;
using Xunit;

namespace IoActors.Gateway.Tests;

public sealed class BackpressureTests
{
    [Fact]
    public async Task ClientThatNeverReads_IsDisconnected_OthersKeepReceiving()
    {
        await using var host = await GatewayHost.StartAsync(o => o.SendQueueCapacity = 16);
        var slowSubscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = await host.Gateway.Server.RegisterStreamAsync("Test.Flood", (request, _) =>
        {
            if (request.Caller.InstanceId == "slow")
            {
                slowSubscribed.TrySetResult();
            }

            return ValueTask.FromResult<System.Text.Json.Nodes.JsonNode?>(null);
        });
        var slow = await RawClient.ConnectAsync(host.Url, read: false);
        var token = host.Gateway.IssueToken("slow", "slow-app");
        await slow.SendAsync(new JsonObject { ["type"] = "hello", ["request_id"] = "1", ["identity"] = new JsonObject(), ["authentication"] = new JsonObject { ["method"] = "gateway-token", ["token"] = token } });
        await slow.SendAsync(new JsonObject { ["type"] = "join", ["request_id"] = "2", ["destination"] = "agm" });
        await using var fast = await RawClient.LoginAsync(host, "fast", "fast-app");
        await fast.JoinAgmAsync();
        var slowPeer = await fast.ExpectAsync(m => m["type"]?.ToString() == "peer-added" && m["identity"]?["instance"]?.ToString() == "slow", "peer-added for the slow client");
        var (serverId, methodId) = await fast.ExpectMethodAsync("Test.Flood");
        await fast.RequestAsync(new JsonObject { ["type"] = "subscribe", ["domain"] = "agm", ["server_id"] = serverId, ["method_id"] = methodId });
        var padding = new string('x', 64 * 1024);
        var flood = 400;

        // The slow client subscribes too (its requests are read even though it never reads replies).
        await slow.SendAsync(new JsonObject { ["type"] = "subscribe", ["domain"] = "agm", ["request_id"] = "3", ["server_id"] = serverId, ["method_id"] = methodId });
        await slowSubscribed.Task.WaitAsync(RawClient.Timeout);
        var removed = fast.ExpectAsync(m => m["type"]?.ToString() == "peer-removed" && m["removed_id"]?.ToString() == slowPeer["new_peer_id"]!.ToString(), "peer-removed for the slow client");
        for (var i = 0; i < flood; i++)
        {
            stream.Push(new JsonObject { ["i"] = i, ["padding"] = padding });
        }

        var received = 0;
        while (received < flood)
        {
            var e = await fast.ExpectTypeAsync("event");
            e["data"]!["i"]!.GetValue<int>().Should().Be(received);
            received++;
        }

        (await removed)["reason"]!.ToString().Should().NotBeEmpty();
        slow.Abort();
        await slow.DisposeAsync();
    }
}
