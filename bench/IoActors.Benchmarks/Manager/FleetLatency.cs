using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace IoActors.Benchmarks.Manager;

/// <summary>
/// How soon a stored fact reaches an open fleet stream: one subscriber follows <c>GET /admin/events</c>, then a platform
/// reports <c>count</c> single facts one after another (<c>POST /user/events</c>), each sent only once the one before
/// it was seen (after one more that waits for the stream to serve the journal's older facts first). The baseline is the POST alone (it answers once the fact is stored); the stream adds the read journal's
/// poll (every 100 ms) and the write.
/// </summary>
internal static class FleetLatency
{
    public static async Task<string> RunAsync(Uri server, AuthenticationHeaderValue admin, string sessionToken, int count)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var follower = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/events?types=platform.Latency");
        request.Headers.Authorization = admin;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await follower.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));

        using var platform = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        platform.DefaultRequestHeaders.Add("serverx-token", sessionToken);
        var marker = "latency-" + Guid.NewGuid().ToString("N")[..8];
        var posts = new List<double>(count);
        var served = new List<double>(count);
        var catchUp = 0.0;
        // Fact -1 is served only after every older fact in the journal (the stream starts at the oldest): it is the
        // catch-up, reported on its own; the facts after it measure an open stream that is up to date.
        for (var i = -1; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var body = new { batch = $"{marker}-{i}", events = new[] { new { type = "Latency", at = DateTimeOffset.UtcNow, data = new { run = marker, seq = i } } }, dropped = 0 };
            (await platform.PostAsJsonAsync("user/events", body, stop.Token)).EnsureSuccessStatusCode();
            var posted = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await NextAsync(reader, marker, i, stop.Token);
            var seen = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i < 0)
            {
                catchUp = seen;
                continue;
            }

            posts.Add(posted);
            served.Add(seen);
        }

        return $"| fleet stream latency, {count} single facts one after another, 1 subscriber | POST alone (stored): p50 {Percentile(posts, 0.5):0.0} ms, max {posts.Max():0.0} ms "
            + $"| POST → event on the open stream: p50 {Percentile(served, 0.5):0.0} ms, p90 {Percentile(served, 0.9):0.0} ms, max {served.Max():0.0} ms (a new stream first served the journal's older facts: {catchUp / 1000:0.0} s) |";
    }

    /// <summary>Reads frames until the fact <paramref name="seq"/> of the run; any other fact of the run is an error.</summary>
    private static async Task NextAsync(StreamReader reader, string marker, int seq, CancellationToken ct)
    {
        string? data = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data = line[5..].Trim();
                continue;
            }

            if (line.Length != 0 || data is null)
            {
                continue;
            }

            using var json = JsonDocument.Parse(data);
            data = null;
            if (json.RootElement.TryGetProperty("data", out var fact) && fact.TryGetProperty("run", out var run) && run.GetString() == marker)
            {
                var got = fact.GetProperty("seq").GetInt32();
                if (got != seq)
                {
                    throw new InvalidOperationException($"fleet latency: expected fact {seq}, the stream served {got}");
                }

                return;
            }
        }

        throw new InvalidOperationException($"fleet latency: the stream ended before fact {seq}");
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }
}
