using BenchmarkDotNet.Running;

namespace IoActors.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (see the README).</summary>
public static class Program
{
    /// <summary>Entry point: <c>dotnet run -c Release --project bench/IoActors.Benchmarks -- --filter '*'</c>.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
