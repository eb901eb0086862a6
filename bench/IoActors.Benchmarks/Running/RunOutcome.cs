using BenchmarkDotNet.Reports;

namespace IoActors.Benchmarks.Running;

/// <summary>
/// Turns a run's summaries into the process exit code: BenchmarkDotNet reports a benchmark that threw (a self-check
/// that failed, a setup that could not start its database or node clients) in its log and carries on, so without this
/// a broken benchmark would still end the run with 0.
/// </summary>
internal static class RunOutcome
{
    /// <summary>Writes one line per benchmark that failed and returns the exit code (1 when any failed).</summary>
    public static int Report(IReadOnlyList<Summary> summaries, TextWriter output)
    {
        var failures = new List<string>();
        foreach (var summary in summaries)
        {
            failures.AddRange(summary.ValidationErrors.Where(e => e.IsCritical).Select(e => $"{summary.Title}: {e.Message}"));
            foreach (var benchmark in summary.BenchmarksCases)
            {
                var report = summary.Reports.FirstOrDefault(r => r.BenchmarkCase == benchmark);
                if (report is null || !report.Success || report.ExecuteResults.Count == 0 || report.ExecuteResults.Any(r => !r.IsSuccess))
                {
                    failures.Add($"{benchmark.DisplayInfo}: did not complete (see its log above)");
                }
            }
        }

        if (DryRun.Enabled && summaries.Sum(s => s.BenchmarksCases.Length) == 0)
        {
            failures.Add("the dry run selected no benchmark");
        }

        foreach (var failure in failures)
        {
            output.WriteLine($"// FAILED {failure}");
        }

        output.WriteLine(failures.Count == 0
            ? $"// {summaries.Sum(s => s.BenchmarksCases.Length)} benchmarks ran{(DryRun.Enabled ? " (dry)" : "")}, none failed"
            : $"// {failures.Count} failed");
        return failures.Count == 0 ? 0 : 1;
    }
}
