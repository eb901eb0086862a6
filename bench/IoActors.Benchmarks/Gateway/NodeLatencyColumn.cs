using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace IoActors.Benchmarks.Gateway;

/// <summary>
/// A summary column with a per-call latency percentile the node caller measured (process.hrtime around each call):
/// the median, over the actual iterations, of each iteration's percentile.
/// </summary>
/// <param name="percentile">50 or 99.</param>
public sealed class NodeLatencyColumn(int percentile) : IColumn
{
    /// <inheritdoc />
    public string Id => $"{nameof(NodeLatencyColumn)}.p{percentile}";

    /// <inheritdoc />
    public string ColumnName => $"p{percentile} (node)";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => percentile;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => $"Median over the actual iterations of the p{percentile} latency of one call, measured by the node caller (ms)";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var results = NodeResults.Actual(summary, benchmarkCase);
        return results.Count == 0 ? "?" : NodeResults.Median(results.Select(r => percentile == 50 ? r.P50Ms : r.P99Ms)).ToString("0.000 'ms'", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;
}
