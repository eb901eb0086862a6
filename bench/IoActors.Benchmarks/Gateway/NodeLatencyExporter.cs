using System.Globalization;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;

namespace IoActors.Benchmarks.Gateway;

/// <summary>
/// Writes every invocation's node-side result (calls/s, p50, p99, CPU per call) with its iteration stage to
/// <c>BenchmarkDotNet.Artifacts/results/*-node-latency.csv</c>.
/// </summary>
public sealed class NodeLatencyExporter : ExporterBase
{
    /// <inheritdoc />
    protected override string FileExtension => "csv";

    /// <inheritdoc />
    protected override string FileCaption => "node-latency";

    /// <inheritdoc />
    public override void ExportToLog(Summary summary, ILogger logger)
    {
        logger.WriteLine("Method,Concurrency,Stage,Iteration,Calls,Seconds,CallsPerSecond,P50Ms,P99Ms,CallerCpuUsPerCall,ServerCpuUsPerCall,HostCpuUsPerCall");
        foreach (var report in summary.Reports)
        {
            var method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var concurrency = report.BenchmarkCase.Parameters["Concurrency"];
            foreach (var (stage, index, r) in NodeResults.Of(report))
            {
                logger.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{method},{concurrency},{stage?.ToString() ?? "unmatched"},{index},{r.Calls},{r.Seconds:0.000},{r.CallsPerSecond:0},{r.P50Ms:0.000},{r.P99Ms:0.000},{r.CallerCpuUs:0.0},{r.ServerCpuUs:0.0},{r.HostCpuUs:0.0}"));
            }
        }
    }
}
