using FluentAssertions;
using IoActors.Platform.Instances;
using IoActors.Platform.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Tests.Instances;

/// <summary>How app processes are started so that they end with the host: real processes, real time.</summary>
public sealed class ProcessStarterTests : InstanceTestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public ProcessStarterTests(ITestOutputHelper output)
        : base(output, virtualTime: false)
    {
    }

    [Fact]
    public async Task Launch_TheThreadThatAskedForItEnds_TheProcessKeepsRunningUntouched()
    {
        // The parent-death signal fires when the thread that forked the child ends: a launch must not fork on the caller's thread.
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
        parent.Should().Be(Environment.ProcessId, "setpriv execs the app: same pid, the host is its parent");
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

    private static LaunchRequest Request(IoActors.Apps.Definitions.AppDefinition app) => new("instance-1", app, new Dictionary<string, string>(), app.Name);
}
