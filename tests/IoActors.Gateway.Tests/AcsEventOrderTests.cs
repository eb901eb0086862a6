using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Tests.Support;
using Xunit;

namespace IoActors.Gateway.Tests;

/// <summary>
/// The order of an instance's events on <c>T42.ACS.OnEvent</c>: the client library drops an
/// <c>OnApplicationAgmServerReady</c> for an instance it does not know yet (and an <c>app.start()</c> waiting for it then
/// never resolves), so the gateway sends it only after that instance's <c>OnApplicationStarted</c>, whichever comes first:
/// the instance's client logging in, or the platform reporting the start. And the library adds an instance for every
/// <c>OnApplicationStarted</c> it gets, so a subscriber gets each instance once: in its snapshot or after it, never both.
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

    [Fact]
    public async Task AnInstanceStillStarting_IsNotInANewSnapshot_AndItsStartComesOnceAfterIt()
    {
        await using var watcher = await SubscribedWatcherAsync();
        var chart = _host.Platform.AddStartingInstance("chart", "chart-3");

        // The platform lists the instance, but it has not reported its start: a page subscribing now must not count it
        // yet (a snapshot built from the platform's list had it, and then its OnApplicationStarted added it again).
        await using var late = await SubscribedWatcherAsync("late-1");
        _lastSnapshot!.ContainsKey("chart-3").Should().BeFalse("its start has not been reported");
        _host.Platform.ReportStarted(chart);

        (await NextKindsAsync(late, "chart-3", 1)).Should().Equal("OnApplicationStarted");
    }

    [Fact]
    public async Task AStartReportedWhileTheSnapshotIsRead_ComesInTheSnapshotOnly()
    {
        // The gateway reads the platform's instances once, at its first event or snapshot; held from the start, that read
        // keeps the first snapshot from being built.
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var platform = new FakePlatform { HoldInstanceReads = hold };
        await using var host = await GatewayHost.StartAsync(platform: platform);
        platform.AddApp("watcher");
        platform.AddApp("chart");
        platform.AddInstance("watcher", "watcher-1");
        await using var watcher = await RawClient.LoginAsync(host, "watcher-1", "watcher");
        await watcher.JoinAgmAsync();
        var (serverId, methodId) = await watcher.ExpectMethodAsync("T42.ACS.OnEvent");

        // The start reported once the subscription is in place reaches it before its snapshot does, and the snapshot has
        // it too: the subscriber must get it once.
        var subscribed = await watcher.RequestAsync(new JsonObject { ["type"] = "subscribe", ["domain"] = "agm", ["server_id"] = serverId, ["method_id"] = methodId });
        subscribed["type"]!.ToString().Should().Be("subscribed");
        platform.AddInstance("chart", "chart-4");
        platform.HoldInstanceReads = null;
        hold.SetResult();

        var snapshot = (await watcher.ExpectTypeAsync("event"))["data"]!;
        snapshot["isSnapshot"]!.GetValue<bool>().Should().BeTrue();
        ((JsonObject)snapshot["OnApplicationStarted"]!).Select(i => i.Key).Should().BeEquivalentTo("watcher-1", "chart-4");

        // The next start is the next event: chart-4's was not sent again in between.
        platform.AddInstance("chart", "chart-5");
        await NextIsOnlyTheStartOfAsync(watcher, "chart-5");
    }

    [Fact]
    public async Task AnUpdateAfterTheStop_DoesNotBringTheInstanceBack()
    {
        await using var watcher = await SubscribedWatcherAsync();
        var chart = _host.Platform.AddInstance("chart", "chart-6");
        _host.Platform.Raise(new GatewayInstanceStopped(chart));
        _host.Platform.Raise(new GatewayInstanceUpdated(chart with { Title = "late" }));
        _host.Platform.AddInstance("chart", "chart-7");

        (await NextKindsAsync(watcher, "chart-6", 2)).Should().Equal("OnApplicationStarted", "OnApplicationStopped");
        await NextIsOnlyTheStartOfAsync(watcher, "chart-7");
    }

    private JsonObject? _lastSnapshot;

    private async Task<RawClient> SubscribedWatcherAsync(string id = "watcher-1")
    {
        _host.Platform.AddInstance("watcher", id);
        var watcher = await RawClient.LoginAsync(_host, id, "watcher");
        await watcher.JoinAgmAsync();
        var (serverId, methodId) = await watcher.ExpectMethodAsync("T42.ACS.OnEvent");
        var subscribed = await watcher.RequestAsync(new JsonObject { ["type"] = "subscribe", ["domain"] = "agm", ["server_id"] = serverId, ["method_id"] = methodId });
        subscribed["type"]!.ToString().Should().Be("subscribed");
        var snapshot = (await watcher.ExpectTypeAsync("event"))["data"]!;
        snapshot["isSnapshot"]!.GetValue<bool>().Should().BeTrue();
        _lastSnapshot = (JsonObject)snapshot["OnApplicationStarted"]!;
        return watcher;
    }

    /// <summary>Asserts that the next pushed event is the start of <paramref name="instanceId"/> and nothing else.</summary>
    private static async Task NextIsOnlyTheStartOfAsync(RawClient watcher, string instanceId)
    {
        var next = await watcher.ExpectTypeAsync("event");
        ((JsonObject)next["data"]!).Select(k => (k.Key, ((JsonObject)k.Value!).Select(i => i.Key).Single()))
            .Should().Equal(("OnApplicationStarted", instanceId));
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
