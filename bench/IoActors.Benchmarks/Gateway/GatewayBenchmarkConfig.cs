using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace IoActors.Benchmarks.Gateway;

/// <summary>
/// The short job of the gateway benchmarks: 1 launch, 3 warm-ups, 5 iterations, in process (the node clients report
/// their latencies to this process, and the gateway is hosted in it), one invocation per iteration (an invocation is
/// already thousands of round trips over sockets), plus the Median and Op/s columns (Op/s = calls/s), the node-side p50
/// and p99 columns, the CPU per call column, the node-latency CSV exporter and the memory diagnoser (allocations of
/// the whole process per call: Kestrel and the gateway or the relay).
/// </summary>
public sealed class GatewayBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public GatewayBenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1)
            .WithToolchain(InProcessEmitToolchain.Instance).WithId("Short"));
        AddColumn(StatisticColumn.Median, StatisticColumn.OperationsPerSecond, new NodeLatencyColumn(50), new NodeLatencyColumn(99), new CpuPerCallColumn());
        AddExporter(new NodeLatencyExporter());
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
