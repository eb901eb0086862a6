using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace IoActors.Benchmarks.Gateway;

/// <summary>
/// A summary column with the CPU time per call of the node caller, the node server and this process (Kestrel with
/// the gateway or the relay): for each, the median over the actual iterations. It shows which process limits the
/// throughput on a machine with few cores.
/// </summary>
public sealed class CpuPerCallColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(CpuPerCallColumn);

    /// <inheritdoc />
    public string ColumnName => "CPU µs/call caller/server/host";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 100;

    /// <inheritdoc />
    public bool IsNumeric => false;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "CPU time per call of the node caller, the node server and the host process (Kestrel + gateway or relay), median over the actual iterations (µs)";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var results = NodeResults.Actual(summary, benchmarkCase);
        if (results.Count == 0)
        {
            return "?";
        }

        return string.Create(CultureInfo.InvariantCulture, $"{NodeResults.Median(results.Select(r => r.CallerCpuUs)):0}/{NodeResults.Median(results.Select(r => r.ServerCpuUs)):0}/{NodeResults.Median(results.Select(r => r.HostCpuUs)):0}");
    }

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;
}
