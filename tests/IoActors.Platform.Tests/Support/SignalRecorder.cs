using FluentAssertions;
using IoActors.Platform.Instances;

namespace IoActors.Platform.Tests.Support;

/// <summary>A running scripts/record-signals.js: it notes each SIGTERM and SIGWINCH it gets in <see cref="File"/>.</summary>
internal sealed record SignalRecorder(ProcessTree.ProcessKey Key, string File)
{
    public const int SigWinch = 28;

    /// <summary>
    /// Checks that the process still runs and never got a SIGTERM: sends SIGWINCH and waits until it is noted. A SIGTERM
    /// sent before would be noted first (a pending signal is delivered before a later one, and the lower number first).
    /// </summary>
    public async Task ExpectUntouchedAsync(Akka.TestKit.TestKitBase kit)
    {
        ProcessTree.IsAlive(Key).Should().BeTrue($"process {Key.Pid} is left alone");
        PosixSignals.Send(Key.Pid, SigWinch).Should().BeTrue();
        await kit.AwaitConditionAsync(
            () => Task.FromResult(System.IO.File.Exists(File) && System.IO.File.ReadAllText(File).Contains("SIGWINCH", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15),
            message: $"{File} to note SIGWINCH");
        (await System.IO.File.ReadAllTextAsync(File)).Should().Be("SIGWINCH\n", "the process never got a SIGTERM");
    }
}
