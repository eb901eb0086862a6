using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IoActors.Manager;
using IoActors.Manager.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IoActors.Benchmarks.Manager;

/// <summary>
/// <c>dotnet run -c Release --project bench/IoActors.Benchmarks -- manager-load [users=10000] [apps=500] [groups=50] [seconds=10]</c>:
/// IoActors Manager serving <c>GET /api/user/apps</c> to many users, each request with its own session token, driven by
/// wrk (2 threads, 32 connections, 127.0.0.1), against a bare Kestrel in the same process that serves the same
/// precomputed bytes for the same tokens (a dictionary lookup and a write). Prints requests/s and p99 of both, the ratio
/// of per-request times, and the managed memory one open session costs; then how soon a stored fact reaches an open
/// fleet stream (see <see cref="FleetLatency"/>). <c>--dry</c> runs 100 users for 1 s and 5 facts.
/// </summary>
internal static class ManagerLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dry = args.Contains("--dry");
        var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var userCount = dry ? 100 : numbers.ElementAtOrDefault(0) is > 0 and var u ? u : 10_000;
        var appCount = dry ? 20 : numbers.ElementAtOrDefault(1) is > 0 and var a ? a : 500;
        var groupCount = dry ? 5 : numbers.ElementAtOrDefault(2) is > 0 and var g ? g : 50;
        var seconds = dry ? 1 : numbers.ElementAtOrDefault(3) is > 0 and var s ? s : 10;
        if (!File.Exists("/usr/bin/wrk"))
        {
            Console.Error.WriteLine("manager-load needs wrk (apt-get install wrk)");
            return 1;
        }

        var folder = Directory.CreateTempSubdirectory("ioactors-manager-load").FullName;
        try
        {
            var key = RandomNumberGenerator.GetBytes(32);
            const string adminToken = "manager-load-admin-token";
            var options = new ManagerOptions
            {
                Listen = "127.0.0.1:0",
                DataFolder = folder,
                Auth = new ManagerAuthOptions
                {
                    Type = "token",
                    StaticTokens = [new StaticTokenOptions { Token = adminToken, User = "load-admin", Admin = true }],
                    Jwt = new JwtOptions { Issuers = ["manager-load"], SigningKeys = [Convert.ToBase64String(key)] },
                },
                Limits = new ManagerLimitsOptions { MaxRequestBytes = 64L * 1024 * 1024 },
            };
            await using var server = await ManagerServer.StartAsync(options, LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning)));
            using var http = new HttpClient { BaseAddress = new Uri(server.Url + "/"), Timeout = TimeSpan.FromMinutes(5) };
            var admin = new AuthenticationHeaderValue("Bearer", adminToken);

            var clock = Stopwatch.StartNew();
            await SeedAsync(http, admin, userCount, appCount, groupCount);
            Console.WriteLine($"seeded {userCount} users, {appCount} apps, {groupCount} groups in {clock.Elapsed.TotalSeconds:0.0} s");

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = GC.GetTotalMemory(true);
            clock.Restart();
            var tokens = await OpenSessionsAsync(http, key, userCount);
            var opened = clock.Elapsed;
            // Every session has been used once, as a client would right after hello (the bodies are not kept for the measurement).
            _ = (await FetchAllAsync(http, tokens)).Length;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var after = GC.GetTotalMemory(true);
            Console.WriteLine($"opened {userCount} sessions in {opened.TotalSeconds:0.0} s; managed memory per session {(after - before) / (double)userCount / 1024:0.0} KiB (includes its token's validation cache entry)");

            var bodies = await FetchAllAsync(http, tokens);
            await using var baseline = await StartBaselineAsync(tokens, bodies);
            var baseUrl = baseline.Url;
            var tokenFile = Path.Combine(folder, "tokens.txt");
            await File.WriteAllLinesAsync(tokenFile, tokens);
            var script = Path.Combine(folder, "tokens.lua");
            await File.WriteAllTextAsync(script, LuaScript(tokenFile));

            var rows = new List<(string Name, double Rps, double P99)>();
            foreach (var (name, url) in new[] { ("Kestrel, precomputed bytes (baseline)", baseUrl + "/api/user/apps"), ("IoActors Manager", server.Url + "/user/apps") })
            {
                await WrkAsync(script, url, 1); // warm-up
                var (rps, p99) = await WrkAsync(script, url, seconds);
                rows.Add((name, rps, p99));
            }

            Console.WriteLine();
            Console.WriteLine($"GET /user/apps, {userCount} users (one session token each), {appCount} apps, {groupCount} groups, wrk 2 threads 32 connections {seconds} s, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            Console.WriteLine("| server | requests/s | p99 |");
            Console.WriteLine("|---|---|---|");
            foreach (var (name, rps, p99) in rows)
            {
                Console.WriteLine($"| {name} | {rps:0} | {p99:0.00} ms |");
            }

            var ratio = rows[0].Rps / rows[1].Rps;
            Console.WriteLine($"per-request time, Manager / baseline: {ratio:0.00}× (goal ≤ 1.5×)");
            Console.WriteLine();
            Console.WriteLine($"fleet stream on SQLite, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            Console.WriteLine(await FleetLatency.RunAsync(new Uri(server.Url + "/"), admin, tokens[0], dry ? 5 : 50));
            return rows.All(r => r.Rps > 0) ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static async Task SeedAsync(HttpClient http, AuthenticationHeaderValue admin, int users, int apps, int groups)
    {
        async Task SendAsync(HttpMethod method, string path, object? body)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Authorization = admin;
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        for (var g = 0; g < groups; g++)
        {
            await SendAsync(HttpMethod.Put, $"admin/groups/group-{g}", null);
        }

        // Each user is in two groups; each app is granted to two groups.
        await SendAsync(HttpMethod.Post, "admin/users", Enumerable.Range(0, users).Select(i => new
        {
            id = $"user-{i}",
            groups = new[] { $"group-{i % groups}", $"group-{(i * 7 + 3) % groups}" }.Distinct(),
        }).ToList());
        await SendAsync(HttpMethod.Post, "admin/apps", Enumerable.Range(0, apps).Select(i => new
        {
            name = $"app-{i}",
            title = $"App {i}",
            type = "window",
            details = new { url = $"https://apps.example/{i}", width = 800, height = 600 },
            customProperties = new { owner = "load", index = i },
        }).ToList());
        for (var i = 0; i < apps; i++)
        {
            await SendAsync(HttpMethod.Put, $"admin/apps/app-{i}/access", new { groups = new[] { $"group-{i % groups}", $"group-{(i * 3 + 1) % groups}" }.Distinct() });
        }
    }

    internal static async Task<string[]> OpenSessionsAsync(HttpClient http, byte[] key, int users)
    {
        var handler = new JsonWebTokenHandler();
        var credentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256);
        var tokens = new string[users];
        await Parallel.ForAsync(0, users, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var jwt = handler.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = "manager-load",
                Expires = DateTime.UtcNow.AddHours(2),
                Claims = new Dictionary<string, object> { ["sub"] = $"user-{i}" },
                SigningCredentials = credentials,
            });
            using var request = new HttpRequestMessage(HttpMethod.Post, "user/hello")
            {
                Content = JsonContent.Create(new { glue = new { version = "load", build = "0", region = "local", env = "bench" }, machine = new { user = $"user-{i}", name = "load-host" }, initialDataRequest = new { } }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
            tokens[i] = answer.RootElement.GetProperty("token").GetString()!;
        });
        return tokens;
    }

    private static async Task<byte[][]> FetchAllAsync(HttpClient http, string[] tokens)
    {
        var bodies = new byte[tokens.Length][];
        await Parallel.ForAsync(0, tokens.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "user/apps");
            request.Headers.Add("serverx-token", tokens[i]);
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            bodies[i] = await response.Content.ReadAsByteArrayAsync(ct);
        });
        return bodies;
    }

    private static async Task<Baseline> StartBaselineAsync(string[] tokens, byte[][] bodies)
    {
        var byToken = new Dictionary<string, (byte[] Body, string ETag)>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Length; i++)
        {
            byToken[tokens[i]] = (bodies[i], "\"" + Convert.ToHexStringLower(SHA256.HashData(bodies[i]).AsSpan(0, 16)) + "\"");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var web = builder.Build();
        web.MapGet("/api/user/apps", (HttpContext context) =>
        {
            if (!byToken.TryGetValue(context.Request.Headers["serverx-token"].ToString(), out var entry))
            {
                return Results.StatusCode(401);
            }

            context.Response.Headers.ETag = entry.ETag;
            return Results.Bytes(entry.Body, "application/json");
        });
        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Baseline(web, address.TrimEnd('/'));
    }

    internal static string LuaScript(string tokenFile) => $$"""
        local tokens = {}
        for line in io.lines("{{tokenFile}}") do tokens[#tokens + 1] = line end
        local counter = 0
        local offset = math.random(1, #tokens)
        request = function()
          counter = counter + 1
          local token = tokens[((offset + counter) % #tokens) + 1]
          return wrk.format("GET", nil, { ["serverx-token"] = token })
        end
        response = function(status, headers, body)
          if status ~= 200 then error("status " .. status) end
        end
        """;

    internal static async Task<(double Rps, double P99)> WrkAsync(string script, string url, int seconds, int threads = 2, int connections = 32)
    {
        var start = new ProcessStartInfo("/usr/bin/wrk", [$"-t{threads}", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", script, url]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var rps = 0.0;
        var p99 = 0.0;
        foreach (var line in output.Split('\n').Select(l => l.Trim()))
        {
            if (line.StartsWith("Requests/sec:", StringComparison.Ordinal))
            {
                rps = double.Parse(line["Requests/sec:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("99%", StringComparison.Ordinal))
            {
                p99 = Milliseconds(line[3..].Trim());
            }
            else if (line.StartsWith("Non-2xx", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"wrk against {url}: {line}");
            }
        }

        return (rps, p99);
    }

    private static double Milliseconds(string text)
    {
        var unit = text.EndsWith("ms", StringComparison.Ordinal) ? 2 : text.EndsWith("us", StringComparison.Ordinal) ? 2 : 1;
        var value = double.Parse(text[..^unit], CultureInfo.InvariantCulture);
        return text.EndsWith("us", StringComparison.Ordinal) ? value / 1000 : text.EndsWith("ms", StringComparison.Ordinal) ? value : value * 1000;
    }

    private sealed class Baseline(WebApplication web, string url) : IAsyncDisposable
    {
        public string Url { get; } = url;

        public async ValueTask DisposeAsync()
        {
            await web.StopAsync();
            await web.DisposeAsync();
        }
    }
}
