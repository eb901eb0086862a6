using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace IoActors.Benchmarks.Persistence;

/// <summary>
/// The short job of the persistence benchmarks: 1 launch, 3 warm-ups, 5 iterations, in process (the Release build of
/// this project is measured; rebuilding the project graph per benchmark takes minutes on a 2-core machine), plus the
/// Median and Op/s columns (Op/s = events/s, as every benchmark counts per event) and the memory diagnoser.
/// </summary>
public sealed class PersistenceBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public PersistenceBenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance).WithId("Short"));
        AddColumn(StatisticColumn.Median, StatisticColumn.OperationsPerSecond);
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
