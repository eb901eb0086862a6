using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace IoActors.Benchmarks.Kernel;

/// <summary>
/// The short job every kernel benchmark runs with (1 launch, 3 warm-ups, 5 iterations, so the whole kernel run stays
/// within a few minutes), plus the Median and Op/s columns and the memory diagnoser.
/// </summary>
/// <remarks>
/// The job runs in process (the Release build of this project is what is measured): BenchmarkDotNet's default
/// toolchain would rebuild the whole project graph first, which costs minutes on a 2-core machine.
/// </remarks>
public class KernelBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public KernelBenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance).WithId("Short"));
        AddColumn(StatisticColumn.Median, StatisticColumn.OperationsPerSecond);
        AddDiagnoser(MemoryDiagnoser.Default);
    }

    /// <summary>The kernel config with one baseline per <c>[BenchmarkCategory]</c>.</summary>
    public sealed class ByCategory : KernelBenchmarkConfig
    {
        /// <summary>Creates the config.</summary>
        public ByCategory()
        {
            AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
            AddColumn(CategoriesColumn.Default);
        }
    }

    /// <summary>The kernel config plus the "Retained/actor" column (<see cref="IdleActorFootprintColumn"/>).</summary>
    public sealed class WithFootprint : KernelBenchmarkConfig
    {
        /// <summary>Creates the config.</summary>
        public WithFootprint() => AddColumn(new IdleActorFootprintColumn());
    }
}
