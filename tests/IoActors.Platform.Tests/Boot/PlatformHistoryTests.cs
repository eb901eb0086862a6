using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Platform.Boot;
using IoActors.Platform.Hosting;
using IoActors.Platform.Instances;
using IoActors.Platform.Tests.Support;
using Xunit;

namespace IoActors.Platform.Tests.Boot;

/// <summary>What the platform persists: instance lifecycle history and boot reports survive a restart.</summary>
public sealed class PlatformHistoryTests : IAsyncLifetime
{
    private readonly BootHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task InstanceHistory_StartsAndStops_AreKeptAcrossARestart()
    {
        _h.SystemApp("core-svc", "exe", new { stage = "core", priority = 0, waitForInitialization = "no" });
        _h.Start();
        await _h.BootedAsync();
        await _h.NextAsync<InstanceStarted>(e => e.AppName == "core-svc");
        var instance = (await _h.Platform.AppManager.InstancesAsync()).Single(i => i.AppName == "core-svc");
        await _h.Platform.AppManager.StopAsync(instance.Id);
        await _h.NextAsync<InstanceStopped>(e => e.InstanceId == instance.Id);
        var before = await _h.Platform.GetInstanceHistoryAsync(appName: "core-svc");
        before.Select(e => e.Kind).Should().Equal(InstanceHistoryKind.Started, InstanceHistoryKind.Stopped);

        await _h.StartAgainAsync();
        await _h.BootedAsync();
        await _h.NextAsync<InstanceStarted>(e => e.AppName == "core-svc");

        var history = await _h.Platform.GetInstanceHistoryAsync(appName: "core-svc");
        history.Select(e => e.Kind).Should().Equal(InstanceHistoryKind.Started, InstanceHistoryKind.Stopped, InstanceHistoryKind.Started);
        history[0].InstanceId.Should().Be(instance.Id);
        history[1].Reason.Should().NotBeNullOrEmpty();
        history[1].At.Should().Be(before[1].At);
        (await _h.Platform.GetInstanceHistoryAsync(max: 1, appName: "core-svc")).Should().ContainSingle().Which.Kind.Should().Be(InstanceHistoryKind.Started);
        (await _h.Platform.GetInstanceHistoryAsync(instanceId: instance.Id)).Should().HaveCount(2);
    }

    [Fact]
    public async Task InstanceHistory_FailedStart_IsRecordedWithItsReason()
    {
        _h.UserApp("broken", "exe", runPriority: null, autoStart: false);
        _h.Launcher.Fail = r => r.Definition.Name == "broken" ? "missing file /bin/broken" : null;
        _h.Start();
        await _h.BootedAsync();
        await _h.Platform.Invoking(p => p.AppManager.StartAsync("broken", null, null, null, CancellationToken.None)).Should().ThrowAsync<Exception>();
        await _h.NextAsync<InstanceStartFailed>(e => e.AppName == "broken");

        var history = await _h.Platform.GetInstanceHistoryAsync(appName: "broken");

        history.Should().ContainSingle().Which.Should().Match<InstanceHistoryEntry>(e => e.Kind == InstanceHistoryKind.StartFailed && e.Reason!.Contains("missing file"));
    }

    [Fact]
    public async Task BootReports_EachBoot_IsKeptAcrossRestartsOldestFirst()
    {
        _h.SystemApp("core-svc", "exe", new { stage = "core", priority = 0, waitForInitialization = "no" });
        _h.Start();
        await _h.BootedAsync();
        await _h.NextAsync<BootCompleted>();
        (await _h.Platform.GetPreviousBootReportsAsync()).Should().ContainSingle();

        await _h.StartAgainAsync();
        await _h.BootedAsync();
        await _h.NextAsync<BootCompleted>();
        var first = await _h.Platform.GetPreviousBootReportsAsync();
        await _h.StartAgainAsync();
        await _h.BootedAsync();
        await _h.NextAsync<BootCompleted>();

        var reports = await _h.Platform.GetPreviousBootReportsAsync();
        reports.Should().HaveCount(3);
        reports.Should().OnlyContain(r => r.Succeeded);
        reports.Should().OnlyContain(r => r.Apps.Any(a => a.Name == "core-svc" && a.Stage == BootStage.Core && a.Outcome == AppBootOutcome.Started));
        reports[1].StartedAt.Should().Be(first[1].StartedAt);
        (await _h.Platform.GetPreviousBootReportsAsync(max: 1)).Should().ContainSingle().Which.StartedAt.Should().Be(reports[2].StartedAt);
    }

    [Fact]
    public async Task History_PersistenceOff_IsKeptInMemoryOnly()
    {
        _h.SystemApp("core-svc", "exe", new { stage = "core", priority = 0, waitForInitialization = "no" });
        _h.Start(o => o.IoActors.InMemoryStore.Persist = false);
        await _h.BootedAsync();
        await _h.NextAsync<BootCompleted>();
        await _h.NextAsync<InstanceStarted>(e => e.AppName == "core-svc");
        (await _h.Platform.GetInstanceHistoryAsync()).Should().ContainSingle(e => e.Kind == InstanceHistoryKind.Started);

        await _h.StartAgainAsync();
        await _h.BootedAsync();
        await _h.NextAsync<BootCompleted>();

        (await _h.Platform.GetPreviousBootReportsAsync()).Should().ContainSingle();
    }
}
