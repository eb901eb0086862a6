using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Compat;

/// <summary>
/// The real @interopio/desktop client with <c>channels: true</c>, in node apps the real platform starts: the
/// initialization completes at once, the configured channels (with their FDC3 user channel ids) are listed, and a publish
/// by one app reaches the subscription of another on the same channel, plain and as an FDC3 context.
/// </summary>
public sealed class ChannelsCompatTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The bound on <c>IODesktop({ channels: true })</c> (without the platform's channel methods it took ~180 s).</summary>
    private static readonly TimeSpan InitBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ChannelsTrue_TwoAppsOnRed_PublishReachesTheOtherAppsSubscription()
    {
        using var reports = new CompatReports();
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>
        {
            ["subscriber"] = CompatHost.NodeApp("subscriber", "channels.js", $"subscriber Red {reports.Gate("leave")} {reports.Argument("subscriber")}"),
            ["publisher"] = CompatHost.NodeApp("publisher", "channels.js", $"publisher Red {reports.Argument("publisher")}"),
        });
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);

        await host.StartInstanceAsync("subscriber");
        var ready = await reports["subscriber"].NextAsync("ready");
        ready["initMs"]!.GetValue<double>().Should().BeLessThan(InitBound.TotalMilliseconds, "IODesktop({ channels: true }) completes at once");
        ready["mode"]!.ToString().Should().Be("single");
        ready["my"].Should().BeNull();
        Strings(ready["all"]).Should().Equal(["Red", "Green", "Blue", "Pink", "Yellow", "DarkYellow", "Orange", "Purple", "Lime", "Cyan"], "the default channels of reference.conf, in order");
        var red = ready["list"]!.AsArray().Select(c => c!.AsObject()).First(c => c["name"]!.ToString() == "Red");
        red["color"]!.ToString().Should().Be("red");
        red["fdc3"]!.ToString().Should().Be("fdc3.channel.1");
        red["data"]!.AsObject().Should().BeEmpty();
        ready["list"]!.AsArray().Single(c => c!["name"]!.ToString() == "Lime")!["fdc3"].Should().BeNull("Lime is no FDC3 user channel");

        var changed = await reports["subscriber"].NextAsync("changed");
        changed["name"]!.ToString().Should().Be("Red");
        var joined = await reports["subscriber"].NextAsync("joined");
        joined["my"]!.ToString().Should().Be("Red");
        Strings(joined["myChannels"]).Should().Equal("Red");
        joined["getMy"]!["color"]!.ToString().Should().Be("red");
        await reports["subscriber"].NextAsync("subscribed");

        await host.StartInstanceAsync("publisher");
        var published = await reports["publisher"].NextAsync("published");
        published["initMs"]!.GetValue<double>().Should().BeLessThan(InitBound.TotalMilliseconds);
        var publisherPeer = published["peerId"]!.ToString();
        published["context"]!["data"]!["greeting"]!.ToString().Should().Be("hi from publisher");
        published["onChannel"]!.AsArray().Select(w => $"{w!["application"]}@{w["channel"]}").Should().BeEquivalentTo(["subscriber@Red", "publisher@Red"], "getWindowsWithChannels lists the instances on the channel");

        // The join delivered the channel's current (empty) data first; the publish follows.
        var data = await reports["subscriber"].NextAsync("data");
        data["data"]!.AsObject().Should().BeEmpty("the channel's data before the publish is empty");
        data = await reports["subscriber"].NextAsync("data");
        data["channel"]!.ToString().Should().Be("Red");
        data["data"]!["greeting"]!.ToString().Should().Be("hi from publisher", "the other app's publish reached this app's subscription");
        data["updaterId"]!.ToString().Should().Be(publisherPeer);
        var fdc3 = await reports["subscriber"].NextAsync("fdc3");
        fdc3["data"]!["fdc3"]!["type"]!.ToString().Should().Be("fdc3.instrument");
        fdc3["data"]!["fdc3"]!["id"]!["ticker"]!.ToString().Should().Be("AAPL");

        reports.Open("leave");
        var left = await reports["subscriber"].NextAsync("changed");
        left["name"].Should().BeNull("leaving the channel fires onChanged without a channel");
        var after = await reports["subscriber"].NextAsync("left");
        after["my"].Should().BeNull();
        after["getMy"].Should().BeNull();
        after["onChannels"]!.AsArray().Select(w => $"{w!["application"]}@{w["channel"]}").Should().Equal(["publisher@Red"], "the subscriber left");
    }

    private static string[] Strings(JsonNode? node) => [.. node!.AsArray().Select(n => n!.ToString())];
}
