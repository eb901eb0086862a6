using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace IoActors.Benchmarks.Running;

/// <summary>
/// The job every benchmark class runs with: 1 launch, 3 warm-ups and 5 iterations unless a class asks for others, in
/// process (the Release build of this project is what is measured; BenchmarkDotNet's default toolchain would rebuild
/// the project graph per class, which takes minutes on a 2-core machine and misses its build timeout), plus the Median
/// and Op/s columns and the memory diagnoser. With <c>--job dry</c> on the command line (<see cref="DryRun"/>) the job
/// is BenchmarkDotNet's Dry job instead (one cold-start invocation per stage, no timing claims), so every benchmark's
/// self-checks run once.
/// </summary>
public class ShortRunConfig : ManualConfig
{
    /// <summary>Creates the config: 3 warm-ups, 5 iterations.</summary>
    public ShortRunConfig()
        : this(warmups: 3, iterations: 5)
    {
    }

    /// <summary>Creates the config with its own iteration counts.</summary>
    /// <param name="warmups">Warm-up iterations.</param>
    /// <param name="iterations">Measured iterations.</param>
    /// <param name="invocationsPerIteration">Invocations per iteration, or <see langword="null"/> for BenchmarkDotNet's pilot.</param>
    protected ShortRunConfig(int warmups, int iterations, int? invocationsPerIteration = null)
    {
        AddJob(CreateJob(warmups, iterations, invocationsPerIteration));
        AddColumn(StatisticColumn.Median, StatisticColumn.OperationsPerSecond);
        AddDiagnoser(MemoryDiagnoser.Default);
    }

    private static Job CreateJob(int warmups, int iterations, int? invocationsPerIteration)
    {
        if (DryRun.Enabled)
        {
            return Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Dry");
        }

        var job = Job.Default.WithLaunchCount(1).WithWarmupCount(warmups).WithIterationCount(iterations);
        if (invocationsPerIteration is { } invocations)
        {
            job = job.WithInvocationCount(invocations).WithUnrollFactor(1);
        }

        return job.WithToolchain(InProcessEmitToolchain.Instance).WithId("Short");
    }
}
