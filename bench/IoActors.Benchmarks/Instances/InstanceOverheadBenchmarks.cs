using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using IoActors.Benchmarks.Running;
using IoActors.Apps.Definitions;
using Akka.Actor;
using IoActors.Platform.Instances;

namespace IoActors.Benchmarks.Instances;

/// <summary>
/// Per-instance overhead: 1 000 instances started (concurrently) and then stopped through a launcher that starts nothing.
/// One operation is one instance started and stopped. The baseline spawns 1 000 plain actors, asks each once and stops
/// them, in the same run, to show what the instance bookkeeping costs on top of the kernel.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class InstanceOverheadBenchmarks
{
    /// <summary>Instances per invocation.</summary>
    public const int Instances = 1_000;

    private ActorSystem _system = null!;
    private IActorRef _manager = null!;
    private AppDefinition _app = null!;
    private Props _echo = null!;

    /// <summary>Creates the system and a manager whose node launcher is a no-op.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("overhead-bench", "akka.coordinated-shutdown.run-by-clr-shutdown-hook = off\nakka.loglevel = WARNING");
        _manager = _system.ActorOf(
            InstanceManager.Props(new InstanceManagerSettings { Launchers = new Dictionary<AppType, IInstanceLauncher> { [AppType.Node] = new NoopLauncher() } }),
            "instances");
        _app = AppDefinition.FromJson(new JsonObject { ["name"] = "fake", ["type"] = "node", ["details"] = new JsonObject { ["path"] = "/fake.js" } });
        _echo = Props.Create(() => new Echo());
    }

    /// <summary>Terminates the system.</summary>
    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    /// <summary>Spawn, ask and stop 1 000 plain actors.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Instances)]
    public async Task PlainActorsSpawnAskStop()
    {
        var refs = new IActorRef[Instances];
        var asks = new Task<object>[Instances];
        for (var i = 0; i < Instances; i++)
        {
            refs[i] = _system.ActorOf(_echo);
            asks[i] = refs[i].Ask(i, TimeSpan.FromSeconds(30));
        }

        var replies = await Task.WhenAll(asks);
        for (var i = 0; i < Instances; i++)
        {
            if (replies[i] is not int n || n != i)
            {
                throw new InvalidOperationException($"actor {i} replied {replies[i]}");
            }
        }

        var stops = new Task<bool>[Instances];
        for (var i = 0; i < Instances; i++)
        {
            stops[i] = refs[i].GracefulStop(TimeSpan.FromSeconds(30));
        }

        if ((await Task.WhenAll(stops)).Any(stopped => !stopped))
        {
            throw new InvalidOperationException("an actor did not stop within 30 s");
        }
    }

    /// <summary>Start 1 000 instances, then stop them all and wait for each InstanceStopped reply.</summary>
    [Benchmark(OperationsPerInvoke = Instances)]
    public async Task InstancesStartStop()
    {
        var starts = new Task<InstanceStartResult>[Instances];
        for (var i = 0; i < Instances; i++)
        {
            starts[i] = _manager.Ask<InstanceStartResult>(new StartInstance(_app), TimeSpan.FromSeconds(30));
        }

        var started = await Task.WhenAll(starts);
        var stops = new Task<InstanceStopped>[Instances];
        for (var i = 0; i < Instances; i++)
        {
            stops[i] = _manager.Ask<InstanceStopped>(new StopInstance(started[i].Instance.Id), TimeSpan.FromSeconds(30));
        }

        var stopped = await Task.WhenAll(stops);
        var left = await _manager.Ask<InstanceList>(new GetInstances(), TimeSpan.FromSeconds(30));
        if (stopped.Select(s => s.InstanceId).Distinct().Count() != Instances || left.Instances.Count != 0)
        {
            throw new InvalidOperationException($"{stopped.Select(s => s.InstanceId).Distinct().Count()} of {Instances} instances stopped, {left.Instances.Count} still listed");
        }
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
    }

    private sealed class NoopLauncher : IInstanceLauncher
    {
        public Task<IRunningInstance> LaunchAsync(LaunchRequest request, CancellationToken cancellationToken) => Task.FromResult<IRunningInstance>(new NoopRun());
    }

    private sealed class NoopRun : IRunningInstance
    {
        private readonly TaskCompletionSource<InstanceExit> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int? ProcessId => null;

        public Task<InstanceExit> Exited => _exit.Task;

        public void RequestStop() => _exit.TrySetResult(new InstanceExit(0, null, "exit code 0"));

        public void Kill() => _exit.TrySetResult(new InstanceExit(null, 9, "signal 9 (SIGKILL)"));
    }
}
