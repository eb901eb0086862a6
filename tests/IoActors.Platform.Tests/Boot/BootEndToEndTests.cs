using System.Diagnostics;
using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Platform.Boot;
using IoActors.Platform.Tests.Support;
using IoActors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace IoActors.Platform.Tests.Boot;

// One boot over all four stages with real node processes that signal readiness through the API URL in their environment.
public sealed class BootEndToEndTests : IAsyncLifetime
{
    private readonly BootHarness _h = new();
    private TestHttpServer? _api;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    [Fact]
    public async Task Boot_RealProcessesOverAllStages_StartInOrderSignalReadyAndStopAtShutdown()
    {
        IoPlatform? platform = null;
        _api = await TestHttpServer.StartAsync(app => app.MapPost("/ready/{id}", (string id) =>
        {
            platform!.SignalAppReady(id);
            return Results.Ok();
        }));
        var ready = TestScripts.Path("boot-ready.js");
        var forever = TestScripts.Path("run-forever.js");
        BootHarness.NodeApp(_h.SystemFolder, "core-svc", ready, new { stage = "core", priority = 1, waitForInitialization = "appSignal" });
        BootHarness.NodeApp(_h.SystemFolder, "pre-svc", forever, new { stage = "pre-sso", priority = 0, waitForInitialization = "no" });
        BootHarness.NodeApp(_h.SystemFolder, "post-svc", ready, new { stage = "post-sso", priority = 0, waitForInitialization = "appSignal" });
        BootHarness.NodeApp(_h.AppsFolder, "user-svc", ready, new { stage = "user", priority = 0, waitForInitialization = "appSignal" });

        platform = _h.Start(o => o.NodePath = null, apiUrl: _api.BaseUrl.ToString().TrimEnd('/'), realLaunchers: true);
        var report = await _h.BootedAsync();

        report.Succeeded.Should().BeTrue();
        _h.Seen<StageStarted>().Select(s => s.Stage).Should().Equal(BootStage.Core, BootStage.PreSso, BootStage.PostSso, BootStage.User);
        _h.Seen<AppBootRequested>().Select(e => e.App.Name).Should().Equal("core-svc", "pre-svc", "post-svc", "user-svc");
        report.Apps.Where(a => a.Name != "pre-svc").Should().OnlyContain(a => a.Outcome == AppBootOutcome.Ready);
        report.Apps.Single(a => a.Name == "pre-svc").Outcome.Should().Be(AppBootOutcome.Started);
        var post = report.Apps.Single(a => a.Name == "post-svc");
        post.RequestedAt.Should().BeOnOrAfter(report.Apps.Single(a => a.Name == "core-svc").ReadyAt!.Value);

        var pids = (await platform.AppManager.InstancesAsync()).Select(i => i.ProcessId!.Value).ToList();
        pids.Should().HaveCount(4);
        (await platform.ShutdownAsync()).Prevented.Should().BeFalse();
        await platform.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(20));

        pids.Where(IsAlive).Should().BeEmpty("shutdown stops every instance's process");
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
