using BenchmarkDotNet.Attributes;
using IoActors.Kernel;

namespace IoActors.Benchmarks.Kernel;

/// <summary>
/// Idle actors: the time and allocation to spawn one started, idle actor (each iteration spawns
/// <see cref="Actors"/> into a fresh system), and, in the "Retained/actor" column, the bytes an idle actor keeps alive
/// (<see cref="IdleActorFootprint"/>: GC.GetTotalMemory before and after 100 000 idle actors, measured once in the
/// host process). The baseline allocates a plain object per "actor" for scale.
/// </summary>
[Config(typeof(KernelBenchmarkConfig.WithFootprint))]
public class IdleActorBenchmarks
{
    /// <summary>Actors spawned per invocation.</summary>
    public const int Actors = 10_000;

    private ActorSystem _system = null!;
    private IActorRef[] _refs = [];
    private object[] _objects = [];
    private TaskCompletionSource _started = null!;
    private int _toStart;

    /// <summary>A fresh system per iteration, so the actors of earlier iterations do not accumulate.</summary>
    [IterationSetup]
    public void IterationSetup()
    {
        _system = ActorSystem.Create("idle", BenchmarkSystem.Options());
        _refs = new IActorRef[Actors];
        _objects = new object[Actors];
        _started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _toStart = Actors;
    }

    /// <summary>Terminates the iteration's system.</summary>
    [IterationCleanup]
    public void IterationCleanup() => _system.Terminate().Wait(TimeSpan.FromSeconds(30));

    /// <summary>Allocates a plain object per slot (scale only).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Actors)]
    public void AllocateObject()
    {
        for (var i = 0; i < Actors; i++)
        {
            _objects[i] = new object();
        }
    }

    /// <summary>Spawns the actors and waits until each has started.</summary>
    [Benchmark(OperationsPerInvoke = Actors)]
    public void SpawnIdleActor()
    {
        var props = Props.Create(() => new Idle(this));
        for (var i = 0; i < Actors; i++)
        {
            _refs[i] = _system.ActorOf(props);
        }

        _started.Task.Wait();
    }

    private void Started()
    {
        if (Interlocked.Decrement(ref _toStart) == 0)
        {
            _started.TrySetResult();
        }
    }

    /// <summary>An idle actor that signals its start.</summary>
    private sealed class Idle(IdleActorBenchmarks owner) : UntypedActor
    {
        protected override void PreStart() => owner.Started();

        protected override void OnReceive(object message)
        {
        }
    }
}
