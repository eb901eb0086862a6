using BenchmarkDotNet.Configs;
using IoActors.Benchmarks.Running;

namespace IoActors.Benchmarks.Gateway;

/// <summary>
/// The job of the gateway benchmarks: <see cref="ShortRunConfig"/> (in process: the node clients report their latencies
/// to this process, and the gateway is hosted in it) with one invocation per iteration (an invocation is already
/// thousands of round trips over sockets), plus the node-side p50 and p99 columns, the CPU per call column and the
/// node-latency CSV exporter. The memory diagnoser counts the allocations of the whole process per call: Kestrel and
/// the gateway or the relay.
/// </summary>
public sealed class GatewayBenchmarkConfig : ShortRunConfig
{
    /// <summary>Creates the config.</summary>
    public GatewayBenchmarkConfig()
        : base(warmups: 3, iterations: 5, invocationsPerIteration: 1)
    {
        AddColumn(new NodeLatencyColumn(50), new NodeLatencyColumn(99), new CpuPerCallColumn());
        AddExporter(new NodeLatencyExporter());
    }
}
