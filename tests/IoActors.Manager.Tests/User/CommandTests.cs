namespace IoActors.Manager.Tests.User;

/// <summary>Commands: an admin queues one for a session, the session's client reads it and posts the result.</summary>
public sealed class CommandTests(SharedManager shared) : IClassFixture<SharedManager>
{
    private readonly ManagerHost _host = shared.Host;

    [Fact]
    public async Task A_queued_command_is_listed_refreshed_and_completed_by_its_result()
    {
        var user = await _host.CreateUserAsync();
        var (token, session) = await _host.HelloAsync(user, new { machine = new { name = "ws-12" } });
        var before = await _host.PostJsonAsync("/user", Creds.Session(token), new { commands = new { include = true } });
        var checksum = before.GetProperty("commands").GetProperty("info").Str("checksum");

        var queued = await (await _host.PostAsync($"/admin/sessions/{session}/commands", ManagerHost.Admin, new { command = "showMessage", commandParams = new { text = "hi" } })).JsonAsync();
        queued.Str("status").Should().Be("new");
        queued.Str("session").Should().Be(session);
        queued.Str("user").Should().Be(user.User);
        queued.Str("machine").Should().Be("ws-12");
        queued.Str("createdBy").Should().Be(ManagerHost.Admin.User);
        queued.Str("command").Should().Be("showMessage");
        JsonDocument.Parse(queued.Str("commandParams")).RootElement.Str("text").Should().Be("hi");
        var id = queued.Str("id");

        (await _host.GetJsonAsync($"/user/commands/{session}", Creds.Session(token))).Each("id").Should().Equal(id);
        (await _host.GetJsonAsync($"/user/commands/{session}", user)).Each("id").Should().Equal([id], "Basic credentials of the session's user work too");

        var refreshed = await _host.PostJsonAsync("/user", Creds.Session(token), new { commands = new { include = true, latestDataInfo = new { checksum } } });
        var commands = refreshed.GetProperty("commands");
        commands.GetProperty("hasChanges").GetBoolean().Should().BeTrue();
        commands.GetProperty("data").Each("id").Should().Equal(id);

        var completed = await _host.PostJsonAsync($"/user/commands/{id}", Creds.Session(token), new { result = new { shown = true } });
        completed.Str("status").Should().Be("completed");
        completed.Str("resultType").Should().Be("json");
        completed.GetProperty("resultData").GetProperty("shown").GetBoolean().Should().BeTrue();
        completed.GetProperty("resultAt").GetInt64().Should().BeGreaterThan(0);

        (await _host.GetJsonAsync($"/user/commands/{session}", Creds.Session(token))).GetArrayLength().Should().Be(0, "only new commands are served");
        var afterResult = await _host.PostJsonAsync("/user", Creds.Session(token), new { commands = new { include = true, latestDataInfo = new { checksum } } });
        afterResult.GetProperty("commands").GetProperty("hasChanges").GetBoolean().Should().BeFalse("the list is empty again");

        var admin = await _host.GetJsonAsync($"/admin/sessions/{session}/commands", ManagerHost.Admin);
        admin.EnumerateArray().Should().ContainSingle().Which.Str("status").Should().Be("completed");
    }

    [Fact]
    public async Task A_file_result_is_stored_in_the_data_folder()
    {
        var user = await _host.CreateUserAsync();
        var (token, session) = await _host.HelloAsync(user);
        var id = (await (await _host.PostAsync($"/admin/sessions/{session}/commands", ManagerHost.Admin, new { command = "get-logs", commandParams = "all" })).JsonAsync()).Str("id");
        var done = await _host.PostJsonAsync($"/user/commands/{id}/file", Creds.Session(token), new { fileName = "logs.zip", contents = "UEsDBA==" });
        done.Str("resultType").Should().Be("file");
        var data = done.GetProperty("resultData");
        data.Str("fileName").Should().Be("logs.zip");
        data.GetProperty("length").GetInt32().Should().Be(8);
        (await File.ReadAllTextAsync(Path.Combine(_host.DataFolder, "command-files", data.Str("file")))).Should().Be("UEsDBA==");
    }

    [Theory]
    [InlineData("{}", "command: required")]
    [InlineData("{ \"command\": 5 }", "command: 5 must be a string")]
    [InlineData("{ \"command\": \"\" }", "command: required")]
    [InlineData("[]", "an object is required")]
    [InlineData("{", "not valid JSON")]
    public async Task Queueing_refuses_a_bad_command(string body, string named)
    {
        var user = await _host.CreateUserAsync();
        var (_, session) = await _host.HelloAsync(user);
        await (await _host.PostAsync($"/admin/sessions/{session}/commands", ManagerHost.Admin, body)).ShouldBeProblemAsync(400, named);
        (await _host.GetJsonAsync($"/admin/sessions/{session}/commands", ManagerHost.Admin)).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Queueing_for_an_unknown_session_is_404_and_for_a_closed_one_409()
    {
        await (await _host.PostAsync("/admin/sessions/no-such-session/commands", ManagerHost.Admin, new { command = "x" })).ShouldBeProblemAsync(404, "no-such-session");
        var user = await _host.CreateUserAsync();
        var (_, session) = await _host.HelloAsync(user);
        await (await _host.PostAsync("/user/goodbye", user, new { session })).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await _host.PostAsync($"/admin/sessions/{session}/commands", ManagerHost.Admin, new { command = "x" })).ShouldBeProblemAsync(409, session, "closed");
        await (await _host.PostAsync($"/admin/sessions/{session}/commands", ManagerHost.Admin, new { command = "x", commandParams = new string('p', 70_000) })).ShouldBeProblemAsync(400, "commandParams", "65536");
    }

    [Fact]
    public async Task Results_refuse_a_bad_body_and_unknown_commands()
    {
        var user = await _host.CreateUserAsync();
        var (token, session) = await _host.HelloAsync(user);
        var id = (await (await _host.PostAsync($"/admin/sessions/{session}/commands", ManagerHost.Admin, new { command = "x" })).JsonAsync()).Str("id");
        var creds = Creds.Session(token);
        await (await _host.PostAsync($"/user/commands/{id}", creds, "{}")).ShouldBeProblemAsync(400, "result: required");
        await (await _host.PostAsync($"/user/commands/{id}", creds, new { result = "done" })).ShouldBeProblemAsync(400, "result: \"done\" must be an object");
        await (await _host.PostAsync($"/user/commands/{id}", creds, "{ \"result\": ")).ShouldBeProblemAsync(400, "not valid JSON");
        await (await _host.PostAsync("/user/commands/no-such-command", creds, new { result = new { } })).ShouldBeProblemAsync(404, "no-such-command");
        await (await _host.PostAsync($"/user/commands/{id}/file", creds, new { contents = "x" })).ShouldBeProblemAsync(400, "fileName: required");
        await (await _host.PostAsync($"/user/commands/{id}/file", creds, new { fileName = "f" })).ShouldBeProblemAsync(400, "contents: required");
        await (await _host.PostAsync($"/user/commands/{id}/file", creds, new { fileName = "f", contents = 1 })).ShouldBeProblemAsync(400, "contents: 1 must be a string");
        await (await _host.PostAsync("/user/commands/no-such-command/file", creds, new { fileName = "f", contents = "c" })).ShouldBeProblemAsync(404, "no-such-command");
        (await _host.GetJsonAsync($"/user/commands/{session}", creds)).Each("status").Should().Equal("new");
        await (await _host.GetAsync("/user/commands/no-such-session", creds)).ShouldBeProblemAsync(404, "no-such-session");
    }

    [Fact]
    public async Task The_commands_of_an_unknown_session_are_404_for_the_admin()
    {
        await (await _host.GetAsync("/admin/sessions/no-such-session/commands", ManagerHost.Admin)).ShouldBeProblemAsync(404, "no-such-session");
    }
}

/// <summary>manager.limits.maxCommandsPerSession.</summary>
public sealed class CommandLimitTests
{
    [Fact]
    public async Task A_full_session_drops_its_oldest_completed_command_and_refuses_when_none_is_completed()
    {
        await using var host = await ManagerHost.StartAsync(o => o.Limits.MaxCommandsPerSession = 2);
        var user = await host.CreateUserAsync();
        var (token, session) = await host.HelloAsync(user);
        async Task<string> QueueAsync(string name) => (await (await host.PostAsync($"/admin/sessions/{session}/commands", ManagerHost.Admin, new { command = name })).JsonAsync()).Str("id");

        var first = await QueueAsync("one");
        await QueueAsync("two");
        await (await host.PostAsync($"/admin/sessions/{session}/commands", ManagerHost.Admin, new { command = "three" })).ShouldBeProblemAsync(409, "maxCommandsPerSession");
        await host.PostJsonAsync($"/user/commands/{first}", Creds.Session(token), new { result = new { } });
        await QueueAsync("three");
        (await host.GetJsonAsync($"/admin/sessions/{session}/commands", ManagerHost.Admin)).Each("command").Should().Equal("two", "three");
    }
}
