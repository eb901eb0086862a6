using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using IoActors.Gateway;

namespace IoActors.Benchmarks.Gateway;

/// <summary>
/// <c>dotnet run -c Release --project bench/IoActors.Benchmarks -- gateway-load [mode=gateway|relay] [calls=20000] [rounds=5] [concurrency=64]</c>:
/// the setup of <see cref="InteropRoundTripBenchmarks"/> without BenchmarkDotNet, for profiling the host
/// (<c>dotnet-trace collect -- dotnet IoActors.Benchmarks.dll gateway-load …</c>). One warm-up round, then per round:
/// calls/s, node p50/p99, CPU µs per call of caller/server/host and bytes the host allocated per call.
/// </summary>
internal static class GatewayLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args.ElementAtOrDefault(0) ?? "gateway";
        var calls = int.Parse(args.ElementAtOrDefault(1) ?? "20000", CultureInfo.InvariantCulture);
        var rounds = int.Parse(args.ElementAtOrDefault(2) ?? "5", CultureInfo.InvariantCulture);
        var concurrency = int.Parse(args.ElementAtOrDefault(3) ?? "64", CultureInfo.InvariantCulture);
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "IoActors.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new DirectoryNotFoundException("IoActors.sln");
        }

        var compat = Path.Combine(root, "tests", "compat");
        var script = Path.Combine(root, "bench", "IoActors.Benchmarks", "Gateway", "interop-roundtrip.js");
        await using var host = await BenchGatewayHost.StartAsync();
        Dictionary<string, string> Env(string instance, string app) => new()
        {
            ["BENCH_COMPAT_DIR"] = compat,
            ["BENCH_RELAY_URL"] = host.RelayUrl.ToString(),
            ["BENCH_DUMP_FRAMES"] = Environment.GetEnvironmentVariable("BENCH_DUMP_FRAMES") ?? "",
            ["BENCH_CPU_PROFILE"] = Environment.GetEnvironmentVariable("BENCH_CPU_PROFILE") ?? "",
            [GatewayStartingContext.EnvironmentVariable] = host.Gateway.CreateStartingContext(host.GatewayUrl, instance, app).ToJsonString(),
        };

        await using var server = await NodeDriver.StartAsync(script, "server", Env("bench-server", "bench-echo-server"), TimeSpan.FromSeconds(60));
        await using var caller = await NodeDriver.StartAsync(script, "caller", Env("bench-caller", "bench-caller"), TimeSpan.FromSeconds(60));
        for (var round = 0; round <= rounds; round++)
        {
            var command = new JsonObject { ["mode"] = mode, ["calls"] = calls, ["concurrency"] = concurrency };
            var (c0, s0) = (caller.CpuTime, server.CpuTime);
            var h0 = Process.GetCurrentProcess().TotalProcessorTime;
            var a0 = GC.GetTotalAllocatedBytes(true);
            var reply = await caller.RequestAsync(command, TimeSpan.FromSeconds(120));
            var a1 = GC.GetTotalAllocatedBytes(true);
            var h1 = Process.GetCurrentProcess().TotalProcessorTime;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{(round == 0 ? "warm-up" : "round " + round)} {mode} x{concurrency}: {(double)reply["callsPerSecond"]!:0} calls/s p50 {(double)reply["p50ms"]!:0.000} ms p99 {(double)reply["p99ms"]!:0.000} ms; CPU µs/call caller {(caller.CpuTime - c0).TotalMicroseconds / calls:0.0} server {(server.CpuTime - s0).TotalMicroseconds / calls:0.0} host {(h1 - h0).TotalMicroseconds / calls:0.0}; host allocated {(double)(a1 - a0) / calls:0} B/call"));
        }

        return 0;
    }
}
