using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IoActors.Testing.ManagerCluster;

namespace IoActors.Benchmarks.Manager;

/// <summary>
/// The fleet event stream fanned out: <c>subscribers</c> clients follow <c>GET /admin/events</c> (spread over the nodes),
/// then platforms report <c>facts</c> events (<c>POST /user/events</c>, batches of 500, through every node); each
/// subscriber must see every one exactly once. Reports the events delivered per second over all subscribers, from the
/// first batch sent to the last subscriber's last event.
/// </summary>
internal static class FleetFanOut
{
    public static async Task<string> RunAsync(ManagerTestCluster cluster, IReadOnlyList<string> sessionTokens, int facts, int subscribers)
    {
        var running = Enumerable.Range(0, cluster.Count).Where(i => !cluster.Node(i).Process.HasExited).ToArray();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var marker = "fanout-" + Guid.NewGuid().ToString("N")[..8];
        var connected = new CountdownEvent(subscribers);
        var readers = Enumerable.Range(0, subscribers).Select(s => Task.Run(() => FollowAsync(cluster, running[s % running.Length], marker, facts, connected, stop.Token))).ToArray();
        connected.Wait(stop.Token);

        var watch = Stopwatch.StartNew();
        const int batchSize = 500;
        var batches = (facts + batchSize - 1) / batchSize;
        await Parallel.ForAsync(0, batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (b, ct) =>
        {
            using var platform = cluster.SessionClient(running[b % running.Length], sessionTokens[b % sessionTokens.Count]);
            var events = Enumerable.Range(b * batchSize, Math.Min(batchSize, facts - (b * batchSize)))
                .Select(seq => new { type = "FanOut", at = DateTimeOffset.UtcNow, data = new { run = marker, seq } })
                .ToArray();
            (await platform.PostAsJsonAsync("user/events", new { batch = $"{marker}-{b}", events, dropped = 0 }, ct)).EnsureSuccessStatusCode();
        });
        var seen = await Task.WhenAll(readers);
        var elapsed = watch.Elapsed.TotalSeconds;
        var complete = seen.Count(s => s == facts);
        if (complete != subscribers)
        {
            throw new InvalidOperationException($"fleet fan-out: {subscribers - complete} of {subscribers} subscribers missed events or saw one twice: {string.Join(", ", seen)}");
        }

        return $"| fleet stream, {facts} platform events reported through {running.Length} nodes, {subscribers} subscribers | {facts * (double)subscribers / elapsed:0} events/s delivered ({facts / elapsed:0} stored/s), none lost or repeated | {elapsed:0.0} s |";
    }

    /// <summary>Follows the stream until it has seen every change of the run once; answers how many it saw (-1 for a repeat).</summary>
    private static async Task<int> FollowAsync(ManagerTestCluster cluster, int node, string marker, int facts, CountdownEvent connected, CancellationToken ct)
    {
        using var client = cluster.AdminClient(node);
        client.Timeout = Timeout.InfiniteTimeSpan;
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/events?types=platform.FanOut");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        connected.Signal();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var targets = new HashSet<int>();
        string? data = null;
        while (targets.Count < facts && await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data = line[5..].Trim();
            }
            else if (line.Length == 0 && data is not null)
            {
                using var json = JsonDocument.Parse(data);
                data = null;
                if (json.RootElement.TryGetProperty("data", out var fact) && fact.GetProperty("run").GetString() == marker
                    && !targets.Add(fact.GetProperty("seq").GetInt32()))
                {
                    return -1;
                }
            }
        }

        return targets.Count;
    }
}
