using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using IoActors.Gateway;

namespace IoActors.Benchmarks.Gateway;

/// <summary>
/// Interop invoke round trips between two node clients through the gateway, with <see cref="Concurrency"/> calls
/// outstanding. The gateway runs on real Kestrel at 127.0.0.1 in this process; two long-lived node processes run
/// <c>interop-roundtrip.js</c> with the real <c>@interopio/desktop</c> client from tests/compat (each with a
/// <c>_GD_STARTING_CONTEXT_</c> the gateway issued): the server registers <c>Bench.Echo</c>, the caller finds it. One
/// invocation asks the caller for <see cref="Calls"/> calls and waits for its report; Op/s is calls/s, and the p50/p99
/// columns are the per-call latencies node measured, and the CPU column is the CPU time each process used per call
/// (caller/server/host, where the host is this process: Kestrel and the gateway or the relay). Process start and client
/// init happen in the global setup.
/// The baseline makes the same JSON request/response round trips between the same two processes over a bare WebSocket
/// relay in the same Kestrel (frames forwarded unparsed, same <c>ws</c> client library), so the ratio is what the
/// gateway's protocol handling and routing and the client library's interop layer cost on top of the transport.
/// </summary>
[Config(typeof(GatewayBenchmarkConfig))]
public class InteropRoundTripBenchmarks
{
    /// <summary>Round trips per invocation.</summary>
    public const int Calls = 20_000;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);

    private BenchGatewayHost? _host;
    private NodeDriver? _server;
    private NodeDriver? _caller;

    /// <summary>Calls outstanding at a time: one (latency-bound) or 64 (pipelined).</summary>
    [Params(1, 64)]
    public int Concurrency { get; set; }

    /// <summary>Starts Kestrel with the gateway and the relay, then the node server and caller.</summary>
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    /// <summary>Stops the node processes and the host.</summary>
    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    /// <summary>JSON round trips over the bare WebSocket relay.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public Task BareRelay() => RoundTripsAsync("relay", nameof(BareRelay));

    /// <summary><c>io.interop.invoke("Bench.Echo")</c> through the gateway.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public Task GatewayInvoke() => RoundTripsAsync("gateway", nameof(GatewayInvoke));

    private async Task RoundTripsAsync(string mode, string method)
    {
        var command = new JsonObject { ["mode"] = mode, ["calls"] = Calls, ["concurrency"] = Concurrency };
        var (caller, server, host) = (_caller!.CpuTime, _server!.CpuTime, HostCpuTime());
        var reply = await _caller.RequestAsync(command, CommandTimeout);
        var result = new NodeResult(
            (int)reply["calls"]!,
            (double)reply["seconds"]!,
            (double)reply["callsPerSecond"]!,
            (double)reply["p50ms"]!,
            (double)reply["p99ms"]!,
            (_caller.CpuTime - caller).TotalMicroseconds / Calls,
            (_server.CpuTime - server).TotalMicroseconds / Calls,
            (HostCpuTime() - host).TotalMicroseconds / Calls);
        if (result.Calls != Calls)
        {
            throw new InvalidOperationException($"The node caller made {result.Calls} calls instead of {Calls}.");
        }

        NodeResults.Add(method, Concurrency, result);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// node {mode}, {Concurrency} outstanding: {result.CallsPerSecond:0} calls/s, p50 {result.P50Ms:0.000} ms, p99 {result.P99Ms:0.000} ms, CPU per call: caller {result.CallerCpuUs:0} µs, server {result.ServerCpuUs:0} µs, host {result.HostCpuUs:0} µs"));
    }

    private static TimeSpan HostCpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private async Task SetupAsync()
    {
        var root = RepositoryRoot();
        var compat = Path.Combine(root, "tests", "compat");
        if (!Directory.Exists(Path.Combine(compat, "node_modules", "@interopio", "desktop")))
        {
            throw new InvalidOperationException($"@interopio/desktop is not installed: run 'npm ci' in {compat} first.");
        }

        var script = Path.Combine(root, "bench", "IoActors.Benchmarks", "Gateway", "interop-roundtrip.js");
        try
        {
            _host = await BenchGatewayHost.StartAsync();
            _server = await NodeDriver.StartAsync(script, "server", Environment(compat, "bench-server", "bench-echo-server"), StartTimeout);
            _caller = await NodeDriver.StartAsync(script, "caller", Environment(compat, "bench-caller", "bench-caller"), StartTimeout);
        }
        catch
        {
            await CleanupAsync();
            throw;
        }
    }

    private Dictionary<string, string> Environment(string compat, string instanceId, string application) => new()
    {
        ["BENCH_COMPAT_DIR"] = compat,
        ["BENCH_RELAY_URL"] = _host!.RelayUrl.ToString(),
        [GatewayStartingContext.EnvironmentVariable] = _host.Gateway.CreateStartingContext(_host.GatewayUrl, instanceId, application).ToJsonString(),
    };

    private async Task CleanupAsync()
    {
        if (_caller is not null)
        {
            await _caller.DisposeAsync();
            _caller = null;
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IoActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No IoActors.sln above {AppContext.BaseDirectory}.");
    }
}
