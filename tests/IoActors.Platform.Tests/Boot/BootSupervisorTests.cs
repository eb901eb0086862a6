using System.Text.Json;
using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Platform.Boot;
using IoActors.Platform.Instances;
using IoActors.Platform.Tests.Support;
using Xunit;

namespace IoActors.Platform.Tests.Boot;

// Seed 03, "Boot Sequence", "Stages" and "Waiting for App Initialization".
public sealed class BootSupervisorTests : IAsyncLifetime
{
    private readonly BootHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Boot_EqualPriorities_StartTogetherAndHigherPriorityGroupHoldsLowerOne()
    {
        _h.SystemApp("a", "exe", new { stage = "core", priority = 10, waitForInitialization = "appSignal" });
        _h.SystemApp("b", "node", new { stage = "core", priority = 10, waitForInitialization = "appSignal" });
        _h.SystemApp("c", "exe", new { stage = "core", priority = 5 });
        _h.Start();

        await _h.RequestedAsync("a");
        await _h.RequestedAsync("b");
        var a = await _h.StartedAsync("a");
        var b = await _h.StartedAsync("b");
        (await _h.ReportOfAsync("c")).Outcome.Should().Be(AppBootOutcome.Pending, "the priority-10 group still waits for its apps");

        _h.Platform.SignalAppReady(a.App.InstanceId!);
        await _h.NextAsync<AppBootReady>(e => e.App.Name == "a");
        (await _h.ReportOfAsync("c")).Outcome.Should().Be(AppBootOutcome.Pending, "b has not signalled yet");

        _h.Platform.SignalAppReady(b.App.InstanceId!);
        await _h.NextAsync<AppBootReady>(e => e.App.Name == "b");
        await _h.RequestedAsync("c");
        var report = await _h.BootedAsync();

        report.Succeeded.Should().BeTrue();
        report.Apps.Select(x => x.Name).Should().Equal("a", "b", "c");
        report.Apps.Single(x => x.Name == "c").RequestedAt.Should().BeOnOrAfter(report.Apps.Single(x => x.Name == "b").ReadyAt!.Value);
    }

    [Fact]
    public async Task Boot_InteropReadyWait_IgnoresAppSignalAndGoesOnAtInteropReady()
    {
        _h.SystemApp("svc", "node", new { stage = "core", priority = 1, waitForInitialization = "interopReady" });
        _h.SystemApp("next", "exe", new { stage = "core", priority = 0 });
        _h.Start();

        var started = await _h.StartedAsync("svc");
        _h.Platform.SignalAppReady(started.App.InstanceId!);
        (await _h.ReportOfAsync("svc")).Outcome.Should().Be(AppBootOutcome.Started, "an appSignal does not satisfy interopReady");
        (await _h.ReportOfAsync("next")).Outcome.Should().Be(AppBootOutcome.Pending);

        _h.Platform.SignalInteropReady(started.App.InstanceId!);
        await _h.NextAsync<AppBootReady>(e => e.App.Name == "svc");
        await _h.RequestedAsync("next");
        (await _h.BootedAsync()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Boot_WaitTrue_AcceptsEitherSignal()
    {
        _h.SystemApp("either", "exe", new { stage = "core", priority = 1, waitForInitialization = true });
        _h.Start();

        var started = await _h.StartedAsync("either");
        _h.Platform.SignalInteropReady(started.App.InstanceId!);

        var report = await _h.BootedAsync();
        report.Apps.Single().Outcome.Should().Be(AppBootOutcome.Ready);
    }

    [Fact]
    public async Task Boot_ReadyAfterTheSignal_TheInstanceListShowsItReadyOnceTheBootIsDone()
    {
        _h.SystemApp("sig", "exe", new { stage = "core", priority = 1, waitForInitialization = "appSignal" });
        _h.Start();
        var started = await _h.StartedAsync("sig");
        var id = started.App.InstanceId!;

        // The instance actor has a long queue when the signal comes, so it gets to the signal well after the boot does.
        using var context = System.Text.Json.JsonDocument.Parse("{\"n\": 1}");
        for (var i = 0; i < 20_000; i++)
        {
            _h.Platform.AppManager.SetContext(id, context.RootElement);
        }

        _h.Platform.SignalAppReady(id);
        (await _h.BootedAsync()).Apps.Single().Outcome.Should().Be(AppBootOutcome.Ready);

        var listed = (await _h.Platform.AppManager.InstancesAsync()).Single(i => i.Id == id);
        listed.Ready.Should().BeTrue("the boot was ready with this instance, so the list must show it ready too");
    }

    [Fact]
    public async Task Boot_AppMissesItsTimeout_IsReportedAndTheBootGoesOn()
    {
        _h.SystemApp("slow", "exe", new { stage = "core", priority = 2, waitForInitialization = "appSignal", timeout = 5000 });
        _h.SystemApp("after", "exe", new { stage = "core", priority = 1 });
        _h.Start();

        await _h.RequestedAsync("slow");
        _h.Clock.Advance(TimeSpan.FromMilliseconds(4999));
        (await _h.ReportOfAsync("slow")).Outcome.Should().NotBe(AppBootOutcome.TimedOut);
        _h.Clock.Advance(TimeSpan.FromMilliseconds(1));

        var timedOut = await _h.NextAsync<AppBootTimedOut>(e => e.App.Name == "slow");
        timedOut.App.Error.Should().Contain("appSignal").And.Contain("5000 ms");
        await _h.RequestedAsync("after");
        var report = await _h.BootedAsync();
        report.Succeeded.Should().BeTrue();
        report.Apps.Single(a => a.Name == "slow").TimedOutAt.Should().Be(report.Apps.Single(a => a.Name == "slow").RequestedAt!.Value.AddSeconds(5));
    }

    [Fact]
    public async Task Boot_WaitWithoutTimeout_UsesTheConfiguredDefault()
    {
        _h.SystemApp("slow", "exe", new { stage = "core", priority = 2, waitForInitialization = "appSignal" });
        _h.Start(o => o.IoActors.Boot.DefaultTimeout = new Hocon.HoconDuration(TimeSpan.FromSeconds(7)));

        await _h.RequestedAsync("slow");
        _h.Clock.Advance(TimeSpan.FromSeconds(7));

        await _h.NextAsync<AppBootTimedOut>(e => e.App.Name == "slow");
        (await _h.BootedAsync()).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Boot_CriticalAppTimesOut_FailsTheBootNamingItAndShutsDown()
    {
        _h.SystemApp("gatekeeper", "node", new { stage = "core", priority = 1, waitForInitialization = "appSignal", timeout = 1000, critical = true });
        _h.SystemApp("later", "exe", new { stage = "core", priority = 0 });
        _h.Start();

        await _h.RequestedAsync("gatekeeper");
        _h.Clock.Advance(TimeSpan.FromSeconds(1));

        var failed = await _h.NextAsync<BootFailed>();
        failed.Error.Should().Contain("critical app 'gatekeeper'").And.Contain("timed out");
        var act = async () => await _h.BootedAsync();
        (await act.Should().ThrowAsync<BootFailedException>()).Which.Message.Should().Contain("gatekeeper");
        failed.Report.Apps.Single(a => a.Name == "later").Outcome.Should().Be(AppBootOutcome.Pending, "nothing after a failed boot starts");
        await _h.Platform.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Boot_CriticalAppFailsToStart_FailsTheBoot()
    {
        _h.SystemApp("broken", "exe", new { stage = "core", priority = 1, critical = true });
        _h.Launcher.Fail = r => r.Definition.Name == "broken" ? "no such file: /bin/true-ish" : null;
        _h.Start();

        var failed = await _h.NextAsync<BootFailed>();
        failed.Error.Should().Contain("critical app 'broken' failed to start").And.Contain("no such file");
    }

    [Fact]
    public async Task Boot_NonCriticalAppFailsToStart_IsReportedAndTheBootGoesOn()
    {
        _h.SystemApp("broken", "exe", new { stage = "core", priority = 1, waitForInitialization = "appSignal" });
        _h.SystemApp("fine", "exe", new { stage = "core", priority = 0 });
        _h.Launcher.Fail = r => r.Definition.Name == "broken" ? "cannot start" : null;
        _h.Start();

        var failed = await _h.NextAsync<AppBootFailed>(e => e.App.Name == "broken");
        failed.App.Error.Should().Contain("cannot start");
        var report = await _h.BootedAsync();
        report.Apps.Single(a => a.Name == "fine").Outcome.Should().Be(AppBootOutcome.Started);
    }

    [Fact]
    public async Task Boot_StageRules_RefuseAppsThatBreakThem()
    {
        _h.SystemApp("win-in-core", "window", new { stage = "core", priority = 1 });
        _h.UserApp("user-in-core", "exe", new { stage = "core", priority = 1 });
        _h.UserApp("user-in-pre-sso", "exe", new { stage = "pre-sso", priority = 1 });
        _h.SystemApp("system-in-user", "exe", new { stage = "user", priority = 1 });
        _h.SystemApp("win-in-pre-sso", "window", new { stage = "pre-sso", priority = 1 });
        _h.UserApp("user-app", "window", new { priority = 0, waitForInitialization = "no" });
        _h.Start();

        var report = await _h.BootedAsync();

        Outcome(report, "win-in-core").Should().Be(AppBootOutcome.Refused, "validation only warns: the app is available, its auto-start is refused");
        Error(report, "win-in-core").Should().Contain("only exe and node apps");
        Outcome(report, "user-in-core").Should().Be(AppBootOutcome.Refused);
        Error(report, "user-in-core").Should().Contain("system app stores");
        Outcome(report, "user-in-pre-sso").Should().Be(AppBootOutcome.Refused);
        Outcome(report, "system-in-user").Should().Be(AppBootOutcome.Refused);
        Outcome(report, "win-in-pre-sso").Should().Be(AppBootOutcome.Started, "window apps may start from pre-sso on");
        Outcome(report, "user-app").Should().Be(AppBootOutcome.Started, "a regular app without a stage starts in the user stage");
        _h.Launcher.Launches.Select(l => l.Definition.Name).Should().BeEquivalentTo(["win-in-pre-sso", "user-app"]);
        _h.Seen<AppBootRefused>().Select(e => e.App.Name).Should().BeEquivalentTo(["win-in-core", "user-in-core", "user-in-pre-sso", "system-in-user"]);
    }

    [Fact]
    public async Task Boot_NonAutoStartApps_AreNotStarted()
    {
        _h.UserApp("manual", "exe", null, autoStart: false);
        _h.UserApp("auto", "exe", new { stage = "user", priority = 0, waitForInitialization = "no" });
        _h.Start();

        var report = await _h.BootedAsync();

        report.Apps.Select(a => a.Name).Should().Equal("auto");
    }

    [Fact]
    public async Task Boot_Stages_RunInOrderWithTheIdentityGateBetweenPreSsoAndPostSso()
    {
        _h.SystemApp("core-app", "exe", new { stage = "core", priority = 0 });
        _h.SystemApp("pre-app", "exe", new { stage = "pre-sso", priority = 0 });
        _h.SystemApp("post-app", "exe", new { stage = "post-sso", priority = 0 });
        _h.UserApp("user-app", "exe", new { stage = "user", priority = 0, waitForInitialization = "no" });
        var login = IdentityProviders.Login();
        _h.Start(identity: login);

        await _h.NextAsync<StageCompleted>(e => e.Stage == BootStage.PreSso);
        var waiting = await _h.Platform.GetBootReportAsync();
        waiting.Stages.Single(s => s.Stage == BootStage.PostSso).StartedAt.Should().BeNull("the gate waits for a login");
        waiting.Apps.Single(a => a.Name == "post-app").Outcome.Should().Be(AppBootOutcome.Pending);

        _h.Platform.Login("alice").Should().BeTrue();
        (await _h.NextAsync<IdentityResolved>()).Identity.Should().Be(new PlatformIdentity("alice", "login"));
        var report = await _h.BootedAsync();

        _h.Seen<StageStarted>().Select(s => s.Stage).Should().Equal(BootStage.Core, BootStage.PreSso, BootStage.PostSso, BootStage.User);
        report.Identity!.User.Should().Be("alice");
        var launches = _h.Launcher.Launches.ToDictionary(l => l.Definition.Name);
        _h.Seen<AppBootRequested>().Select(e => e.App.Name).Should().Equal("core-app", "pre-app", "post-app", "user-app");
        launches.Keys.Should().BeEquivalentTo(["core-app", "pre-app", "post-app", "user-app"], "apps that do not wait do not hold the next group, so launches may overlap");
        StartingContext(launches["post-app"]).GetProperty("context").GetProperty("identity").GetProperty("user").GetString().Should().Be("alice");
        StartingContext(launches["pre-app"]).GetProperty("context").ValueKind.Should().Be(JsonValueKind.Null, "apps before post-sso have no identity");
    }

    [Fact]
    public async Task Boot_StaticIdentityProvider_ComesFromConfiguration()
    {
        _h.UserApp("user-app", "exe", new { stage = "user", priority = 0, waitForInitialization = "no" });
        _h.Start(o =>
        {
            o.IoActors.Boot.Identity.Provider = "static";
            o.IoActors.Boot.Identity.User = "svc-account";
        });

        var report = await _h.BootedAsync();

        report.Identity.Should().Be(new PlatformIdentity("svc-account", "static"));
        var act = () => _h.Platform.Login("x");
        act.Should().Throw<InvalidOperationException>().WithMessage("*not 'login'*");
    }

    [Fact]
    public async Task Boot_InMemoryAppImportedWhileTheGateWaits_StartsInPostSso()
    {
        var login = IdentityProviders.Login();
        _h.Start(identity: login);
        await _h.NextAsync<StageCompleted>(e => e.Stage == BootStage.PreSso);

        // The plan is made when the stores are ready, so an app imported later is not part of this boot.
        var import = await _h.Platform.AppManager.InMemory.ImportAsync([JsonSerializer.SerializeToElement(BootHarness.Definition("late", "exe", new { stage = "post-sso", priority = 0 }))]);
        import.Errors.Should().BeEmpty();
        login.Login("bob");

        var report = await _h.BootedAsync();
        report.Apps.Should().BeEmpty();
    }

    [Fact]
    public async Task Boot_RequiredStoreMissing_FailsTheBootNamingTheStore()
    {
        Directory.Delete(_h.AppsFolder);
        _h.Start(o => o.AppStoresTimeout = new Hocon.HoconDuration(TimeSpan.FromSeconds(5)));

        var failed = await _h.NextAsync<BootFailed>();

        failed.Error.Should().Contain("store-0");
        var act = async () => await _h.BootedAsync();
        await act.Should().ThrowAsync<BootFailedException>();
    }

    [Fact]
    public async Task Boot_SignalBeforeTheStartReply_IsNotLost()
    {
        _h.SystemApp("eager", "exe", new { stage = "core", priority = 1, waitForInitialization = "appSignal" });
        // The launch (on the instance's side) signals before the start reply reaches the boot supervisor.
        _h.Launcher.OnLaunch = r => _h.Created.Task.WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult().SignalAppReady(r.InstanceId);
        _h.Start();

        var report = await _h.BootedAsync();

        report.Apps.Single().Outcome.Should().Be(AppBootOutcome.Ready);
    }

    [Fact]
    public async Task Boot_RegularAppWithoutRunPriority_WaitsForInteropReadyByDefault()
    {
        _h.UserApp("plain", "exe", null);
        _h.Start();

        var started = await _h.StartedAsync("plain");
        started.App.Stage.Should().Be(BootStage.User);
        started.App.Wait.Should().Be(InitializationWait.InteropReady);
        (await _h.Platform.GetBootReportAsync()).Finished.Should().BeFalse("the user stage waits for the app's interop connection");

        _h.Platform.SignalInteropReady(started.App.InstanceId!);
        (await _h.BootedAsync()).Apps.Single().Outcome.Should().Be(AppBootOutcome.Ready);
    }

    [Fact]
    public async Task Boot_SystemAppWithoutRunPriority_StartsInCoreWithoutWaiting()
    {
        _h.SystemApp("sys", "exe", null);
        _h.Start();

        var report = await _h.BootedAsync();

        report.Apps.Single().Should().Match<AppBootRecord>(a => a.Stage == BootStage.Core && a.Wait == InitializationWait.No && a.Outcome == AppBootOutcome.Started);
    }

    private static AppBootOutcome Outcome(BootReport report, string app) => report.Apps.Single(a => a.Name == app).Outcome;

    private static string? Error(BootReport report, string app) => report.Apps.Single(a => a.Name == app).Error;

    private static JsonElement StartingContext(LaunchRequest launch) =>
        JsonDocument.Parse(launch.Environment[InstanceLaunchPlan.StartingContextVariable]).RootElement;
}
