using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace IoActors.Testing.ManagerCluster;

/// <summary>
/// Three (or more) IoActors Manager nodes as real processes on 127.0.0.1, in one Akka cluster on one PostgreSQL
/// database, with a shared data folder (the session signing key); started until every node sees every node Up.
/// </summary>
public sealed class ManagerTestCluster : IAsyncDisposable
{
    public const string AdminToken = "cluster-tests-admin-token-0123456789";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private readonly string _folder;
    private readonly string _connectionString;
    private readonly int[] _ports;
    private readonly ManagerNodeProcess?[] _nodes;
    private readonly Action<string> _output;

    private readonly string _auth;

    private ManagerTestCluster(string folder, string connectionString, int[] ports, Action<string> output, string? auth)
    {
        _auth = auth ?? $$"""
            {
                type = basic
                staticTokens = [ { token = "{{AdminToken}}", user = ops, admin = true } ]
              }
            """;
        _folder = folder;
        _connectionString = connectionString;
        _ports = ports;
        _nodes = new ManagerNodeProcess?[ports.Length];
        _output = output;
    }

    private string _extra = "";

    public int Count => _nodes.Length;

    /// <summary>Node <paramref name="i"/> (throws when it is not running).</summary>
    public ManagerNodeProcess Node(int i) => _nodes[i] ?? throw new InvalidOperationException($"node {i} is not running");

    /// <param name="connectionString">The PostgreSQL database the nodes share.</param>
    /// <param name="output">Where progress and, at the end, the nodes' logs are written.</param>
    /// <param name="count">How many nodes.</param>
    /// <param name="auth">The <c>manager.auth</c> object's HOCON text; the default is Basic with the <see cref="AdminToken"/> static admin token.</param>
    /// <param name="extra">More HOCON inside <c>manager { }</c> (e.g. limits).</param>
    public static async Task<ManagerTestCluster> StartAsync(string connectionString, Action<string> output, int count = 3, string? auth = null, string extra = "")
    {
        var folder = Directory.CreateTempSubdirectory("ioactors-manager-cluster-").FullName;
        var cluster = new ManagerTestCluster(folder, connectionString, TestPorts.Free(count), output, auth) { _extra = extra };
        try
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(cluster.StartNodeAsync));
            await cluster.WaitForMembersAsync(count);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts node <paramref name="i"/> (again, after it was killed or exited).</summary>
    public async Task StartNodeAsync(int i)
    {
        _nodes[i]?.Dispose();
        var seeds = string.Join(", ", _ports.Select(p => $"\"127.0.0.1:{p}\""));
        var config = Path.Combine(_folder, $"node-{i}.conf");
        File.WriteAllText(config, $$"""
            manager {
              listen = "127.0.0.1:0"
              dataFolder = {{JsonSerializer.Serialize(Path.Combine(_folder, "data"))}}
              persistence { provider = postgresql, connectionString = {{JsonSerializer.Serialize(_connectionString)}} }
              auth {{_auth}}
              {{_extra}}
              cluster {
                enabled = true
                hostname = "127.0.0.1"
                port = {{_ports[i]}}
                seedNodes = [{{seeds}}]
                stableAfter = 5s
                replicaPoll = 1s
              }
            }
            """);
        _nodes[i] = await ManagerNodeProcess.StartAsync(config, _ports[i]);
        _output($"node {i} ({_nodes[i]!.Address}) listens on {_nodes[i]!.Url}");
    }

    /// <summary>An HTTP client for node <paramref name="i"/> acting as the admin service.</summary>
    public HttpClient AdminClient(int i)
    {
        var client = new HttpClient { BaseAddress = Node(i).Url, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    /// <summary>An HTTP client for node <paramref name="i"/> with a user's session token.</summary>
    public HttpClient SessionClient(int i, string token)
    {
        var client = new HttpClient { BaseAddress = Node(i).Url, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("serverx-token", token);
        return client;
    }

    /// <summary>Opens a session for a Basic user through node <paramref name="i"/>; answers its token.</summary>
    public async Task<string> HelloAsync(int i, string user, string password)
    {
        using var client = new HttpClient { BaseAddress = Node(i).Url, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        using var response = await client.PostAsJsonAsync("user/hello", new { machine = new { name = "test-machine" }, glue = new { version = "1.0.0" } });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"hello of {user} through node {i}: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>The cluster as node <paramref name="i"/> sees it (<c>GET /admin/cluster</c>).</summary>
    public async Task<JsonElement> ClusterViewAsync(int i)
    {
        using var client = AdminClient(i);
        return JsonDocument.Parse(await client.GetStringAsync("admin/cluster")).RootElement.Clone();
    }

    /// <summary>Waits until every running node (but those in <paramref name="except"/>) sees exactly <paramref name="up"/> members, all Up, none unreachable.</summary>
    public async Task WaitForMembersAsync(int up, params int[] except)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        for (var i = 0; i < _nodes.Length; i++)
        {
            if (_nodes[i] is null || _nodes[i]!.Process.HasExited || except.Contains(i))
            {
                continue;
            }

            await Until(async () =>
            {
                var view = await ClusterViewAsync(i);
                var members = view.GetProperty("members").EnumerateArray().ToList();
                return members.Count == up
                    && members.All(m => m.GetProperty("status").GetString() == "up")
                    && view.GetProperty("unreachable").GetArrayLength() == 0;
            }, $"node {i} to see {up} members up", deadline.Token);
        }
    }

    /// <summary>Polls <paramref name="condition"/> (each poll is one request; failures count as "not yet") until it holds.</summary>
    public async Task Until(Func<Task<bool>> condition, string what, CancellationToken ct)
    {
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException && !ct.IsCancellationRequested)
            {
                last = e;
            }

            if (ct.IsCancellationRequested)
            {
                throw new TimeoutException($"waited in vain for {what}; last error: {last?.Message}\n{Logs()}");
            }

            // The condition lives in other processes, which send no signal for it (membership, a node's copy of a change):
            // it is polled until the deadline, 100 ms between requests so the poll does not spin. Not a wait for a fixed time.
            await Task.Delay(100, CancellationToken.None); // ok-delay: the interval of a poll with a deadline, not a sleep standing in for a signal
        }
    }

    /// <summary>Every node's output, for a failure message.</summary>
    public string Logs() => string.Join("\n", _nodes.Select((n, i) => $"--- node {i} ---\n{Tail(n?.Log)}"));

    public ValueTask DisposeAsync()
    {
        _output(Logs());
        foreach (var node in _nodes)
        {
            node?.Dispose();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private static string Tail(string? log) => log is null ? "(not running)" : log.Length > 4000 ? log[^4000..] : log;
}
