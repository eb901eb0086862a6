using System.Diagnostics;
using FluentAssertions;
using IoActors.Hocon;
using IoActors.Platform.Configuration;
using IoActors.Platform.Hosting;
using IoActors.Platform.Instances;
using IoActors.Platform.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Tests.Boot;

/// <summary>
/// The instance processes a killed host left behind, as its journal names them: a real platform on a real SQLite journal
/// and real clock stops the ones that still run as journaled before it boots, and never touches any other process.
/// </summary>
public sealed class LeftoverProcessesTests : InstanceTestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly string _root;

    public LeftoverProcessesTests(ITestOutputHelper output)
        : base(output, virtualTime: false)
    {
        _root = TempFolder();
        Directory.CreateDirectory(Path.Combine(_root, "data"));
        Directory.CreateDirectory(Path.Combine(_root, "apps"));
    }

    private string ConnectionString => $"Data Source={Path.Combine(_root, "data", "ioactors.db")}";

    [Fact]
    public async Task PreviousRun_LeftoverAndReusedPid_StopsTheLeftoverBeforeTheBootAndNeverTouchesTheReusedPid()
    {
        using var leftover = await StartRecorderAsync("leftover");
        using var unrelated = await StartRecorderAsync("unrelated");
        await JournalAsync(ProcessTree.BootId(), DeadHost, Record("left-1", leftover.Key), Record("reused-1", unrelated.Key with { StartTime = unrelated.Key.StartTime + 1 }));

        await using (var platform = await StartPlatformAsync())
        {
            ProcessTree.IsAlive(leftover.Key).Should().BeFalse("the leftover is stopped before the boot plans");
        }

        await leftover.Process.WaitForExitAsync().WaitAsync(Timeout);
        leftover.Process.ExitCode.Should().Be(0, "it exited on the SIGTERM it recorded");
        (await File.ReadAllTextAsync(leftover.File)).Should().Be("SIGTERM\n");
        await unrelated.ExpectUntouchedAsync(this);
    }

    [Fact]
    public async Task PreviousRun_LeftoverIgnoresSigterm_IsKilledAfterTheGracePeriod()
    {
        using var stubborn = await StartRecorderAsync("stubborn", ignoreTerm: true);
        await JournalAsync(ProcessTree.BootId(), DeadHost, Record("stubborn-1", stubborn.Key));

        await using (var platform = await StartPlatformAsync())
        {
            ProcessTree.IsAlive(stubborn.Key).Should().BeFalse("SIGKILL follows the grace period, before the boot plans");
        }

        await stubborn.Process.WaitForExitAsync().WaitAsync(Timeout);
        stubborn.Process.ExitCode.Should().Be(128 + 9);
        (await File.ReadAllTextAsync(stubborn.File)).Should().Be("SIGTERM\n");
    }

    [Theory]
    [InlineData("an earlier machine boot")]
    [InlineData("another host that still runs")]
    public async Task JournaledProcesses_FromAnEarlierBootOrARunningHost_AreLeftAlone(string writer)
    {
        using var process = await StartRecorderAsync("other");
        using var otherHost = await StartRecorderAsync("other-host");
        if (writer == "an earlier machine boot")
        {
            await JournalAsync(Guid.NewGuid().ToString(), DeadHost, Record("other-1", process.Key));
        }
        else
        {
            await JournalAsync(ProcessTree.BootId(), otherHost.Key, Record("other-1", process.Key));
        }

        await using (var platform = await StartPlatformAsync())
        {
        }

        await process.ExpectUntouchedAsync(this);
        await otherHost.ExpectUntouchedAsync(this);
    }

    [Fact]
    public async Task JournaledSet_WithItsFieldsMissing_TheBootGoesOn()
    {
        await JournalAsync(null!, DeadHost, null!);

        await using var platform = await StartPlatformAsync();

        platform.IsBooted.Should().BeTrue();
    }

    [Fact]
    public async Task RunningInstance_ItsProcess_IsJournaledWithItsStartTimeAndForgottenOnceStopped()
    {
        var script = TestScripts.Path("record-signals.js");
        var file = Path.Combine(TempFolder(), "signals");
        File.WriteAllText(Path.Combine(_root, "apps", "recorder.json"), $$"""
            { "name": "recorder", "type": "node", "autoStart": true, "details": { "path": {{System.Text.Json.JsonSerializer.Serialize(script)}}, "parameters": {{System.Text.Json.JsonSerializer.Serialize(file)}} },
              "runPriority": { "stage": "user", "waitForInitialization": "no" } }
            """);

        await using var platform = await StartPlatformAsync();
        var instance = (await platform.AppManager.InstancesAsync()).Single(i => i.AppName == "recorder");
        Tracker.Track(instance.ProcessId);
        ProcessTree.TryRead(instance.ProcessId!.Value, out var key, out _).Should().BeTrue();
        var expected = new InstanceProcessRecord(instance.Id, "recorder", key.Pid, key.StartTime);
        await AwaitConditionAsync(async () => (await ReadJournalAsync())?.Instances.SequenceEqual([expected]) == true, Timeout, message: "the instance's process in the journal");
        var journaled = (await ReadJournalAsync())!;
        journaled.BootId.Should().Be(ProcessTree.BootId());
        journaled.HostProcessId.Should().Be(Environment.ProcessId);

        await platform.AppManager.StopAsync(instance.Id);
        await AwaitConditionAsync(async () => (await ReadJournalAsync())?.Instances.Count == 0, Timeout, message: "the stopped instance gone from the journal");
    }

    // A host that no longer runs: no process has pid 0.
    private static ProcessTree.ProcessKey DeadHost => new(0, 0);

    private static InstanceProcessRecord Record(string instanceId, ProcessTree.ProcessKey key) => new(instanceId, "app-" + instanceId, key.Pid, key.StartTime);

    private PlatformOptions Configuration()
    {
        var configuration = new PlatformOptions
        {
            ConfigFolder = _root,
            AppStores = [new AppStoreOptions { Type = "path", Details = new AppStoreDetailsOptions { Path = Path.Combine(_root, "apps") } }],
            NodePath = TestScripts.Node,
        };
        configuration.IoActors.DataFolder = Path.Combine(_root, "data");
        configuration.IoActors.Persistence.ConnectionString = ConnectionString;
        configuration.IoActors.Instances.StopGracePeriod = HoconDuration.FromMilliseconds(300);
        return configuration;
    }

    private async Task<IoPlatform> StartPlatformAsync()
    {
        var platform = IoPlatform.Create(new IoPlatformOptions { Configuration = Configuration(), HandleProcessSignals = false });
        await platform.WhenBooted.WaitAsync(Timeout);
        return platform;
    }

    private Task JournalAsync(string bootId, ProcessTree.ProcessKey host, params InstanceProcessRecord[] instances) =>
        PlatformJournalFile.WriteAsync(Configuration(), InstanceProcessJournal.Id, new InstanceProcessesPersisted(bootId, host.Pid, host.StartTime, "an-earlier-run", instances));

    private Task<InstanceProcessesPersisted?> ReadJournalAsync() =>
        PlatformJournalFile.ReadLastAsync<InstanceProcessesPersisted>(Configuration(), InstanceProcessJournal.Id);

    private async Task<RecorderProcess> StartRecorderAsync(string name, bool ignoreTerm = false)
    {
        var file = Path.Combine(TempFolder(), name);
        var start = new ProcessStartInfo(TestScripts.Node) { UseShellExecute = false };
        start.ArgumentList.Add(TestScripts.Path("record-signals.js"));
        start.ArgumentList.Add(file);
        if (ignoreTerm)
        {
            start.ArgumentList.Add("ignore-term");
        }

        var process = Process.Start(start)!;
        Tracker.Track(process.Id);
        await AwaitFileAsync(file + ".ready");
        ProcessTree.TryRead(process.Id, out var key, out _).Should().BeTrue();
        return new RecorderProcess(process, new SignalRecorder(key, file));
    }

    /// <summary>A record-signals.js process this test started (not an instance of any platform).</summary>
    private sealed record RecorderProcess(Process Process, SignalRecorder Recorder) : IDisposable
    {
        public ProcessTree.ProcessKey Key => Recorder.Key;

        public string File => Recorder.File;

        public Task ExpectUntouchedAsync(Akka.TestKit.TestKitBase kit) => Recorder.ExpectUntouchedAsync(kit);

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
                Process.WaitForExit();
            }

            Process.Dispose();
        }
    }
}
