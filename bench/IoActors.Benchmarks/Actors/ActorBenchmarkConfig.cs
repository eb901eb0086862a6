using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace IoActors.Benchmarks.Actors;

/// <summary>
/// The short job the actor benchmarks run with (1 launch, 3 warm-ups, 5 iterations, so the whole run stays within a
/// few minutes), plus the Median and Op/s columns and the memory diagnoser.
/// </summary>
/// <remarks>
/// The job runs in process (the Release build of this project is what is measured): BenchmarkDotNet's default
/// toolchain would rebuild the whole project graph first, which costs minutes on a 2-core machine.
/// </remarks>
public sealed class ActorBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public ActorBenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance).WithId("Short"));
        AddColumn(StatisticColumn.Median, StatisticColumn.OperationsPerSecond);
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
