using System.Diagnostics;
using FluentAssertions;
using IoActors.Platform.Instances;
using IoActors.Platform.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Tests.Instances;

/// <summary>How app processes are started so that they end with the host (its exit watchdog): real processes, real time.</summary>
public sealed class HostExitWatchdogTests : InstanceTestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public HostExitWatchdogTests(ITestOutputHelper output)
        : base(output, virtualTime: false)
    {
    }

    [Fact]
    public async Task Launch_TheThreadThatAskedForItEnds_TheProcessKeepsRunningUntouched()
    {
        // A parent-death signal would fire when the thread that forked the child ends: nothing of the kind may be set on an app.
        var file = Path.Combine(TempFolder(), "signals");
        var request = Request(TestApps.Exe("recorder", TestScripts.Folder, TestScripts.Node, $"record-signals.js \"{file}\""));
        IRunningInstance? running = null;
        string? thread = null;
        var caller = new Thread(() =>
        {
            thread = new FileInfo("/proc/thread-self").LinkTarget;
            running = new ProcessLauncher().LaunchAsync(request, CancellationToken.None).GetAwaiter().GetResult();
        });
        caller.Start();
        caller.Join();
        Tracker.Track(running!.ProcessId);

        // Gone from the kernel too: had that thread forked the app, the signal would be pending by now.
        await AwaitConditionAsync(() => Task.FromResult(!Directory.Exists("/proc/" + thread)), Timeout, message: $"thread /proc/{thread} to end");
        await AwaitFileAsync(file + ".ready");
        ProcessTree.TryRead(running.ProcessId!.Value, out var key, out var parent).Should().BeTrue();
        parent.Should().Be(Environment.ProcessId, "the launcher starts the app itself: the host is its parent");
        await new SignalRecorder(key, file).ExpectUntouchedAsync(this);

        running.Kill();
        (await running.Exited.WaitAsync(Timeout)).Signal.Should().Be(9);
    }

    [Fact]
    public async Task Launch_CommandNotFound_StartFailsNamingIt()
    {
        var folder = TempFolder();
        var request = Request(TestApps.Exe("ghost", folder, "no-such-command-for-ioactors"));

        var error = await Assert.ThrowsAsync<LaunchException>(() => new ProcessLauncher().LaunchAsync(request, CancellationToken.None));

        error.Message.Should().Contain("'no-such-command-for-ioactors' could not be started").And.Contain(folder);
    }

    [Fact]
    public async Task Launch_FileNotExecutable_StartFailsNamingIt()
    {
        var folder = TempFolder();
        var script = Path.Combine(folder, "not-executable.sh");
        File.WriteAllText(script, "exit 0\n");
        var request = Request(TestApps.Exe("plain-file", folder, script));

        var error = await Assert.ThrowsAsync<LaunchException>(() => new ProcessLauncher().LaunchAsync(request, CancellationToken.None));

        error.Message.Should().Contain($"'{script}' could not be started");
    }

    [Fact]
    public async Task Launch_TheAppIsWatched_UntilItExits()
    {
        var request = Request(TestApps.Exe("sleeper", "/bin", "sleep", "600"));

        var running = await new ProcessLauncher().LaunchAsync(request, CancellationToken.None);
        Tracker.Track(running.ProcessId);

        HostExitWatchdog.Shared.IsWatched(running.ProcessId!.Value).Should().BeTrue("the host's watchdog lists the running app");
        running.RequestStop();
        await running.Exited.WaitAsync(Timeout);
        HostExitWatchdog.Shared.IsWatched(running.ProcessId.Value).Should().BeFalse("an ended app is taken off the list");
    }

    [Fact]
    public async Task Watchdog_HostEnd_SignalsEveryWatchedProcess_AndNotAForgottenOne()
    {
        var watched = await StartRecorderAsync("watched");
        var forgotten = await StartRecorderAsync("forgotten");
        var watchdog = new HostExitWatchdog();

        watchdog.Watch(watched.Key.Pid).Should().BeTrue();
        watchdog.Watch(forgotten.Key.Pid).Should().BeTrue();
        watchdog.Forget(forgotten.Key.Pid);
        watchdog.Dispose(); // the pipe closes as on the host's death
        await watchdog.WhenExitedAsync(CancellationToken.None).WaitAsync(Timeout);

        await AwaitConditionAsync(() => Task.FromResult(File.Exists(watched.File) && File.ReadAllText(watched.File) == "SIGTERM\n"), Timeout, message: "the watched process to note SIGTERM");
        await forgotten.ExpectUntouchedAsync(this);
        await EndAsync(forgotten);
    }

    [Fact]
    public async Task Watchdog_IgnoresTerminalSignals_AndStillSignalsAtTheEnd()
    {
        var app = await StartRecorderAsync("app");
        var watchdog = new HostExitWatchdog();
        watchdog.Watch(app.Key.Pid).Should().BeTrue();
        var pid = watchdog.ProcessId!.Value;

        // A Ctrl+C or a SIGTERM to the terminal's whole process group: the watchdog stays to watch the host's own stop.
        PosixSignals.Send(pid, 2).Should().BeTrue();
        PosixSignals.Send(pid, PosixSignals.SigTerm).Should().BeTrue();
        watchdog.Watch(Environment.ProcessId).Should().BeTrue(); // a round trip through the pipe after the signals
        watchdog.Forget(Environment.ProcessId);
        watchdog.ProcessId.Should().Be(pid, "the same watchdog still runs");

        watchdog.Dispose();
        await watchdog.WhenExitedAsync(CancellationToken.None).WaitAsync(Timeout);
        await AwaitConditionAsync(() => Task.FromResult(File.Exists(app.File) && File.ReadAllText(app.File) == "SIGTERM\n"), Timeout, message: "the app to note SIGTERM");
    }

    [Fact]
    public async Task Watchdog_Killed_TheNextWatchStartsOneThatHoldsEverything()
    {
        var first = await StartRecorderAsync("first");
        var second = await StartRecorderAsync("second");
        var watchdog = new HostExitWatchdog();
        watchdog.Watch(first.Key.Pid).Should().BeTrue();
        var killed = watchdog.ProcessId!.Value;
        ProcessTree.TryRead(killed, out var killedKey, out _).Should().BeTrue();

        PosixSignals.Send(killed, PosixSignals.SigKill).Should().BeTrue();
        await AwaitConditionAsync(() => Task.FromResult(!ProcessTree.IsAlive(killedKey)), Timeout, message: "the watchdog to be gone");
        watchdog.Watch(second.Key.Pid).Should().BeTrue();
        watchdog.ProcessId.Should().NotBe(killed);

        watchdog.Dispose();
        await watchdog.WhenExitedAsync(CancellationToken.None).WaitAsync(Timeout);
        foreach (var app in new[] { first, second })
        {
            await AwaitConditionAsync(() => Task.FromResult(File.Exists(app.File) && File.ReadAllText(app.File) == "SIGTERM\n"), Timeout, message: $"{app.File} to note SIGTERM");
        }
    }

    [Fact]
    public async Task WatchdogScript_AStartTimeThatDoesNotMatch_IsAReusedPid_LeftAlone()
    {
        var app = await StartRecorderAsync("reused");
        using var shell = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", HostExitWatchdog.Script, "ioactors-watchdog" }, RedirectStandardInput = true, UseShellExecute = false })!;

        // Listed with another start time (the pid's earlier owner), then garbage lines, which the script skips.
        await shell.StandardInput.WriteAsync($"+ {app.Key.Pid} {app.Key.StartTime + 1}\n+ x; kill 1\n+ 12 $(id)\n");
        shell.StandardInput.Close();
        await shell.WaitForExitAsync().WaitAsync(Timeout);

        shell.ExitCode.Should().Be(0);
        await app.ExpectUntouchedAsync(this);
        await EndAsync(app);
    }

    private async Task EndAsync(SignalRecorder recorder)
    {
        PosixSignals.Send(recorder.Key.Pid, PosixSignals.SigKill).Should().BeTrue();
        await AwaitConditionAsync(() => Task.FromResult(!ProcessTree.IsAlive(recorder.Key)), Timeout, message: $"process {recorder.Key.Pid} to end");
    }

    private async Task<SignalRecorder> StartRecorderAsync(string name)
    {
        var file = Path.Combine(TempFolder(), name);
        var running = await new ProcessLauncher().LaunchAsync(Request(TestApps.Exe(name, TestScripts.Folder, TestScripts.Node, $"record-signals.js \"{file}\"")), CancellationToken.None);
        Tracker.Track(running.ProcessId);
        HostExitWatchdog.Shared.Forget(running.ProcessId!.Value); // only the test's own watchdog holds it
        await AwaitFileAsync(file + ".ready");
        ProcessTree.TryRead(running.ProcessId.Value, out var key, out _).Should().BeTrue();
        return new SignalRecorder(key, file);
    }

    private static LaunchRequest Request(IoActors.Apps.Definitions.AppDefinition app) => new("instance-1", app, new Dictionary<string, string>(), app.Name);
}
