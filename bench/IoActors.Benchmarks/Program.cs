using BenchmarkDotNet.Running;
using IoActors.Benchmarks.Running;

namespace IoActors.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (see the README).</summary>
public static class Program
{
    /// <summary>
    /// Entry point: <c>dotnet run -c Release --project bench/IoActors.Benchmarks -- --filter '*'</c>, or
    /// <c>-- --job dry</c> to run every benchmark once so its self-checks execute.
    /// </summary>
    /// <returns>0 when every selected benchmark ran and passed its self-checks, 1 otherwise.</returns>
    public static int Main(string[] args)
    {
        if (args is ["manager-load", .. var rest])
        {
            return Manager.ManagerLoad.RunAsync(rest).GetAwaiter().GetResult();
        }

        if (args is ["manager-cluster", .. var clusterArgs])
        {
            return Manager.ManagerClusterLoad.RunAsync(clusterArgs).GetAwaiter().GetResult();
        }

        if (args is ["gateway-load", .. var gatewayArgs])
        {
            return Gateway.GatewayLoad.RunAsync(gatewayArgs).GetAwaiter().GetResult();
        }

        if (args is ["definitions-pairs", .. var pairArgs])
        {
            return Definitions.DefinitionsPairs.Run(pairArgs);
        }

        if (args is ["trace-summary", .. var traceArgs])
        {
            return Gateway.TraceSummary.Run(traceArgs);
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(DryRun.Apply(args)).ToList();
        return RunOutcome.Report(summaries, Console.Out);
    }
}
