using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Platform.Configuration;
using IoActors.Platform.Instances;
using IoActors.Platform.Layouts;
using IoActors.Platform.Manager;
using IoActors.Platform.Tests.Support;
using Xunit;

namespace IoActors.Platform.Tests.Manager;

/// <summary>
/// The platform against a fake io.Manager on a real Kestrel server, on virtual time: one session (hello with the glue and
/// machine values, refreshed on the clock, re-opened on 401), preferences and layouts written through and read back at
/// start, changes queued while io.Manager is down, goodbye at shutdown.
/// </summary>
public sealed class ManagerConnectionTests : IAsyncLifetime
{
    private readonly BootHarness _h = new();
    private FakeIoManager _io = null!;

    private static string User => Environment.UserName;

    public async Task InitializeAsync() => _io = await FakeIoManager.StartAsync();

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await _io.DisposeAsync();
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private async Task<ManagerStateImported> StartAsync(Action<PlatformOptions>? more = null)
    {
        _h.Start(o =>
        {
            o.Server.Enabled = true;
            o.Server.Url = _io.Url;
            o.Server.Auth.Basic = new BasicAuthOptions { Username = "ann", Password = "secret" };
            o.Server.EnablePersistentCache = false;
            o.Region = "EU";
            o.Env = "DEMO";
            more?.Invoke(o);
        });
        await _h.BootedAsync();
        return await _h.NextAsync<ManagerStateImported>();
    }

    private Task<ManagerChangeDelivered> DeliveredAsync(string change) =>
        _h.NextAsync<ManagerChangeDelivered>(d => d.Change == change, $"ManagerChangeDelivered({change})");

    [Fact]
    public async Task Start_OneSessionForStoreAndMirror_HelloTellsGlueAndMachine_RequestsCarryCredentialsAndToken()
    {
        var imported = await StartAsync();

        imported.Skipped.Should().BeFalse();
        imported.Problems.Should().BeEmpty();
        _io.Sessions.Should().Be(1, "the app store and the import share the platform's session");
        var hello = _io.Requests.Single(r => r.Path == "/api/user/hello");
        var body = JsonNode.Parse(hello.Body)!;
        body["glue"]!["version"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        body["glue"]!["build"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        body["glue"]!["region"]!.GetValue<string>().Should().Be("EU");
        body["glue"]!["env"]!.GetValue<string>().Should().Be("DEMO");
        body["machine"]!["user"]!.GetValue<string>().Should().Be(Environment.UserName);
        body["machine"]!["name"]!.GetValue<string>().Should().Be(Environment.MachineName);
        body["machine"]!["os"]!["name"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        body["machine"]!["os"]!["version"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        body["machine"]!["os"]!["arch"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        var token = FakeIoManager.Jwt("session-1", "ann");
        _io.Requests.Where(r => r.Path != "/api/user/hello").Should().NotBeEmpty().And.OnlyContain(r => r.Header("serverx-token") == token && r.Header("Authorization")!.StartsWith("Basic ", StringComparison.Ordinal));
        _io.Requests.Select(r => $"{r.Method} {r.Path}").Should().Contain(["GET /api/user/apps", "GET /api/user/prefs/", "GET /api/user/layouts", "GET /api/user/layouts/default"]);
    }

    [Fact]
    public async Task TokenRefreshInterval_PassesOnTheClock_RefreshesTheSessionToken()
    {
        await StartAsync(o => o.Server.TokenRefreshInterval = new Hocon.HoconDuration(TimeSpan.FromMinutes(10)));

        _h.Clock.Advance(TimeSpan.FromMinutes(10));

        var refresh = await _io.WaitForAsync("POST", "/api/user/refresh");
        var first = FakeIoManager.Jwt("session-1", "ann");
        JsonNode.Parse(refresh.Body)!["token"]!.GetValue<string>().Should().Be(first);
        refresh.Header("serverx-token").Should().Be(first);
    }

    [Fact]
    public async Task Unauthorized_TheSessionIsGone_OpensANewSessionAndSendsTheChangeAgain()
    {
        await StartAsync();
        _io.ExpireSession();
        _io.Server.DrainArrivals();

        await _h.Platform.Preferences.SetAsync(User, "notes", Json("""{"a":1}"""));
        (await DeliveredAsync("the preferences of 'notes'")).Refusal.Should().BeNull();

        var after = _io.Requests.SkipWhile(r => r.Path != "/api/user/prefs/" || r.Method != "POST").Select(r => $"{r.Method} {r.Path} {r.Header("serverx-token")}").ToList();
        after.Should().Equal(
            $"POST /api/user/prefs/ {FakeIoManager.Jwt("session-1", "ann")}",
            "POST /api/user/hello ",
            $"POST /api/user/prefs/ {FakeIoManager.Jwt("session-2", "ann")}");
        _io.Preferences("notes")!["data"]!.ToJsonString().Should().Be("""{"a":1}""");
    }

    [Fact]
    public async Task Preferences_SetUpdateClear_AreWrittenThrough_AndOtherUsersAreNot()
    {
        await StartAsync();

        await _h.Platform.Preferences.SetAsync("someone-else", "notes", Json("""{"x":0}"""));
        await _h.Platform.Preferences.SetAsync(User, "notes", Json("""{"theme":"dark"}"""));
        await DeliveredAsync("the preferences of 'notes'");
        var set = _io.Requests.Single(r => r.Method == "POST" && r.Path == "/api/user/prefs/");
        JsonNode.Parse(set.Body)!.ToJsonString().Should().Be("""{"app":"notes","data":{"theme":"dark"},"merge":false}""");

        await _h.Platform.Preferences.SetAsync(User, "notes", Json("""{"size":3}"""), merge: true);
        await DeliveredAsync("the preferences of 'notes'");
        _io.Preferences("notes")!["data"]!.ToJsonString().Should().Be("""{"theme":"dark","size":3}""", "the merged preferences are sent whole");

        await _h.Platform.Preferences.ClearAsync(User, "notes");
        await DeliveredAsync("clearing the preferences of 'notes'");
        _io.Requests.Should().ContainSingle(r => r.Method == "DELETE" && r.Path == "/api/user/prefs/notes");
        _io.Preferences("notes").Should().BeNull();
    }

    [Fact]
    public async Task Layouts_SaveDefaultRenameRemove_SendTheMatchingRequests()
    {
        await StartAsync();

        await _h.Platform.Layouts.SaveAsync(new LayoutSaveRequest("morning") { Context = Json("""{"desk":"fx"}""") });
        await DeliveredAsync("saving the Global layout 'morning'");
        var stored = _io.Layouts().Should().ContainSingle().Subject;
        var id = stored["id"]!.GetValue<string>();
        stored["type"]!.GetValue<string>().Should().Be("Global");
        stored["name"]!.GetValue<string>().Should().Be("morning");
        var definition = JsonNode.Parse(stored["definition"]!.GetValue<string>())!;
        definition["name"]!.GetValue<string>().Should().Be("morning");
        definition["context"]!.ToJsonString().Should().Be("""{"desk":"fx"}""");

        await _h.Platform.Layouts.SetDefaultAsync("morning");
        await DeliveredAsync("choosing 'morning' as the default layout");
        JsonNode.Parse(_io.Requests.Single(r => r.Method == "POST" && r.Path == "/api/user/layouts/default").Body)!["id"]!.GetValue<string>().Should().Be(id);
        _io.DefaultLayoutId.Should().Be(id);

        await _h.Platform.Layouts.RenameAsync(LayoutTypes.Global, "morning", "day");
        await DeliveredAsync("renaming the Global layout 'morning' to 'day'");
        JsonNode.Parse(_io.Requests.Single(r => r.Path == $"/api/user/layouts/{id}/rename").Body)!.ToJsonString().Should().Be("""{"newName":"day"}""");

        await _h.Platform.Layouts.RemoveAsync(LayoutTypes.Global, "day");
        await DeliveredAsync("removing the Global layout 'day'");
        _io.Requests.Should().ContainSingle(r => r.Method == "DELETE" && r.Path == $"/api/user/layouts/{id}");
        _io.Layouts().Should().BeEmpty();
    }

    [Fact]
    public async Task Start_OnAnEmptyDataFolder_ImportsTheUsersPreferencesAndLayoutsAndRestoresTheDefaultLayout()
    {
        _h.UserApp("alpha", "node", null, autoStart: false);
        _io.AddPreferences("notes", """{"theme":"dark"}""");
        _io.AddLayout("Global", "desk", """{"name":"desk","type":"Global","components":[{"type":"window","application":"alpha","state":{"context":{"a":1}}}],"context":{},"metadata":{},"version":1}""", isDefault: true);
        _io.AddLayout("Workspace", "ws", """{"name":"ws","type":"Workspace","components":[]}""");

        var imported = await StartAsync();

        imported.Should().BeEquivalentTo(new { Preferences = 1, Layouts = 2, DefaultLayout = "desk", Skipped = false });
        imported.Problems.Should().BeEmpty();
        (await _h.Platform.Preferences.GetAsync(User, "notes")).Data.GetRawText().Should().Be("""{"theme":"dark"}""");
        (await _h.Platform.Layouts.ListAsync()).Select(l => $"{l.Type}/{l.Name}").Should().Equal("Global/desk", "Workspace/ws");
        (await _h.Platform.Layouts.GetDefaultAsync())!.Name.Should().Be("desk");

        // The default layout is restored once it is in: its component starts with its context.
        var started = await _h.NextAsync<InstanceStarted>(e => e.AppName == "alpha");
        started.Instance.Context!.Value.GetRawText().Should().Be("""{"a":1}""");

        // What came from io.Manager is not written back (the platform's events may go).
        _io.Requests.Should().NotContain(r => r.Method != "GET" && r.Path != "/api/user/hello" && r.Path != "/api/user/events");
    }

    [Fact]
    public async Task ServerDownThenUp_TheQueuedChangesAreDeliveredInOrderOnTheRetry()
    {
        await StartAsync();
        _io.Down = true;

        await _h.Platform.Preferences.SetAsync(User, "notes", Json("""{"v":1}"""));
        var retrying = await _h.NextAsync<ManagerChangeRetrying>();
        retrying.Cause.Should().Contain("503");
        await _h.Platform.Preferences.SetAsync(User, "notes", Json("""{"v":2}"""));
        await _h.Platform.Preferences.SetAsync(User, "other", Json("""{"w":1}"""));

        _io.Down = false;
        _h.Clock.Advance(retrying.Delay);

        await DeliveredAsync("the preferences of 'notes'");
        await DeliveredAsync("the preferences of 'other'");
        _io.Preferences("notes")!["data"]!.ToJsonString().Should().Be("""{"v":2}""", "the newer change replaced the queued one it followed");
        _io.Preferences("other")!["data"]!.ToJsonString().Should().Be("""{"w":1}""");
    }

    [Fact]
    public async Task Shutdown_ClosesTheSessionWithGoodbye()
    {
        await StartAsync();

        await _h.Platform.DisposeAsync();

        var goodbye = _io.Requests.Should().ContainSingle(r => r.Path == "/api/user/goodbye").Subject;
        goodbye.Method.Should().Be("POST");
        JsonNode.Parse(goodbye.Body)!.ToJsonString().Should().Be("""{"session":"session-1"}""");
    }

    [Fact]
    public async Task Shutdown_ChangesStillQueued_AreDeliveredBeforeGoodbye()
    {
        await StartAsync();
        await _h.Platform.Preferences.SetAsync(User, "notes", Json("""{"late":true}"""));

        // No wait for the delivery: the shutdown flushes the mirror before it says goodbye.
        await _h.Platform.DisposeAsync();

        var requests = _io.Requests.ToList();
        var set = requests.FindIndex(r => r.Method == "POST" && r.Path == "/api/user/prefs/");
        var goodbye = requests.FindIndex(r => r.Path == "/api/user/goodbye");
        set.Should().BeGreaterThanOrEqualTo(0, "the queued change was delivered");
        goodbye.Should().BeGreaterThan(set, "goodbye comes after the flush");
        _io.Preferences("notes")!["data"]!.ToJsonString().Should().Be("""{"late":true}""");
    }
}
