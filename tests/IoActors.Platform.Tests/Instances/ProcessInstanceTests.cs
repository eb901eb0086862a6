using System.Text.Json;
using FluentAssertions;
using Akka.Actor;
using IoActors.Platform.Instances;
using IoActors.Platform.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Tests.Instances;

/// <summary>Real node processes on real time: restarts, stop with grace period, process trees, environment.</summary>
public sealed class ProcessInstanceTests : InstanceTestKit
{
    public ProcessInstanceTests(ITestOutputHelper output)
        : base(output, virtualTime: false)
    {
    }

    private static InstanceManagerSettings Settings(TimeSpan? grace = null) => new()
    {
        NodePath = TestScripts.Node,
        PlatformDirectory = TestScripts.Folder,
        StopGracePeriod = grace ?? TimeSpan.FromMilliseconds(300),
        ApiUrl = "http://127.0.0.1:5999/api",
        ApiToken = "secret-token",
    };

    [Fact]
    public async Task ExitsWithOne_OnFailurePolicy_RestartsWithBackoffThenStopsAtTheLimit()
    {
        var manager = StartManager(Settings());
        var app = TestApps.Node("crasher", "%GDDIR%/exit-after.js", "100 1", new { mode = "on-failure", maxRestarts = 2, withinMs = 60_000, backoffMs = 50, maxBackoffMs = 80 });
        var started = await StartAsync(manager, new StartInstance(app));
        started.Instance.ProcessId.Should().NotBeNull();

        var first = await ExpectEventAsync<InstanceRestarting>();
        first.Exit.ExitCode.Should().Be(1);
        first.Delay.Should().Be(TimeSpan.FromMilliseconds(50));
        var restarted = await ExpectEventAsync<InstanceUpdated>(u => u.Changes.HasFlag(InstanceChanges.Restarted));
        restarted.Instance.ProcessId.Should().NotBe(started.Instance.ProcessId);
        var second = await ExpectEventAsync<InstanceRestarting>();
        second.Delay.Should().Be(TimeSpan.FromMilliseconds(80), "100 ms doubled is capped at maxBackoffMs");
        await ExpectEventAsync<InstanceUpdated>(u => u.Changes.HasFlag(InstanceChanges.Restarted));

        var stopped = await ExpectEventAsync<InstanceStopped>();
        stopped.Reason.Should().StartWith("restart limit reached: more than 2 restarts within 60000 ms");
        stopped.Exit!.ExitCode.Should().Be(1);
        Tracker.Count.Should().Be(3);
    }

    [Fact]
    public async Task IgnoresSigterm_Stop_KilledAfterTheGracePeriod()
    {
        var manager = StartManager(Settings(TimeSpan.FromMilliseconds(300)));
        var marker = Path.Combine(TempFolder(), "ready");
        var started = await StartAsync(manager, new StartInstance(TestApps.Node("stubborn", TestScripts.Path("ignore-sigterm.js"), marker, new { mode = "always" })));
        await AwaitFileAsync(marker);

        var stopped = await manager.Ask<InstanceStopped>(new StopInstance(started.Instance.Id), TimeSpan.FromSeconds(15));
        stopped.Exit!.Signal.Should().Be(9, "SIGTERM was ignored, so the tree was killed");
        stopped.Requested.Should().BeTrue();
        (await ExpectEventAsync<InstanceStopped>()).InstanceId.Should().Be(started.Instance.Id);
        ProcessTree.IsAlive(started.Instance.ProcessId!.Value).Should().BeFalse();
        Events.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // no restart after a stop on request
    }

    [Fact]
    public async Task ExitsOnSigterm_Stop_ReportsTheSignal()
    {
        var manager = StartManager(Settings(TimeSpan.FromSeconds(10)));
        var started = await StartAsync(manager, new StartInstance(TestApps.Node("polite", TestScripts.Path("run-forever.js"))));
        var stopped = await manager.Ask<InstanceStopped>(new StopInstance(started.Instance.Id), TimeSpan.FromSeconds(15));
        stopped.Exit!.Signal.Should().Be(15);
        stopped.Exit.Description.Should().Be("signal 15 (SIGTERM)");
    }

    [Fact]
    public async Task SpawnsChild_Stop_LeavesNoOrphan()
    {
        var manager = StartManager(Settings(TimeSpan.FromSeconds(5)));
        var pidFile = Path.Combine(TempFolder(), "child.pid");
        var started = await StartAsync(manager, new StartInstance(TestApps.Node("parent", TestScripts.Path("spawn-child.js"), pidFile)));
        await AwaitFileAsync(pidFile);
        var childPid = int.Parse(await File.ReadAllTextAsync(pidFile));
        Tracker.Track(childPid);
        ProcessTree.IsAlive(childPid).Should().BeTrue();

        await manager.Ask<InstanceStopped>(new StopInstance(started.Instance.Id), TimeSpan.FromSeconds(15));
        await AwaitConditionAsync(() => Task.FromResult(!ProcessTree.IsAlive(childPid)), TimeSpan.FromSeconds(5), message: $"child {childPid} to be gone");
    }

    [Fact]
    public async Task SpawnsChild_PlatformShutdown_LeavesNoOrphan()
    {
        var manager = StartManager(Settings());
        var pidFile = Path.Combine(TempFolder(), "child.pid");
        await StartAsync(manager, new StartInstance(TestApps.Node("parent", TestScripts.Path("spawn-child.js"), pidFile)));
        await AwaitFileAsync(pidFile);
        Tracker.Track(int.Parse(await File.ReadAllTextAsync(pidFile)));
        // No stop: the teardown terminates the system and checks that both processes are gone.
    }

    [Fact]
    public async Task Exe_CommandWithParameters_RunsInWorkingFolderWithInstanceEnvironment()
    {
        var manager = StartManager(Settings());
        var output = Path.Combine(TempFolder(), "env.json");
        var app = TestApps.Exe("dumper", "%GDDIR%", TestScripts.Node, $"dump-env.js \"{output}\" one \"two words\"");
        var context = TestApps.Json("""{"selectedUser": 2}""");
        var started = await StartAsync(manager, new StartInstance(app, context, StartedBy: new StartedBy("launcher", "i-1", StartedByKind.Intent)));
        var stopped = await ExpectEventAsync<InstanceStopped>();
        stopped.Exit!.ExitCode.Should().Be(0);

        using var env = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var root = env.RootElement;
        root.GetProperty("argv").EnumerateArray().Select(a => a.GetString()).Should().Equal("one", "two words");
        Path.GetFullPath(root.GetProperty("cwd").GetString()!).Should().Be(Path.GetFullPath(TestScripts.Folder).TrimEnd('/'));
        root.GetProperty("instanceId").GetString().Should().Be(started.Instance.Id);
        root.GetProperty("appName").GetString().Should().Be("dumper");
        root.GetProperty("apiUrl").GetString().Should().Be("http://127.0.0.1:5999/api");
        root.GetProperty("apiToken").GetString().Should().Be("secret-token");
        using var sc = JsonDocument.Parse(root.GetProperty("startingContext").GetString()!);
        sc.RootElement.GetProperty("applicationName").GetString().Should().Be("dumper");
        sc.RootElement.GetProperty("instanceId").GetString().Should().Be(started.Instance.Id);
        sc.RootElement.GetProperty("context").GetProperty("selectedUser").GetInt32().Should().Be(2);
        sc.RootElement.GetProperty("startedBy").GetProperty("startedBy").GetString().Should().Be("intent");
        sc.RootElement.GetProperty("startedBy").GetProperty("applicationName").GetString().Should().Be("launcher");
    }

    [Fact]
    public async Task Exe_MissingWorkingFolder_StartFailsNamingIt()
    {
        var manager = StartManager(Settings());
        var app = TestApps.Exe("ghost", "/definitely/not/here", "ghost.exe");
        var error = await Assert.ThrowsAsync<InstanceStartException>(() => manager.Ask<InstanceStartResult>(new StartInstance(app), TimeSpan.FromSeconds(10)));
        error.Reason.Should().Contain("'/definitely/not/here'").And.Contain("does not exist");
        (await ExpectEventAsync<InstanceStartFailed>()).Reason.Should().Be(error.Reason);
    }

    [Fact]
    public async Task Node_NodeVersionPointsToMissingFile_StartFailsNamingTheFile()
    {
        var manager = StartManager(Settings());
        var app = TestApps.Node("old-node", TestScripts.Path("exit-after.js"), details: d => d["nodeVersion"] = "0.0.1-missing");
        var error = await Assert.ThrowsAsync<InstanceStartException>(() => manager.Ask<InstanceStartResult>(new StartInstance(app), TimeSpan.FromSeconds(10)));
        var expected = Path.Combine(Path.GetDirectoryName(TestScripts.Node)!, "node-0.0.1-missing");
        error.Reason.Should().Contain($"'{expected}'").And.Contain("does not exist").And.Contain("nodeVersion '0.0.1-missing'");
    }

    [Fact]
    public async Task Node_NodeVersionPresentInNodePathFolder_RunsThatExecutable()
    {
        var folder = TempFolder();
        var versioned = Path.Combine(folder, "node-20.0.0-test");
        File.CreateSymbolicLink(versioned, TestScripts.Node);
        var manager = StartManager(Settings() with { NodePath = folder });
        var app = TestApps.Node("versioned", TestScripts.Path("exit-after.js"), "10 4", details: d => d["nodeVersion"] = "20.0.0-test");
        await StartAsync(manager, new StartInstance(app));
        (await ExpectEventAsync<InstanceStopped>()).Exit!.ExitCode.Should().Be(4);
    }

    [Fact]
    public async Task StartOptions_OverrideDetails_ForThisInstanceOnly()
    {
        var manager = StartManager(Settings());
        var app = TestApps.Node("opts", TestScripts.Path("exit-after.js"), "10 1");
        await StartAsync(manager, new StartInstance(app, Options: new System.Text.Json.Nodes.JsonObject { ["parameters"] = "10 6" }));
        (await ExpectEventAsync<InstanceStopped>()).Exit!.ExitCode.Should().Be(6);
    }
}
