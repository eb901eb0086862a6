using System.Collections.Concurrent;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace IoActors.Benchmarks.Gateway;

/// <summary>
/// What the node caller measured during one benchmark invocation (latencies per call, in milliseconds), and the CPU
/// time the three processes used during it, per call.
/// </summary>
/// <param name="Calls">Round trips made.</param>
/// <param name="Seconds">Wall time of all of them.</param>
/// <param name="CallsPerSecond">Calls divided by seconds.</param>
/// <param name="P50Ms">Median latency of one call.</param>
/// <param name="P99Ms">99th percentile latency of one call.</param>
/// <param name="CallerCpuUs">CPU time of the node caller per call, in microseconds.</param>
/// <param name="ServerCpuUs">CPU time of the node server per call.</param>
/// <param name="HostCpuUs">CPU time of this process (Kestrel and the gateway or the relay) per call.</param>
public sealed record NodeResult(int Calls, double Seconds, double CallsPerSecond, double P50Ms, double P99Ms, double CallerCpuUs, double ServerCpuUs, double HostCpuUs);

/// <summary>One <see cref="NodeResult"/> with the BenchmarkDotNet iteration it was measured in.</summary>
/// <param name="Stage">The iteration's stage (jitting, warm-up, actual), or <see langword="null"/> if it could not be matched.</param>
/// <param name="Index">The iteration's index within its stage.</param>
/// <param name="Result">What node measured.</param>
public sealed record StagedNodeResult(IterationStage? Stage, int Index, NodeResult Result);

/// <summary>
/// The node-side results of every invocation, per benchmark case, kept in this process (the benchmarks run in process)
/// for <see cref="NodeLatencyColumn"/> and <see cref="NodeLatencyExporter"/>.
/// </summary>
/// <remarks>
/// Each iteration of the gateway job is exactly one invocation, so the n-th result of a case belongs to the n-th
/// workload measurement BenchmarkDotNet recorded for it (jitting, warm-up, then actual iterations); results after the
/// last one (the memory diagnoser's extra run) have no measurement and are left out.
/// </remarks>
public static class NodeResults
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<NodeResult>> Results = new();

    /// <summary>Records one invocation's result.</summary>
    /// <param name="method">The benchmark method.</param>
    /// <param name="concurrency">Its <c>Concurrency</c> parameter.</param>
    /// <param name="result">What node measured.</param>
    public static void Add(string method, int concurrency, NodeResult result) =>
        Results.GetOrAdd(Key(method, concurrency), _ => new ConcurrentQueue<NodeResult>()).Enqueue(result);

    /// <summary>The results of a case, each with the iteration it was measured in.</summary>
    /// <param name="report">The case's report.</param>
    public static IReadOnlyList<StagedNodeResult> Of(BenchmarkReport report)
    {
        if (!Results.TryGetValue(Key(report.BenchmarkCase), out var queue))
        {
            return [];
        }

        var results = queue.ToArray();
        var iterations = report.AllMeasurements
            .Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage != IterationStage.Result)
            .ToArray();
        if (iterations.Length > results.Length)
        {
            // Some invocation left no result: do not guess which.
            return results.Select((r, i) => new StagedNodeResult(null, i + 1, r)).ToArray();
        }

        return iterations.Select((m, i) => new StagedNodeResult(m.IterationStage, m.IterationIndex, results[i])).ToArray();
    }

    /// <summary>The results of the case's actual (measured) iterations.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="benchmarkCase">The case.</param>
    public static IReadOnlyList<NodeResult> Actual(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        return report is null ? [] : Of(report).Where(r => r.Stage == IterationStage.Actual).Select(r => r.Result).ToArray();
    }

    /// <summary>The median of some values, or NaN if there are none.</summary>
    /// <param name="values">The values.</param>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Key(BenchmarkCase benchmarkCase) =>
        Key(benchmarkCase.Descriptor.WorkloadMethod.Name, Convert.ToInt32(benchmarkCase.Parameters["Concurrency"], System.Globalization.CultureInfo.InvariantCulture));

    private static string Key(string method, int concurrency) => $"{method}/{concurrency}";
}
