using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Tests.Support;
using Xunit;

namespace IoActors.Gateway.Tests;

/// <summary>
/// The order of an instance's events on <c>T42.ACS.OnEvent</c>: the client library drops an
/// <c>OnApplicationAgmServerReady</c> for an instance it does not know yet (and an <c>app.start()</c> waiting for it then
/// never resolves), so the gateway sends it only after that instance's <c>OnApplicationStarted</c>, whichever comes first:
/// the instance's client logging in, or the platform reporting the start.
/// </summary>
public sealed class AcsEventOrderTests : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await GatewayHost.StartAsync();
        _host.Platform.AddApp("watcher");
        _host.Platform.AddApp("chart");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ClientLoggedInBeforeThePlatformReportedTheStart_ReadyFollowsStarted()
    {
        await using var watcher = await SubscribedWatcherAsync();

        // The chart's page connects before the platform has reported the instance as started.
        await using var chart = await RawClient.LoginAsync(_host, "chart-1", "chart");
        await _host.Platform.InteropReadyTask("chart-1").WaitAsync(RawClient.Timeout);
        _host.Platform.AddInstance("chart", "chart-1");

        (await NextKindsAsync(watcher, "chart-1", 2)).Should().Equal("OnApplicationStarted", "OnApplicationAgmServerReady");
    }

    [Fact]
    public async Task PlatformReportedTheStartFirst_ReadyFollowsWhenTheClientLogsIn()
    {
        await using var watcher = await SubscribedWatcherAsync();

        _host.Platform.AddInstance("chart", "chart-2");
        await using var chart = await RawClient.LoginAsync(_host, "chart-2", "chart");

        (await NextKindsAsync(watcher, "chart-2", 2)).Should().Equal("OnApplicationStarted", "OnApplicationAgmServerReady");
    }

    private async Task<RawClient> SubscribedWatcherAsync()
    {
        _host.Platform.AddInstance("watcher", "watcher-1");
        var watcher = await RawClient.LoginAsync(_host, "watcher-1", "watcher");
        await watcher.JoinAgmAsync();
        var (serverId, methodId) = await watcher.ExpectMethodAsync("T42.ACS.OnEvent");
        var subscribed = await watcher.RequestAsync(new JsonObject { ["type"] = "subscribe", ["domain"] = "agm", ["server_id"] = serverId, ["method_id"] = methodId });
        subscribed["type"]!.ToString().Should().Be("subscribed");
        (await watcher.ExpectTypeAsync("event"))["data"]!["isSnapshot"]!.GetValue<bool>().Should().BeTrue();
        return watcher;
    }

    /// <summary>The kinds of the next <paramref name="count"/> pushed events that concern <paramref name="instanceId"/>, in order.</summary>
    private static async Task<List<string>> NextKindsAsync(RawClient watcher, string instanceId, int count)
    {
        var kinds = new List<string>();
        while (kinds.Count < count)
        {
            var e = await watcher.ExpectAsync(m => m["type"]?.ToString() == "event" && m["data"] is JsonObject d && d.Any(k => k.Value is JsonObject byId && byId.ContainsKey(instanceId)),
                $"an event about {instanceId}");
            kinds.AddRange(((JsonObject)e["data"]!).Where(k => k.Value is JsonObject byId && byId.ContainsKey(instanceId)).Select(k => k.Key));
        }

        return kinds;
    }
}
