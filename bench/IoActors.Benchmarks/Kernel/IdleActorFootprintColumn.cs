using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace IoActors.Benchmarks.Kernel;

/// <summary>
/// A summary column with the bytes retained per idle actor, measured once by <see cref="IdleActorFootprint"/> in the
/// host process (BenchmarkDotNet's own diagnosers report allocations, not retained memory). Shown on the
/// <c>SpawnIdleActor</c> row only.
/// </summary>
public sealed class IdleActorFootprintColumn : IColumn
{
    /// <summary>How many idle actors the measurement creates.</summary>
    public const int Count = 100_000;

    private static readonly Lazy<string> Measured = new(() =>
    {
        var bytes = IdleActorFootprint.Measure(Count);
        var text = IdleActorFootprint.Format(bytes);
        Console.WriteLine($"// Idle actor footprint: {text} retained per actor ({Count:N0} idle actors, GC.GetTotalMemory before/after)");
        return text;
    });

    /// <inheritdoc />
    public string Id => nameof(IdleActorFootprintColumn);

    /// <inheritdoc />
    public string ColumnName => "Retained/actor";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => false;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => $"Bytes an idle actor keeps alive (GC.GetTotalMemory before/after {Count:N0} idle actors)";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(IdleActorBenchmarks.SpawnIdleActor) ? Measured.Value : "-";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;
}
