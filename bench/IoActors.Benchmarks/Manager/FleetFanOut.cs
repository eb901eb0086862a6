using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using IoActors.Testing.ManagerCluster;

namespace IoActors.Benchmarks.Manager;

/// <summary>
/// The fleet event stream fanned out: <c>subscribers</c> clients follow <c>GET /admin/events</c> (spread over the nodes),
/// then <c>facts</c> admin changes are made through the nodes; each subscriber must see every one exactly once. Reports
/// the events delivered per second over all subscribers, from the first change to the last subscriber's last event.
/// </summary>
internal static class FleetFanOut
{
    public static async Task<string> RunAsync(ManagerTestCluster cluster, int facts, int subscribers)
    {
        var running = Enumerable.Range(0, cluster.Count).Where(i => !cluster.Node(i).Process.HasExited).ToArray();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var marker = "fanout-" + Guid.NewGuid().ToString("N")[..8];
        var connected = new CountdownEvent(subscribers);
        var readers = Enumerable.Range(0, subscribers).Select(s => Task.Run(() => FollowAsync(cluster, running[s % running.Length], marker, facts, connected, stop.Token))).ToArray();
        connected.Wait(stop.Token);

        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, facts, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var admin = cluster.AdminClient(running[i % running.Length]);
            (await admin.PutAsync($"admin/groups/{marker}-{i}", null, ct)).EnsureSuccessStatusCode();
        });
        var seen = await Task.WhenAll(readers);
        var elapsed = watch.Elapsed.TotalSeconds;
        var complete = seen.Count(s => s == facts);
        if (complete != subscribers)
        {
            throw new InvalidOperationException($"fleet fan-out: {subscribers - complete} of {subscribers} subscribers missed events or saw one twice: {string.Join(", ", seen)}");
        }

        return $"| fleet stream, {facts} admin changes through {running.Length} nodes, {subscribers} subscribers | {facts * (double)subscribers / elapsed:0} events/s delivered ({facts / elapsed:0} changes/s stored), none lost or repeated | {elapsed:0.0} s |";
    }

    /// <summary>Follows the stream until it has seen every change of the run once; answers how many it saw (-1 for a repeat).</summary>
    private static async Task<int> FollowAsync(ManagerTestCluster cluster, int node, string marker, int facts, CountdownEvent connected, CancellationToken ct)
    {
        using var client = cluster.AdminClient(node);
        client.Timeout = Timeout.InfiniteTimeSpan;
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/events?types=admin.change");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        connected.Signal();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var targets = new HashSet<string>(StringComparer.Ordinal);
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
                if (json.RootElement.TryGetProperty("target", out var target) && target.GetString() is { } name && name.StartsWith(marker, StringComparison.Ordinal)
                    && !targets.Add(name))
                {
                    return -1;
                }
            }
        }

        return targets.Count;
    }
}
