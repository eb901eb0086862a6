using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace IoActors.Benchmarks.Hocon;

/// <summary>
/// A short in-process job: on the shared two-core machine the separate benchmark executable often misses
/// BenchmarkDotNet's two-minute build timeout, so these benchmarks run in the host process.
/// </summary>
public sealed class HoconBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration: 1 launch, 3 warmups, 5 iterations, in process, with allocation figures.</summary>
    public HoconBenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
