using BenchmarkDotNet.Attributes;
using IoActors.Kernel;

namespace IoActors.Benchmarks.Kernel;

/// <summary>
/// Spawn + stop rate: each invocation creates <see cref="Actors"/> top-level actors and stops them, and completes when
/// every one has run <c>PostStop</c>. One operation is one actor spawned and stopped, so 1 / Mean is the rate.
/// The baseline stops with <c>Sys.Stop</c>; the other case with a <see cref="PoisonPill"/> (which goes through the mailbox).
/// </summary>
[Config(typeof(KernelBenchmarkConfig))]
public class SpawnStopBenchmarks
{
    /// <summary>Actors spawned and stopped per invocation.</summary>
    public const int Actors = 10_000;

    private readonly Props _props;
    private readonly IActorRef[] _refs = new IActorRef[Actors];
    private ActorSystem _system = null!;
    private StopCounter _counter = null!;

    /// <summary>Prepares the props.</summary>
    public SpawnStopBenchmarks() => _props = Props.Create(() => new Counted(_counter));

    /// <summary>Creates the system.</summary>
    [GlobalSetup]
    public void Setup() => _system = ActorSystem.Create("spawn", BenchmarkSystem.Options());

    /// <summary>Terminates the system.</summary>
    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    /// <summary>Spawns the actors, then stops each with <c>Sys.Stop</c>.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Actors)]
    public Task SpawnThenSystemStop()
    {
        _counter = new StopCounter(Actors);
        for (var i = 0; i < Actors; i++)
        {
            _refs[i] = _system.ActorOf(_props);
        }

        for (var i = 0; i < Actors; i++)
        {
            _system.Stop(_refs[i]);
        }

        return _counter.AllStopped;
    }

    /// <summary>Spawns each actor and immediately sends it a <see cref="PoisonPill"/>.</summary>
    [Benchmark(OperationsPerInvoke = Actors)]
    public Task SpawnAndPoisonPill()
    {
        _counter = new StopCounter(Actors);
        for (var i = 0; i < Actors; i++)
        {
            _system.ActorOf(_props).Tell(PoisonPill.Instance, ActorRefs.NoSender);
        }

        return _counter.AllStopped;
    }

    /// <summary>Counts stops down and completes when every actor has stopped.</summary>
    private sealed class StopCounter(int count)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _left = count;

        public Task AllStopped => _done.Task;

        public void Stopped()
        {
            if (Interlocked.Decrement(ref _left) == 0)
            {
                _done.TrySetResult();
            }
        }
    }

    /// <summary>An actor that does nothing but report its stop.</summary>
    private sealed class Counted(StopCounter counter) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
        }

        protected override void PostStop() => counter.Stopped();
    }
}
