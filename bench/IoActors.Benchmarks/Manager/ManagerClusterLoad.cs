using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using IoActors.Testing;
using IoActors.Testing.ManagerCluster;

namespace IoActors.Benchmarks.Manager;

/// <summary>
/// <c>dotnet run -c Release --project bench/IoActors.Benchmarks -- manager-cluster [users=2000] [apps=200] [groups=20] [seconds=10] [--dry]</c>:
/// IoActors Manager in cluster mode as real processes on a throwaway PostgreSQL. (1) <c>GET /user/apps</c> load against
/// one node and against three (three wrk processes of 1 thread and 11 connections each, all on node 0 or one per node);
/// (2) the time from a node's SIGKILL until every user whose state it held is served by the survivors again;
/// (3) the fleet event stream fanned out to 50 subscribers (see <see cref="FleetFanOut"/>).
/// </summary>
internal static class ManagerClusterLoad
{
    private const string AdminToken = ManagerTestCluster.AdminToken;

    public static async Task<int> RunAsync(string[] args)
    {
        var dry = args.Contains("--dry");
        var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var userCount = dry ? 60 : numbers.ElementAtOrDefault(0) is > 0 and var u ? u : 2000;
        var appCount = dry ? 10 : numbers.ElementAtOrDefault(1) is > 0 and var a ? a : 200;
        var groupCount = dry ? 3 : numbers.ElementAtOrDefault(2) is > 0 and var g ? g : 20;
        var seconds = dry ? 1 : numbers.ElementAtOrDefault(3) is > 0 and var s ? s : 10;
        if (!File.Exists("/usr/bin/wrk"))
        {
            Console.Error.WriteLine("manager-cluster needs wrk (apt-get install wrk)");
            return 1;
        }

        await using var postgres = await ThrowawayPostgreSqlServer.StartAsync(TimeSpan.FromSeconds(120));
        var key = RandomNumberGenerator.GetBytes(32);
        var auth = $$"""
            {
                type = token
                staticTokens = [ { token = "{{AdminToken}}", user = load-admin, admin = true } ]
                jwt { issuers = [manager-load], signingKeys = ["{{Convert.ToBase64String(key)}}"] }
              }
            """;
        const string extra = "limits { maxRequestBytes = 67108864 }";
        var rows = new List<string>();
        var folder = Directory.CreateTempSubdirectory("ioactors-manager-cluster-load").FullName;
        try
        {
            foreach (var nodes in new[] { 1, 3 })
            {
                await using var cluster = await ManagerTestCluster.StartAsync(PostgreSqlFixture.CreateDatabase(postgres.ConnectionString), _ => { }, nodes, auth, extra);
                using var http = new HttpClient { BaseAddress = cluster.Node(0).Url, Timeout = TimeSpan.FromMinutes(5) };
                await ManagerLoad.SeedAsync(http, new AuthenticationHeaderValue("Bearer", AdminToken), userCount, appCount, groupCount);
                var tokens = await ManagerLoad.OpenSessionsAsync(http, key, userCount);
                var tokenFile = Path.Combine(folder, $"tokens-{nodes}.txt");
                await File.WriteAllLinesAsync(tokenFile, tokens);
                var script = Path.Combine(folder, $"tokens-{nodes}.lua");
                await File.WriteAllTextAsync(script, ManagerLoad.LuaScript(tokenFile));

                // Every node has caught up with the seeding before the load starts.
                for (var n = 0; n < nodes; n++)
                {
                    await ManagerLoad.WrkAsync(script, cluster.Node(n).Url + "user/apps", 1, 1, 4);
                }

                var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => ManagerLoad.WrkAsync(script, cluster.Node(i % nodes).Url + "user/apps", seconds, 1, 11)));
                rows.Add($"| GET /user/apps, {nodes} node{(nodes > 1 ? "s" : "")} | {runs.Sum(r => r.Rps):0} requests/s | p99 {runs.Max(r => r.P99):0.00} ms |");

                if (nodes == 3)
                {
                    rows.Add(await FleetFanOut.RunAsync(cluster, tokens.Skip(tokens.Length / 2).ToArray(), dry ? 1000 : 20_000, 50));
                    rows.Add($"| SIGKILL of the oldest node → all its users served again | {await KillRecoveryAsync(cluster, tokens, dry):0.0} s | |");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Console.WriteLine();
        Console.WriteLine($"IoActors Manager cluster on one machine (2 cores run every node, PostgreSQL and wrk), {userCount} users, {appCount} apps, {groupCount} groups, {seconds} s per load run, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine("| measurement | figure | |");
        Console.WriteLine("|---|---|---|");
        rows.ForEach(Console.WriteLine);
        return 0;
    }

    /// <summary>Writes once for every user (so each user's entity lives somewhere), SIGKILLs node 0 and times until every user's write succeeds again through the survivors.</summary>
    private static async Task<double> KillRecoveryAsync(ManagerTestCluster cluster, string[] tokens, bool dry)
    {
        var sample = tokens.Take(dry ? 30 : 300).ToArray();
        await Parallel.ForAsync(0, sample.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            using var client = cluster.SessionClient(i % 3, sample[i]);
            (await client.PostAsJsonAsync("user/prefs", new { app = "before", data = new { i } }, ct)).EnsureSuccessStatusCode();
        });

        var watch = Stopwatch.StartNew();
        cluster.Node(0).Kill();
        var pending = Enumerable.Range(0, sample.Length).ToHashSet();
        while (pending.Count > 0)
        {
            var served = await Task.WhenAll(pending.Select(async i =>
            {
                using var client = cluster.SessionClient(1 + (i % 2), sample[i]);
                client.Timeout = TimeSpan.FromSeconds(5);
                try
                {
                    using var response = await client.PostAsJsonAsync("user/prefs", new { app = "after", data = new { i } });
                    return response.StatusCode == HttpStatusCode.OK ? i : -1;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return -1;
                }
            }));
            pending.ExceptWith(served.Where(i => i >= 0));
        }

        return watch.Elapsed.TotalSeconds;
    }
}
