using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Tests.Support;
using Xunit;

namespace IoActors.Gateway.Tests;

public sealed class SlowClientTests
{
    [Fact]
    public async Task ClientThatNeverReads_IsDisconnected_OthersKeepReceiving()
    {
        var host = await GatewayHost.StartAsync(o => o.SendQueueLimit = 256 * 1024);
        try
        {
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
        var padding = new string('x', 128 * 1024);
        var flood = 400;

        // The slow client subscribes too (its requests are read even though it never reads replies).
        await slow.SendAsync(new JsonObject { ["type"] = "subscribe", ["domain"] = "agm", ["request_id"] = "3", ["server_id"] = serverId, ["method_id"] = methodId });
        await slowSubscribed.Task.WaitAsync(RawClient.Timeout);
        Func<Task<JsonObject>> removed = () => fast.ExpectAsync(m => m["type"]?.ToString() == "peer-removed" && m["removed_id"]?.ToString() == slowPeer["new_peer_id"]!.ToString(), "peer-removed for the slow client");
        // Pushes one at a time, as fast as the fast client reads; the slow client's queue grows until it is cut off.
        for (var i = 0; i < flood; i++)
        {
            stream.Push(new JsonObject { ["i"] = i, ["padding"] = padding });
            var e = await fast.ExpectTypeAsync("event");
            e["data"]!["i"]!.GetValue<int>().Should().Be(i);
        }

        (await removed())["reason"]!.ToString().Should().NotBeEmpty();
        slow.Abort();
        await slow.DisposeAsync();
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
