using System.Globalization;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace IoActors.Benchmarks.Gateway;

/// <summary>
/// <c>dotnet IoActors.Benchmarks.dll trace-summary FILE.nettrace [top=25]</c>: what a trace of <see cref="GatewayLoad"/>
/// says about the host (taken with <c>dotnet-trace collect --profile dotnet-sampled-thread-time,gc-verbose</c>):
/// sampled allocations by type and by the innermost IoActors method on the stack, and the thread samples that ran
/// managed code by innermost IoActors method and by the innermost frame. A profiling aid, not a benchmark.
/// </summary>
internal static class TraceSummary
{
    public static int Run(string[] args)
    {
        var file = args[0];
        var top = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 25;
        // Optional: a leaf method name; its callers (4 frames) are listed too.
        var leafOfInterest = args.Length > 2 ? args[2] : null;
        var callers = new Dictionary<string, long>();
        var etlx = TraceLog.CreateFromEventPipeDataFile(file, null, new TraceLogOptions { ConversionLog = TextWriter.Null });
        using var log = new TraceLog(etlx);
        var allocByType = new Dictionary<string, long>();
        var allocByFrame = new Dictionary<string, long>();
        var allocByPath = new Dictionary<string, long>();
        var cpuByFrame = new Dictionary<string, long>();
        var cpuByLeaf = new Dictionary<string, long>();
        var cpuByInclusive = new Dictionary<string, long>();
        long allocTotal = 0, managedSamples = 0, externalSamples = 0;
        foreach (var e in log.Events)
        {
            if (e is GCAllocationTickTraceData tick)
            {
                var amount = tick.AllocationAmount64;
                allocTotal += amount;
                Add(allocByType, tick.TypeName ?? "?", amount);
                var (own, path) = Frames(e.CallStack());
                Add(allocByFrame, own, amount);
                Add(allocByPath, path, amount);
            }
            else if (e.ProviderName == "Microsoft-DotNETCore-SampleProfiler" && e.EventName.Contains("Sample", StringComparison.Ordinal))
            {
                var kind = e.PayloadByName("Type") is { } t ? Convert.ToInt32(t, CultureInfo.InvariantCulture) : 0;
                var stack = e.CallStack();
                if (kind != 2)
                {
                    externalSamples++;
                    continue;
                }

                managedSamples++;
                var (own, _) = Frames(stack);
                Add(cpuByFrame, own, 1);
                var leafName = stack?.CodeAddress.FullMethodName is { Length: > 0 } leaf ? Short(leaf) : "?";
                Add(cpuByLeaf, leafName, 1);
                if (leafOfInterest is not null && leafName.Contains(leafOfInterest, StringComparison.Ordinal))
                {
                    var chain = new List<string>();
                    for (var s = stack?.Caller; s is not null && chain.Count < 4; s = s.Caller)
                    {
                        chain.Add(Short(s.CodeAddress.FullMethodName ?? "?"));
                    }

                    Add(callers, string.Join(" < ", chain), 1);
                }

                var seen = new HashSet<string>();
                for (var s = stack; s is not null; s = s.Caller)
                {
                    var name = s.CodeAddress.FullMethodName;
                    if (!string.IsNullOrEmpty(name) && seen.Add(Short(name)))
                    {
                        Add(cpuByInclusive, Short(name), 1);
                    }
                }
            }
        }

        Console.WriteLine($"sampled allocations: {allocTotal / 1e6:0.0} MB");
        Print("allocations by type", allocByType, allocTotal, top);
        Print("allocations by innermost IoActors/Akka method", allocByFrame, allocTotal, top);
        Print("allocations by the 3 innermost IoActors/Akka methods", allocByPath, allocTotal, top);
        Console.WriteLine($"thread samples running managed code: {managedSamples}, elsewhere (native, waiting, system calls): {externalSamples}");
        Print("managed samples by innermost IoActors/Akka method", cpuByFrame, managedSamples, top);
        Print("managed samples by leaf method", cpuByLeaf, managedSamples, top);
        Print("managed samples by method on the stack (inclusive)", cpuByInclusive, managedSamples, top * 2);
        if (leafOfInterest is not null)
        {
            Print($"callers of {leafOfInterest}", callers, managedSamples, top);
        }

        return 0;
    }

    private static (string Own, string Path) Frames(TraceCallStack? stack)
    {
        var own = new List<string>();
        for (var s = stack; s is not null && own.Count < 3; s = s.Caller)
        {
            var name = s.CodeAddress.FullMethodName;
            if (name is not null && (name.StartsWith("IoActors", StringComparison.Ordinal) || name.StartsWith("Akka", StringComparison.Ordinal)))
            {
                own.Add(Short(name));
            }
        }

        return own.Count == 0 ? ("(none)", "(none)") : (own[0], string.Join(" < ", own));
    }

    private static string Short(string name)
    {
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 ? name[..paren] : name;
    }

    private static void Add(Dictionary<string, long> d, string key, long amount) =>
        d[key] = d.GetValueOrDefault(key) + amount;

    private static void Print(string title, Dictionary<string, long> d, long total, int top)
    {
        Console.WriteLine($"-- {title}");
        foreach (var (key, value) in d.OrderByDescending(x => x.Value).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{100.0 * value / Math.Max(1, total),6:0.0}%  {key}"));
        }
    }
}
