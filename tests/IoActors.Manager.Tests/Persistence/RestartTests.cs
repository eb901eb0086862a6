using System.Net.Http.Headers;

namespace IoActors.Manager.Tests.Persistence;

/// <summary>Stopping the server and starting a new one on the same data folder brings everything back.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Users_apps_access_layouts_prefs_sessions_commands_crashes_feedback_and_audit_survive_a_restart()
    {
        await using var host = await ManagerHost.StartAsync();
        var group = await host.CreateGroupAsync("desk");
        var alice = await host.CreateUserAsync("alice", false, group);
        var bob = await host.CreateUserAsync("bob");
        await host.AddAppsAsync("groups=desk", "desk-app");
        await host.AddAppsAsync("users=bob", "bob-app");
        var (aliceToken, aliceSession) = await host.HelloAsync(alice, new { machine = new { name = "m1" } });
        var (_, closedSession) = await host.HelloAsync(bob);
        await (await host.PostAsync("/user/goodbye", bob, new { session = closedSession })).ShouldBeAsync(HttpStatusCode.NoContent);
        var layout = (await host.PostJsonAsync("/user/layouts", alice, new { name = "Mine", type = "Global", definition = "{\"a\":1}", @default = true })).Str("id");
        await (await host.PostAsync("/admin/layouts", ManagerHost.Admin, new { id = "team", name = "Team", type = "Global", definition = "{}", accessList = new[] { "desk" } })).JsonAsync();
        await host.PostJsonAsync("/user/prefs", alice, new { app = "desk-app", data = new { theme = "dark" } });
        var pending = (await (await host.PostAsync($"/admin/sessions/{aliceSession}/commands", ManagerHost.Admin, new { command = "pending" })).JsonAsync()).Str("id");
        var done = (await (await host.PostAsync($"/admin/sessions/{aliceSession}/commands", ManagerHost.Admin, new { command = "done" })).JsonAsync()).Str("id");
        await host.PostJsonAsync($"/user/commands/{done}", Creds.Session(aliceToken), new { result = new { ok = 1 } });
        var dump = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();
        using var crashForm = new MultipartFormDataContent { { new StringContent("io.Connect"), "prod" } };
        crashForm.Add(new ByteArrayContent(dump) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, "upload_file_minidump", "c.dmp");
        var crash = (await (await host.SendAsync(HttpMethod.Post, "/crashes", Creds.Session(aliceToken), crashForm)).JsonAsync()).Str("id");
        using var feedbackForm = new MultipartFormDataContent { { new StringContent("slow"), "description" } };
        await (await host.SendAsync(HttpMethod.Post, "/user/feedbacks", alice, feedbackForm)).JsonAsync();
        using var appsBefore = await host.GetAsync("/user/apps", alice);
        var etag = appsBefore.Headers.ETag!;

        await host.RestartAsync();

        // Users (with their passwords, groups) and the bootstrap admin are back; the admin was not made twice.
        var users = await host.GetJsonAsync("/admin/users", ManagerHost.Admin);
        users.Each("id").Should().BeEquivalentTo(["admin", "alice", "bob"]);
        (await host.GetJsonAsync("/user", alice)).Strings("groups").Should().Equal("desk");

        // Apps, access, and the same ETag for the same list.
        (await host.GetJsonAsync("/user/apps", alice)).Each("name").Should().Equal("desk-app");
        (await host.GetJsonAsync("/user/apps", bob)).Each("name").Should().Equal("bob-app");
        using var appsAfter = await host.GetAsync("/user/apps", alice, r => r.Headers.IfNoneMatch.Add(etag));
        appsAfter.StatusCode.Should().Be(HttpStatusCode.NotModified);
        (await host.GetJsonAsync("/admin/apps/desk-app/access", ManagerHost.Admin)).Strings("groups").Should().Equal("desk");

        // The session token is still valid; the closed session stays closed.
        (await host.GetJsonAsync("/user", Creds.Session(aliceToken))).Str("id").Should().Be("alice");
        (await host.PostJsonAsync("/user/refresh", null, new { token = aliceToken })).Str("token").Should().NotBeNullOrEmpty();
        var sessions = await host.GetJsonAsync("/admin/sessions", ManagerHost.Admin);
        sessions.EnumerateArray().Single(s => s.Str("id") == aliceSession).GetProperty("machine").Str("name").Should().Be("m1");
        sessions.EnumerateArray().Single(s => s.Str("id") == closedSession).GetProperty("closed").ValueKind.Should().Be(JsonValueKind.String);
        await (await host.PostAsync($"/admin/sessions/{closedSession}/commands", ManagerHost.Admin, new { command = "x" })).ShouldBeProblemAsync(409);

        // Layouts (with the default), shared layouts, prefs.
        var layouts = await host.GetJsonAsync("/user/layouts", alice);
        layouts.Each("id").Should().Equal(layout, "team");
        layouts[0].GetProperty("default").GetBoolean().Should().BeTrue();
        layouts[0].Str("definition").Should().Be("{\"a\":1}");
        (await host.GetJsonAsync("/user/prefs/desk-app", alice)).GetProperty("data").Str("theme").Should().Be("dark");

        // Commands: the pending one is still served, the completed one keeps its result.
        (await host.GetJsonAsync($"/user/commands/{aliceSession}", Creds.Session(aliceToken))).Each("id").Should().Equal(pending);
        var commands = await host.GetJsonAsync($"/admin/sessions/{aliceSession}/commands", ManagerHost.Admin);
        commands.EnumerateArray().Single(c => c.Str("id") == done).GetProperty("resultData").GetProperty("ok").GetInt32().Should().Be(1);

        // Crash report with its dump, feedback, audit.
        var crashes = await host.GetJsonAsync("/admin/crashes", ManagerHost.Admin);
        var report = crashes.EnumerateArray().Should().ContainSingle().Subject;
        report.Str("id").Should().Be(crash);
        report.Str("user").Should().Be("alice");
        report.GetProperty("fields").Str("prod").Should().Be("io.Connect");
        using var download = await host.GetAsync($"/admin/crashes/{crash}/dump", ManagerHost.Admin);
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(dump);
        (await host.GetJsonAsync("/admin/feedbacks", ManagerHost.Admin)).Each("description").Should().Equal("slow");
        var audit = await host.GetJsonAsync("/admin/audit", ManagerHost.Admin);
        audit.EnumerateArray().Should().Contain(e => e.Str("action") == "group.put" && e.Str("target") == "desk" && e.Str("actor") == "admin");

        // And the restarted server keeps working on that state.
        await (await host.PostAsync("/user/layouts", alice, new { name = "Second", type = "Global", definition = "{}" })).JsonAsync();
        (await host.GetJsonAsync("/user/layouts", alice)).GetArrayLength().Should().Be(3);
        host.Log.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Deletions_survive_a_restart_too()
    {
        await using var host = await ManagerHost.StartAsync();
        var group = await host.CreateGroupAsync("g");
        var user = await host.CreateUserAsync("u", false, group);
        await host.AddAppsAsync("groups=g", "gone-app", "kept-app");
        await (await host.DeleteAsync("/admin/apps/gone-app", ManagerHost.Admin)).ShouldBeAsync(HttpStatusCode.NoContent);
        var layout = (await host.PostJsonAsync("/user/layouts", user, new { name = "L", type = "Global", definition = "{}" })).Str("id");
        await (await host.DeleteAsync($"/user/layouts/{layout}", user)).ShouldBeAsync(HttpStatusCode.NoContent);
        await host.PostJsonAsync("/user/prefs", user, new { app = "p", data = new { } });
        await (await host.DeleteAsync("/user/prefs", user)).ShouldBeAsync(HttpStatusCode.NoContent);
        var other = await host.CreateUserAsync("other");
        await (await host.DeleteAsync("/admin/users/other", ManagerHost.Admin)).ShouldBeAsync(HttpStatusCode.NoContent);

        await host.RestartAsync();

        (await host.GetJsonAsync("/admin/apps", ManagerHost.Admin)).Each("name").Should().Equal("kept-app");
        (await host.GetJsonAsync("/user/layouts", user)).GetArrayLength().Should().Be(0);
        (await host.GetJsonAsync("/user/prefs", user)).GetArrayLength().Should().Be(0);
        await (await host.GetAsync("/user", other)).ShouldBeProblemAsync(401);
    }

    [Fact]
    public async Task A_session_signing_key_that_is_too_short_stops_the_start_naming_the_file()
    {
        await using var host = await ManagerHost.StartAsync();
        await host.StopAsync();
        await File.WriteAllBytesAsync(Path.Combine(host.DataFolder, "session-signing.key"), new byte[8]);
        var start = () => ManagerServer.StartAsync(host.Options);
        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("session-signing.key").And.Contain("8 bytes");
        await File.WriteAllBytesAsync(Path.Combine(host.DataFolder, "session-signing.key"), new byte[32]);
        await host.StartAgainAsync();
        (await host.GetJsonAsync("/user", ManagerHost.Admin)).Str("id").Should().Be("admin");
    }
}
