using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Platform.Boot;
using IoActors.Platform.Instances;
using IoActors.Platform.Manager;
using Xunit;

namespace IoActors.Platform.Tests.Manager;

/// <summary>The fleet reporter's parts alone: an event's JSON (fields, the 16 KiB cut) and the bounded queue.</summary>
public sealed class FleetEventUnitTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 10, 0, 0, 123, TimeSpan.FromHours(1));

    private static InstanceInfo Instance(string app = "alpha", string title = "Alpha") =>
        new("i-1", app, AppType.Exe, 1, title, InstanceState.Stopped, 4242, true, null, StartedBy.AutoStart, At, 2);

    [Fact]
    public void Serialize_InstanceStopped_HasTypeUtcTimeAndTheUsefulFields()
    {
        var json = FleetEventJson.Serialize(new InstanceStopped(Instance(), new InstanceExit(3, null, "exit code 3"), "exited: exit code 3", false), At)!;

        var e = JsonNode.Parse(json)!.AsObject();
        e.Select(p => p.Key).Should().Equal("type", "at", "data");
        e["type"]!.GetValue<string>().Should().Be("InstanceStopped");
        e["at"]!.GetValue<string>().Should().Be("2026-12-02T09:00:00.123Z");
        var data = e["data"]!;
        data["instanceId"]!.GetValue<string>().Should().Be("i-1");
        data["app"]!.GetValue<string>().Should().Be("alpha");
        data["pid"]!.GetValue<int>().Should().Be(4242);
        data["restartCount"]!.GetValue<int>().Should().Be(2);
        data["exitCode"]!.GetValue<int>().Should().Be(3);
        data["signal"].Should().BeNull();
        data["exit"]!.GetValue<string>().Should().Be("exit code 3");
        data["failure"]!.GetValue<bool>().Should().BeTrue();
        data["requested"]!.GetValue<bool>().Should().BeFalse();
        data["startedBy"]!["kind"]!.GetValue<string>().Should().Be("autoStart");
    }

    [Fact]
    public void Serialize_Restarting_AndAppBootFailed_AndBootFailed_CarryAttemptStageAppAndError()
    {
        var restarting = JsonNode.Parse(FleetEventJson.Serialize(new InstanceRestarting(Instance(), new InstanceExit(null, 9, "signal 9 (SIGKILL)"), 2, TimeSpan.FromSeconds(4)), At)!)!["data"]!;
        restarting["attempt"]!.GetValue<int>().Should().Be(2);
        restarting["delayMs"]!.GetValue<long>().Should().Be(4000);
        restarting["signal"]!.GetValue<int>().Should().Be(9);

        var record = new AppBootRecord("beta", "store-0", BootStage.PreSso, 1, InitializationWait.AppSignal, true, AppBootOutcome.Failed, Error: "no such file");
        var app = JsonNode.Parse(FleetEventJson.Serialize(new AppBootFailed(3, record), At)!)!["data"]!;
        app.ToJsonString().Should().Be("""{"attempt":3,"app":"beta","store":"store-0","stage":"pre-sso","critical":true,"wait":"appSignal","outcome":"failed","instanceId":null,"error":"no such file"}""");

        var report = new BootReport(3, At, At.AddSeconds(2), [new StageBootRecord(BootStage.Core, At, At)], [record], new PlatformIdentity("ann", "os"), "beta failed");
        var failed = JsonNode.Parse(FleetEventJson.Serialize(new BootFailed(3, "beta failed", report), At)!)!;
        failed["type"]!.GetValue<string>().Should().Be("BootFailed");
        var data = failed["data"]!;
        data["error"]!.GetValue<string>().Should().Be("beta failed");
        data["durationMs"]!.GetValue<long>().Should().Be(2000);
        data["succeeded"]!.GetValue<bool>().Should().BeFalse();
        data["user"]!.GetValue<string>().Should().Be("ann");
        data["failed"]!.GetValue<int>().Should().Be(1);
        data["appsNotUp"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("beta");
    }

    [Fact]
    public void Serialize_LongStrings_AreCutSoTheDataFitsIn16KiB_WithoutSplittingASurrogatePair()
    {
        var reason = string.Concat(Enumerable.Repeat("😀", 50_000));
        var json = FleetEventJson.Serialize(new InstanceStopped(Instance(title: new string('t', 30_000)), null, reason, true), At)!;

        var data = JsonNode.Parse(json)!["data"]!;
        Encoding.UTF8.GetByteCount(data.ToJsonString()).Should().BeLessThanOrEqualTo(FleetEventJson.MaxDataBytes);
        var cut = data["reason"]!.GetValue<string>();
        cut.Should().EndWith("...").And.StartWith("😀");
        cut[..^3].Length.Should().BeGreaterThan(100);
        char.IsHighSurrogate(cut[^4]).Should().BeFalse("a pair is kept whole or left out");
        data["title"]!.GetValue<string>().Should().EndWith("...");
        data["instanceId"]!.GetValue<string>().Should().Be("i-1", "short strings stay whole");
    }

    [Fact]
    public void Serialize_OtherTypes_AreNotSent()
    {
        FleetEventJson.Serialize(new StageRuleWarning("a", "s", BootStage.Core, "r"), At).Should().BeNull();
        FleetEventJson.IsTypeName("InstanceStarted").Should().BeTrue();
        FleetEventJson.IsTypeName("List`1").Should().BeFalse();
        FleetEventJson.IsTypeName(new string('a', 65)).Should().BeFalse();
    }

    [Fact]
    public void Queue_PastTheCountBound_DropsTheOldestAndCountsThem()
    {
        var queue = new FleetEventQueue(3, 1_000_000);
        for (var i = 0; i < 5; i++)
        {
            queue.Enqueue($"\"e{i}\"", At);
        }

        queue.Count.Should().Be(3);
        queue.Dropped.Should().Be(2);
        var (events, dropped) = queue.Take(10, 1_000_000);
        events.Select(e => e.Json).Should().Equal("\"e2\"", "\"e3\"", "\"e4\"");
        dropped.Should().Be(2);
        queue.Dropped.Should().Be(0, "the count goes with the batch");

        queue.Restore(dropped);
        queue.Dropped.Should().Be(2, "a refused batch gives its count back");
    }

    [Fact]
    public void Queue_PastTheByteBound_DropsTheOldest_AndAnEventLargerThanTheBoundIsDroppedItself()
    {
        var queue = new FleetEventQueue(1000, 300);
        var hundred = new string('x', 100);
        for (var i = 0; i < 4; i++)
        {
            queue.Enqueue(hundred, At.AddSeconds(i));
        }

        queue.Count.Should().Be(3);
        queue.Bytes.Should().Be(300);
        queue.Dropped.Should().Be(1);
        queue.OldestAt.Should().Be(At.AddSeconds(1));

        queue.Enqueue(new string('y', 301), At).Should().Be(1);
        queue.Count.Should().Be(3);
        queue.Dropped.Should().Be(2);
    }

    [Fact]
    public void Queue_Take_StopsAtTheBatchsBytes_ButTakesAtLeastOne()
    {
        var queue = new FleetEventQueue(1000, 10_000);
        queue.Enqueue(new string('a', 500), At);
        queue.Enqueue(new string('b', 500), At);
        queue.Enqueue(new string('c', 500), At);

        queue.Take(10, 100).Events.Should().HaveCount(1);
        queue.Take(10, 1000).Events.Should().HaveCount(2);
        queue.Count.Should().Be(0);
        queue.Bytes.Should().Be(0);
        queue.OldestAt.Should().BeNull();
    }
}
