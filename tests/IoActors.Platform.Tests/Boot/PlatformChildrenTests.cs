using FluentAssertions;
using IoActors.Kernel;
using IoActors.Platform.Instances;
using IoActors.Platform.Tests.Support;
using Xunit;

namespace IoActors.Platform.Tests.Boot;

/// <summary>Actors a host runs inside the platform (<see cref="IoPlatformOptions.Children"/>).</summary>
public sealed class PlatformChildrenTests : IAsyncLifetime
{
    private readonly BootHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Child_RunsUnderThePlatform_CreatedBeforeTheFirstInstanceAndStoppedWithThePlatform()
    {
        var started = new TaskCompletionSource<(string Path, int LaunchesSoFar)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _h.Children = [new PlatformChild("host-service", Props.Create(() => new Probe(started, stopped, _h.Launcher)))];
        _h.SystemApp("core-svc", "exe", new { stage = "core", priority = 0, waitForInitialization = "no" });

        _h.Start();
        await _h.BootedAsync();
        await _h.NextAsync<InstanceStarted>(e => e.AppName == "core-svc");

        var (path, launches) = await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        path.Should().Be("/user/platform/host-service");
        launches.Should().Be(0, "the child exists before the boot starts any instance");
        stopped.Task.IsCompleted.Should().BeFalse();

        await _h.Platform.DisposeAsync();
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Create_ReservedMalformedOrRepeatedNames_FailsNamingEachBeforeAnythingStarts()
    {
        _h.Children =
        [
            new PlatformChild("stores", Props.Create(() => new Probe(null, null, null))),
            new PlatformChild("bad/name", Props.Create(() => new Probe(null, null, null))),
            new PlatformChild("twice", Props.Create(() => new Probe(null, null, null))),
            new PlatformChild("twice", Props.Create(() => new Probe(null, null, null))),
        ];

        var act = () => _h.Start();

        act.Should().Throw<ArgumentException>()
            .Which.Message.Should().Contain("Children[0].Name: \"stores\" is one of the platform's own children")
            .And.Contain("Children[1].Name: \"bad/name\" must be non-empty")
            .And.Contain("Children[3].Name: \"twice\" is used twice");
    }

    private sealed class Probe : ReceiveActor
    {
        private readonly TaskCompletionSource<(string, int)>? _started;
        private readonly TaskCompletionSource? _stopped;
        private readonly RecordingLauncher? _launcher;

        public Probe(TaskCompletionSource<(string, int)>? started, TaskCompletionSource? stopped, RecordingLauncher? launcher)
        {
            _started = started;
            _stopped = stopped;
            _launcher = launcher;
            ReceiveAny(_ => { });
        }

        protected override void PreStart() => _started?.TrySetResult((Self.Path.ToString(), _launcher?.Launches.Count ?? 0));

        protected override void PostStop() => _stopped?.TrySetResult();
    }
}
