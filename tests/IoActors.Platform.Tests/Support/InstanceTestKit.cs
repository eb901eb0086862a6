using Akka.Actor;
using Akka.TestKit;
using IoActors.Platform.Instances;
using IoActors.Testing;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Platform.Tests.Support;

/// <summary>
/// Base of the instance tests: an instance-event probe that remembers every pid it sees, and a teardown that shuts the
/// system down and then checks that no process the test started is left (killing leftovers so nothing leaks).
/// </summary>
public abstract class InstanceTestKit : ActorTestKit
{
    private readonly List<string> _folders = [];

    protected InstanceTestKit(ITestOutputHelper output, bool virtualTime)
        : base(output, virtualTime)
    {
        Events = CreateTestProbe("instance-events");
        Sys.EventStream.Subscribe(Events.Ref, typeof(InstanceEvent));
    }

    /// <summary>Receives every <see cref="InstanceEvent"/>.</summary>
    protected TestProbe Events { get; }

    internal ProcessTracker Tracker { get; } = new();

    /// <summary>A fresh temp folder, deleted at teardown.</summary>
    protected string TempFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ioactors-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        _folders.Add(dir);
        return dir;
    }

    /// <summary>Starts an instance manager on the kit's clock.</summary>
    protected IActorRef StartManager(InstanceManagerSettings settings) => Sys.ActorOf(InstanceManager.Props(settings with { TimeProvider = TimeProvider }), "instances");

    /// <summary>Fishes for the next event of type <typeparamref name="T"/> matching <paramref name="match"/>, tracking pids on the way.</summary>
    protected async Task<T> ExpectEventAsync<T>(Func<T, bool>? match = null, TimeSpan? max = null)
        where T : InstanceEvent
    {
        var found = await Events.FishForMessageAsync<InstanceEvent>(
            e =>
            {
                Tracker.Track(e);
                return e is T t && (match?.Invoke(t) ?? true);
            },
            max ?? TimeSpan.FromSeconds(15),
            typeof(T).Name);
        return (T)found;
    }

    protected async Task<InstanceStartResult> StartAsync(IActorRef manager, StartInstance start)
    {
        var result = await manager.Ask<InstanceStartResult>(start, TimeSpan.FromSeconds(20)).WaitAsync(TimeSpan.FromSeconds(20));
        Tracker.Track(result.Instance.ProcessId);
        return result;
    }

    /// <summary>Waits (polling) for a file another process writes.</summary>
    protected Task AwaitFileAsync(string file) =>
        AwaitConditionAsync(() => Task.FromResult(File.Exists(file) && new FileInfo(file).Length > 0), TimeSpan.FromSeconds(15), message: $"file {file} to be written");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            await AwaitConditionAsync(() => Task.FromResult(Tracker.Alive().Count == 0), TimeSpan.FromSeconds(10), message: "every process the test started to be gone");
        }
        finally
        {
            var left = Tracker.KillLeftovers();
            foreach (var dir in _folders)
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (IOException)
                {
                }
            }

            Assert.True(left.Count == 0, $"processes left behind: {string.Join(", ", left)}");
        }
    }
}
