using System.Diagnostics;
using System.Globalization;

namespace IoActors.Benchmarks.Definitions;

/// <summary>
/// <c>definitions-pairs [pairs]</c>: the <see cref="DefinitionsBenchmark"/> methods interleaved in one process (parse, reader,
/// parse, floor, again and again), each reader and floor run divided by the mean of the two parses around it. On a machine
/// whose speed drifts by ±50 % within minutes (as this project's does), BenchmarkDotNet's ratios compare runs minutes apart;
/// these pairs compare runs milliseconds apart. Prints the median ratios, the reader's allocation and its GC pause per run.
/// </summary>
internal static class DefinitionsPairs
{
    public static int Run(string[] args)
    {
        var pairs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
        var bench = new DefinitionsBenchmark { Count = 10_000 };
        bench.Setup();
        for (var i = 0; i < 3; i++)
        {
            bench.JsonDocumentParse();
            bench.ReadValidateNormalize();
            bench.ParseCheckAndCopyEach();
        }

        var parses = new List<double>();
        var reads = new List<double>();
        var readRatios = new List<double>();
        var floorRatios = new List<double>();
        var pause = TimeSpan.Zero;
        long allocated = 0;
        for (var i = 0; i < pairs; i++)
        {
            var before = Time(() => bench.JsonDocumentParse());
            var pause0 = GC.GetTotalPauseDuration();
            var allocated0 = GC.GetAllocatedBytesForCurrentThread();
            var read = Time(() => bench.ReadValidateNormalize());
            allocated += GC.GetAllocatedBytesForCurrentThread() - allocated0;
            pause += GC.GetTotalPauseDuration() - pause0;
            var after = Time(() => bench.JsonDocumentParse());
            var floor = Time(() => bench.ParseCheckAndCopyEach());
            var parse = (before + after) / 2;
            parses.Add(parse);
            reads.Add(read);
            readRatios.Add(read / parse);
            floorRatios.Add(floor / parse);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{pairs} pairs: JsonDocument.Parse median {Median(parses):F1} ms; reader median {Median(reads):F1} ms, {Median(readRatios):F2}x the parses around it; " +
            $"floor (parse + text checks + a copy of each) {Median(floorRatios):F2}x; reader allocated {allocated / pairs / 1e6:F1} MB and paused for GC {pause.TotalMilliseconds / pairs:F1} ms per run"));
        return 0;
    }

    private static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
