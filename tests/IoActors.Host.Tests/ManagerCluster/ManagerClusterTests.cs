using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using IoActors.Testing;
using IoActors.Testing.ManagerCluster;
using Xunit.Abstractions;

namespace IoActors.Host.Tests.ManagerCluster;

[CollectionDefinition(PostgreSqlFixture.CollectionName)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlFixture>;

/// <summary>
/// Three IoActors Manager processes on 127.0.0.1 in one Akka cluster sharing a throwaway PostgreSQL: requests
/// round-robin across them, a change through one is served by the others, a node killed with SIGKILL during a write
/// loop loses no acknowledged write while its sessions continue on the survivors and its users move, and a node the
/// others downed exits so its service manager can restart it.
/// </summary>
[Collection(PostgreSqlFixture.CollectionName)]
public sealed class ManagerClusterTests(PostgreSqlFixture postgres, ITestOutputHelper output)
{
    private const string Password = "user-password";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [SkippableFact]
    public async Task ChangeThroughOneNode_IsServedByTheOthers()
    {
        await using var cluster = await ManagerTestCluster.StartAsync(postgres.CreateDatabase(), output.WriteLine);
        using var deadline = new CancellationTokenSource(Timeout);
        using (var admin = cluster.AdminClient(0))
        {
            (await admin.PutAsync("admin/groups/traders", null)).EnsureSuccessStatusCode();
            (await admin.PostAsJsonAsync("admin/users", new { id = "alice", password = Password, groups = new[] { "traders" } })).EnsureSuccessStatusCode();
        }

        // alice's session opens through node 1 (the user reached it through node 0's change) and works through node 2.
        string token = null!;
        await cluster.Until(async () => (token = await cluster.HelloAsync(1, "alice", Password)) is not null, "alice's hello through node 1", deadline.Token);
        using var onNode2 = cluster.SessionClient(2, token);
        (await AppNamesAsync(onNode2)).Should().BeEmpty();

        // An app added through node 0 is served by node 2 and node 1.
        var watch = Stopwatch.StartNew();
        using (var admin = cluster.AdminClient(0))
        {
            (await admin.PostAsJsonAsync("admin/apps?groups=traders", new[] { new { name = "chart", type = "window", details = new { url = "https://apps.example/chart" } } })).EnsureSuccessStatusCode();
        }

        await cluster.Until(async () => (await AppNamesAsync(onNode2)).SequenceEqual(["chart"]), "node 2 to serve the app added through node 0", deadline.Token);
        output.WriteLine($"node 2 served the app {watch.ElapsedMilliseconds} ms after node 0 answered");
        using var onNode1 = cluster.SessionClient(1, token);
        await cluster.Until(async () => (await AppNamesAsync(onNode1)).SequenceEqual(["chart"]), "node 1 to serve it", deadline.Token);

        // Round robin: every request of alice's session, whichever node takes it, sees the same apps and preferences.
        for (var i = 0; i < 9; i++)
        {
            using var client = cluster.SessionClient(i % 3, token);
            (await AppNamesAsync(client)).Should().Equal("chart");
            (await client.PostAsJsonAsync("user/prefs", new { app = $"app-{i}", data = new { i } })).EnsureSuccessStatusCode();
            using var reader = cluster.SessionClient((i + 1) % 3, token);
            var prefs = JsonDocument.Parse(await reader.GetStringAsync($"user/prefs/app-{i}")).RootElement;
            prefs.GetProperty("data").GetProperty("i").GetInt32().Should().Be(i);
        }

        // Removing the grant through node 1 takes the app away on node 0.
        using (var admin = cluster.AdminClient(1))
        {
            (await admin.DeleteAsync("admin/apps/chart")).EnsureSuccessStatusCode();
        }

        using var onNode0 = cluster.SessionClient(0, token);
        await cluster.Until(async () => (await AppNamesAsync(onNode0)).Count == 0, "node 0 to drop the app removed through node 1", deadline.Token);

        // The session a node opened is closed through another, and refused on the third.
        (await onNode0.PostAsJsonAsync("user/goodbye", new { session = SessionOf(token) })).EnsureSuccessStatusCode();
        await cluster.Until(async () => (await onNode2.GetAsync("user/apps")).StatusCode == HttpStatusCode.Unauthorized, "node 2 to refuse the closed session", deadline.Token);
    }

    [SkippableFact]
    public async Task NodeKilledDuringWrites_LosesNoAcknowledgedWrite_SessionsContinue_UsersMove()
    {
        await using var cluster = await ManagerTestCluster.StartAsync(postgres.CreateDatabase(), output.WriteLine);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        const int users = 12;
        using (var admin = cluster.AdminClient(0))
        {
            var bulk = Enumerable.Range(0, users).Select(u => new { id = $"user-{u}", password = Password }).ToArray();
            (await admin.PostAsJsonAsync("admin/users", bulk)).EnsureSuccessStatusCode();
        }

        // Sessions opened round robin; each user has written once, so every user's entity lives on some node.
        var tokens = new string[users];
        for (var u = 0; u < users; u++)
        {
            var node = u % 3;
            await cluster.Until(async () => (tokens[u] = await cluster.HelloAsync(node, $"user-{u}", Password)) is not null, $"user-{u}'s hello", deadline.Token);
        }

        var acknowledged = new List<(int User, string App, int Value)>();
        var writes = 0;
        int? killAt = null;
        var killedAt = new Stopwatch();
        async Task WriteRoundAsync(IReadOnlyList<int> nodes)
        {
            for (var u = 0; u < users; u++)
            {
                if (writes == killAt)
                {
                    cluster.Node(0).Kill();
                    killedAt.Restart();
                }

                var node = nodes[writes % nodes.Count];
                var app = $"app-{writes}";
                var value = writes++;
                using var client = cluster.SessionClient(node, tokens[u]);
                try
                {
                    using var response = await client.PostAsJsonAsync("user/prefs", new { app, data = new { value } });
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        acknowledged.Add((u, app, value));
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Not acknowledged: the node died with it, or the request timed out while the cluster moved things.
                }
            }
        }

        await WriteRoundAsync([0, 1, 2]);
        acknowledged.Should().HaveCount(users, "every write succeeds while all nodes are up");
        var before = await EntitiesByNodeAsync(cluster, [0, 1, 2]);
        output.WriteLine($"user entities by node before the kill: {string.Join(", ", before)}");
        before.Sum().Should().Be(users);

        // Node 0 is the oldest (the singletons' home) and hosts some users; SIGKILL it in the middle of a round.
        killAt = writes + users / 2;
        await WriteRoundAsync([0, 1, 2]);

        // The survivors down node 0 (keep-majority), take over its singletons and its users' shards; writes go on.
        await cluster.WaitForMembersAsync(2);
        for (var round = 0; round < 3; round++)
        {
            await WriteRoundAsync([1, 2]);
        }

        // Every user (node 0's too) is served again, each with its session from before the kill.
        for (var u = 0; u < users; u++)
        {
            var user = u;
            await cluster.Until(async () =>
            {
                using var client = cluster.SessionClient(1 + (user % 2), tokens[user]);
                using var response = await client.PostAsJsonAsync("user/prefs", new { app = "after-kill", data = new { user } });
                return response.StatusCode == HttpStatusCode.OK;
            }, $"user-{user} to be served by the survivors", deadline.Token);
        }

        output.WriteLine($"all users served again {killedAt.ElapsedMilliseconds} ms after the SIGKILL; {acknowledged.Count} of {writes} writes acknowledged");
        var after = await EntitiesByNodeAsync(cluster, [1, 2]);
        after.Sum().Should().Be(users, "node 0's users moved to the survivors");

        // Every acknowledged write is readable, through either survivor.
        foreach (var (user, app, value) in acknowledged)
        {
            using var client = cluster.SessionClient(1 + (value % 2), tokens[user]);
            var prefs = JsonDocument.Parse(await client.GetStringAsync($"user/prefs/{app}")).RootElement;
            prefs.GetProperty("data").GetProperty("value").GetInt32().Should().Be(value, $"user-{user}'s acknowledged write {app}");
        }

        // The killed node comes back with the same address and joins again.
        await cluster.StartNodeAsync(0);
        await cluster.WaitForMembersAsync(3);
        using var back = cluster.SessionClient(0, tokens[0]);
        (await back.GetAsync("user/apps")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task NodeTheOthersDowned_Exits_SoItsServiceManagerRestartsIt()
    {
        await using var cluster = await ManagerTestCluster.StartAsync(postgres.CreateDatabase(), output.WriteLine);
        using var deadline = new CancellationTokenSource(Timeout);

        // Frozen, node 2 is unreachable to the others; keep-majority downs it and the two go on.
        cluster.Node(2).Freeze();
        await cluster.WaitForMembersAsync(2, except: 2);

        // Thawed, it learns it was downed, shuts down and exits non-zero.
        cluster.Node(2).Thaw();
        var code = await cluster.Node(2).WaitForExitAsync(Timeout);
        code.Should().Be(3, cluster.Node(2).Log);
        cluster.Node(2).Log.Should().Contain("removed from the cluster");
    }

    [SkippableFact]
    public async Task FleetSubscriberResumingOnAnotherNode_MissesNothing_SeesNothingTwice()
    {
        await using var cluster = await ManagerTestCluster.StartAsync(postgres.CreateDatabase(), output.WriteLine);
        using var deadline = new CancellationTokenSource(Timeout);
        async Task ChangeAsync(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                using var admin = cluster.AdminClient(i % 3);
                (await admin.PutAsync($"admin/groups/fleet-{i}", null)).EnsureSuccessStatusCode();
            }
        }

        // A subscriber follows node 0 while changes are made through all three nodes; it leaves after half of them.
        var first = new List<(long Id, string Target)>();
        using (var stream = await OpenStreamAsync(cluster.AdminClient(0), null, deadline.Token))
        {
            await ChangeAsync(0, 30);
            await ReadAsync(stream, first, 15, deadline.Token);
        }

        await ChangeAsync(30, 60);

        // It comes back through node 1 with the last id it saw.
        var second = new List<(long Id, string Target)>();
        using (var stream = await OpenStreamAsync(cluster.AdminClient(1), first[^1].Id, deadline.Token))
        {
            await ReadAsync(stream, second, 60 - first.Count, deadline.Token);
        }

        var all = first.Concat(second).ToList();
        all.Select(e => e.Target).Should().OnlyHaveUniqueItems("nothing is seen twice");
        all.Select(e => e.Target).Should().BeEquivalentTo(Enumerable.Range(0, 60).Select(i => $"fleet-{i}"), "nothing is missed");
        all.Select(e => e.Id).Should().BeInAscendingOrder();

        // A third subscriber from the start, on node 2, sees the same facts at the same offsets.
        var fresh = new List<(long Id, string Target)>();
        using (var stream = await OpenStreamAsync(cluster.AdminClient(2), 0, deadline.Token))
        {
            await ReadAsync(stream, fresh, 60, deadline.Token);
        }

        fresh.Should().Equal(all);
    }

    private static async Task<StreamReader> OpenStreamAsync(HttpClient client, long? lastEventId, CancellationToken ct)
    {
        client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/events?types=admin.change");
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        return new StreamReader(await response.Content.ReadAsStreamAsync(ct));
    }

    /// <summary>Reads server-sent events until <paramref name="count"/> of the test's changes (groups named fleet-*) are in <paramref name="into"/>.</summary>
    private static async Task ReadAsync(StreamReader reader, List<(long Id, string Target)> into, int count, CancellationToken ct)
    {
        var start = into.Count;
        long? id = null;
        string? data = null;
        while (into.Count - start < count && await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                id = long.Parse(line[3..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data = line[5..].Trim();
            }
            else if (line.Length == 0 && id is { } offset && data is not null)
            {
                var target = JsonDocument.Parse(data).RootElement.GetProperty("target").GetString()!;
                if (target.StartsWith("fleet-", StringComparison.Ordinal))
                {
                    into.Add((offset, target));
                }

                (id, data) = (null, null);
            }
        }
    }

    /// <summary>The session id in a session token's claims.</summary>
    private static string SessionOf(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.GetProperty("session").GetString()!;
    }

    private static async Task<IReadOnlyList<string>> AppNamesAsync(HttpClient client)
    {
        var apps = JsonDocument.Parse(await client.GetStringAsync("user/apps")).RootElement;
        return [.. apps.EnumerateArray().Select(a => a.GetProperty("name").GetString()!)];
    }

    private static async Task<int[]> EntitiesByNodeAsync(ManagerTestCluster cluster, int[] nodes) =>
        await Task.WhenAll(nodes.Select(async n => (await cluster.ClusterViewAsync(n)).GetProperty("users").GetProperty("entities").GetInt32()));
}
