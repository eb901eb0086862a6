using FluentAssertions;
using Akka.Actor;
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
    public async Task Child_SlowPreStart_TheBootWaitsUntilItStarted()
    {
        // The child's PreStart ends when an instance is launched, or after half a second without one. The boot must not
        // launch anything before the child has started.
        var launched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _h.Launcher.OnLaunch = _ => launched.TrySetResult();
        _h.Children = [new PlatformChild("slow-starter", Props.Create(() => new SlowStarter(launched.Task, started, _h.Launcher)))];
        _h.SystemApp("core-svc", "exe", new { stage = "core", priority = 0, waitForInitialization = "no" });

        _h.Start();
        var startedWhenCreateReturned = started.Task.IsCompleted;
        (await started.Task.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(0, "no instance is launched before the host's children have started");
        startedWhenCreateReturned.Should().BeTrue("the platform's start returns only once its children confirmed theirs");
        await _h.BootedAsync();
        _h.Launcher.Launches.Should().ContainSingle();
    }

    [Fact]
    public void Create_ChildFailsToStart_FailsNamingTheChildAndTheCause()
    {
        _h.Children = [new PlatformChild("broken", Props.Create(() => new FailingStarter()))];

        var act = () => _h.Start();

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("The platform could not start: its child 'broken' failed to start*the broken child's PreStart*");
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

    private sealed class SlowStarter : ReceiveActor
    {
        private readonly Task _launched;
        private readonly TaskCompletionSource<int> _started;
        private readonly RecordingLauncher _launcher;

        public SlowStarter(Task launched, TaskCompletionSource<int> started, RecordingLauncher launcher)
        {
            _launched = launched;
            _started = started;
            _launcher = launcher;
            ReceiveAny(_ => { });
        }

        protected override void PreStart()
        {
            // A PreStart that takes its time (as on a loaded machine). Bounded, as ExpectNoMsg is: when the boot does
            // not wait for the child, the launch ends it at once.
            _launched.Wait(TimeSpan.FromMilliseconds(500));
            _started.TrySetResult(_launcher.Launches.Count);
        }
    }

    private sealed class FailingStarter : ReceiveActor
    {
        public FailingStarter() => ReceiveAny(_ => { });

        protected override void PreStart() => throw new InvalidOperationException("the broken child's PreStart");
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

        protected override void PreStart() => _started?.TrySetResult((Self.Path.ToStringWithoutAddress(), _launcher?.Launches.Count ?? 0));

        protected override void PostStop() => _stopped?.TrySetResult();
    }
}
