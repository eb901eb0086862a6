using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using IoActors.Host.Tests.Support;
using IoActors.Manager;
using IoActors.Manager.Configuration;
using IoActors.Manager.State;
using IoActors.Platform.Events;

namespace IoActors.Host.Tests.Manager;

/// <summary>
/// The real host against the real IoActors Manager, both started here: with <c>server.enabled</c> the platform gets the
/// apps its user is entitled to (entitlement changes arrive as AppAdded/AppRemoved), its session shows in the admin API,
/// a crashed instance becomes a crash report, preferences and layouts stored in the server come back on another data
/// folder, and a plain <c>rest</c> store pointed at the server's apps endpoint works too.
/// </summary>
public sealed class PlatformOnManagerTests : IAsyncLifetime
{
    private const string Password = "alice-password";
    private const string ServiceToken = "platform-rest-store-token";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _folder = Directory.CreateTempSubdirectory("ioactors-manager-e2e-").FullName;
    private ManagerServer _server = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await ManagerServer.StartAsync(new ManagerOptions
        {
            Listen = "127.0.0.1:0",
            DataFolder = Path.Combine(_folder, "manager"),
            Auth = new ManagerAuthOptions
            {
                Type = "basic",
                Admin = new BootstrapAdminOptions { Username = "admin", Password = "admin-password" },
                StaticTokens = [new StaticTokenOptions { Token = ServiceToken, User = "alice" }],
            },
        });
        _admin = new HttpClient { BaseAddress = new Uri(_server.Url + "/") };
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:admin-password")));
        await SendAsync(HttpMethod.Put, "admin/groups/traders");
        await SendAsync(HttpMethod.Post, "admin/users", new { id = "alice", password = Password, groups = new[] { "traders" } });
        await SendAsync(HttpMethod.Post, "admin/apps?groups=traders", new[]
        {
            new { name = "chart", type = "window", details = new { url = "https://apps.example/chart" } },
        });
        await SendAsync(HttpMethod.Post, "admin/apps", new[] { new { name = "news", type = "window", details = new { url = "https://apps.example/news" } } });
        await SendAsync(HttpMethod.Post, "admin/apps?groups=traders", new[]
        {
            new { name = "crasher", type = "exe", details = new { path = "/bin/sh", parameters = "-c \"exit 3\"" } },
        });
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Apps_EntitlementChanges_ArriveAsAppAddedAndAppRemoved_TheSessionShows_ACrashIsReported()
    {
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>(), ServerSettings());
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        (await AppNamesAsync(host)).Should().Contain(["chart", "crasher"]).And.NotContain("news", "news is granted to no one");

        await using (var events = await SseReader.OpenAsync(host.Client, "/api/events?types=AppAdded,AppRemoved"))
        {
            await SendAsync(HttpMethod.Put, "admin/apps/news/access", new { groups = new[] { "traders" } });
            var added = await events.NextAsync(e => e.Data.Contains("\"news\"", StringComparison.Ordinal));
            added.Type.Should().Be("AppAdded");

            await SendAsync(HttpMethod.Put, "admin/apps/chart/access", new { everyone = false });
            // The pump numbers in order: once the news event came, nothing from before the connect is left.
            var removed = await events.NextAsync();
            removed.Type.Should().Be("AppRemoved");
            removed.Data.Should().Contain("\"chart\"");
        }

        // The platform's session, with what it said about itself.
        var sessions = await GetJsonAsync("admin/sessions?user=alice");
        var session = sessions.EnumerateArray().Where(s => !s.TryGetProperty("closed", out var closed) || closed.ValueKind == JsonValueKind.Null).Should().ContainSingle("the platform holds one open session").Subject;
        session.GetProperty("machine").GetProperty("name").GetString().Should().Be(Environment.MachineName);
        session.GetProperty("glue").GetProperty("version").GetString().Should().NotBeNullOrEmpty();

        // A crashed instance (exit code 3) becomes a crash report of alice's session.
        await using var crashes = EventSubscription<CrashStored>.Create(_server.System);
        var instance = await host.StartInstanceAsync("crasher");
        var stored = await crashes.Reader.ReadAsync().AsTask().WaitAsync(Timeout);
        stored.Report.Fields.Should().Contain("app", "crasher").And.Contain("exitCode", "3").And.Contain("instance", instance);
        stored.Report.User.Should().Be("alice");
        var listed = await GetJsonAsync("admin/crashes");
        listed.EnumerateArray().Select(c => c.GetProperty("id").GetString()).Should().Contain(stored.Report.Id);
        (await _admin.GetByteArrayAsync($"admin/crashes/{stored.Report.Id}/dump")).Should().NotBeEmpty();

        // The platform reported the instance's start and stop: they are on the fleet stream, with alice's session.
        using var deadline = new CancellationTokenSource(Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/events?types=platform.InstanceStarted,platform.InstanceStopped");
        using var response = await _admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        var seen = new HashSet<string>();
        while (seen.Count < 2 && await reader.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                var fact = JsonDocument.Parse(line[5..]).RootElement;
                if (fact.GetProperty("data").GetProperty("instanceId").GetString() == instance)
                {
                    fact.GetProperty("user").GetString().Should().Be("alice");
                    seen.Add(fact.GetProperty("type").GetString()!);
                }
            }
        }

        seen.Should().BeEquivalentTo(["InstanceStarted", "InstanceStopped"]);
    }

    [Fact]
    public async Task PreferencesAndLayouts_StoredInTheServer_AreBackOnAnotherDataFolder()
    {
        using var reports = new CompatReports();
        var apps = new Dictionary<string, string>
        {
            ["prefs"] = CompatHost.NodeApp("prefs", "prefs.js", reports.Argument("prefs")),
            ["reader"] = CompatHost.NodeApp("reader", "prefs.js", "--read=prefs " + reports.Argument("reader")),
        };
        await using (var first = await CompatHost.StartAsync(apps, ServerSettings()))
        {
            await first.Host.Platform.WhenBooted.WaitAsync(Timeout);
            await first.StartInstanceAsync("prefs");
            await reports["prefs"].NextAsync("done");
            using var save = await first.Client.PostAsync("/api/layouts", new StringContent("""{ "name": "morning", "metadata": { "desk": 7 } }""", Encoding.UTF8, "application/json"));
            save.IsSuccessStatusCode.Should().BeTrue(await save.Content.ReadAsStringAsync());

            // The shutdown delivers what the mirror still holds before it says goodbye.
        }

        using var alice = new HttpClient { BaseAddress = new Uri(_server.Url + "/") };
        alice.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"alice:{Password}")));
        var prefs = JsonDocument.Parse(await alice.GetStringAsync("user/prefs/prefs")).RootElement;
        prefs.GetProperty("data").GetRawText().Should().Be("""{"a":1,"b":{"e":4},"d":3}""", "the client's preferences are stored in the server");
        var layouts = JsonDocument.Parse(await alice.GetStringAsync("user/layouts")).RootElement;
        layouts.EnumerateArray().Select(l => l.GetProperty("name").GetString()).Should().Contain("morning");

        // Another data folder: what the platform knows comes from the server.
        await using var second = await CompatHost.StartAsync(apps, ServerSettings());
        await second.Host.Platform.WhenBooted.WaitAsync(Timeout);
        await second.StartInstanceAsync("reader");
        var read = await reports["reader"].NextAsync("read");
        read["prefs"]!["data"]!.ToJsonString().Should().Be("""{"a":1,"b":{"e":4},"d":3}""");
        var restored = JsonDocument.Parse(await second.Client.GetStringAsync("/api/layouts")).RootElement;
        var morning = restored.EnumerateArray().Should().ContainSingle(l => l.GetProperty("name").GetString() == "morning").Subject;
        morning.GetProperty("metadata").GetProperty("desk").GetInt32().Should().Be(7);
    }

    [Fact]
    public async Task RestStore_PointedAtTheServersAppsEndpoint_LoadsTheUsersApps()
    {
        var url = _server.Url + "/user/apps";
        await using var host = await CompatHost.StartAsync(new Dictionary<string, string>(), $$"""
            appStores = [ { type = rest, details { url = "{{url}}", headers { Authorization = "Bearer {{ServiceToken}}" }, enablePersistentCache = false } } ]
            """);
        await host.Host.Platform.WhenBooted.WaitAsync(Timeout);
        (await AppNamesAsync(host)).Should().Contain(["chart", "crasher"]).And.NotContain("news");
    }

    private string ServerSettings() => $$"""
        server {
          enabled = true
          url = "{{_server.Url}}"
          auth { basic { username = alice, password = "{{Password}}" } }
          fetchInterval = 500ms
          enablePersistentCache = false
        }
        crashReporter { output { type = server } }
        """;

    private static async Task<List<string>> AppNamesAsync(CompatHost host) =>
        [.. JsonDocument.Parse(await host.Client.GetStringAsync("/api/apps")).RootElement.EnumerateArray().Select(a => a.GetProperty("name").GetString()!)];

    private async Task<JsonElement> GetJsonAsync(string path) => JsonDocument.Parse(await _admin.GetStringAsync(path)).RootElement.Clone();

    private async Task SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await _admin.SendAsync(request);
        response.IsSuccessStatusCode.Should().BeTrue($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
