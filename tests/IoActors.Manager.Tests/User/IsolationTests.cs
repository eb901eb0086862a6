namespace IoActors.Manager.Tests.User;

/// <summary>User A never sees or changes user B's private layouts, preferences, sessions or commands.</summary>
public sealed class IsolationTests(SharedManager shared) : IClassFixture<SharedManager>
{
    private readonly ManagerHost _host = shared.Host;

    [Fact]
    public async Task Layouts_of_another_user_are_not_listed_reached_by_id_or_overwritten()
    {
        var alice = await _host.CreateUserAsync();
        var bob = await _host.CreateUserAsync();
        var bobs = (await _host.PostJsonAsync("/user/layouts", bob, new { name = "Bob's", type = "Global", definition = "{\"secret\":1}", @default = true })).Str("id");

        (await _host.GetJsonAsync("/user/layouts", alice)).Each("id").Should().NotContain(bobs);
        await (await _host.GetAsync("/user/layouts/default", alice)).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await _host.DeleteAsync($"/user/layouts/{bobs}", alice)).ShouldBeProblemAsync(404, bobs);
        await (await _host.PostAsync($"/user/layouts/{bobs}/rename", alice, new { newName = "Mine now" })).ShouldBeProblemAsync(404, bobs);
        await (await _host.PostAsync("/user/layouts/default", alice, new { id = bobs })).ShouldBeProblemAsync(404, bobs);

        // Posting with Bob's id (and Bob as owner) makes a layout of Alice's; Bob's is untouched.
        var posted = await _host.PostJsonAsync("/user/layouts", alice, new { id = bobs, owner = bob.User, user = bob.User, name = "Bob's", type = "Global", definition = "{\"overwritten\":1}" });
        posted.Str("owner").Should().Be(alice.User);
        await (await _host.DeleteAsync("/user/layouts", alice)).JsonAsync();

        var bobsList = await _host.GetJsonAsync("/user/layouts", bob);
        var layout = bobsList.EnumerateArray().Should().ContainSingle().Subject;
        layout.Str("id").Should().Be(bobs);
        layout.Str("definition").Should().Be("{\"secret\":1}");
        layout.Str("name").Should().Be("Bob's");
        layout.GetProperty("default").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Preferences_of_another_user_are_not_listed_read_deleted_or_written()
    {
        var alice = await _host.CreateUserAsync();
        var bob = await _host.CreateUserAsync();
        await _host.PostJsonAsync("/user/prefs", bob, new { app = "Secret", data = new { pin = 1234 } });

        (await _host.GetJsonAsync("/user/prefs", alice)).GetArrayLength().Should().Be(0);
        await (await _host.GetAsync("/user/prefs/Secret", alice)).ShouldBeProblemAsync(404, "Secret");
        await (await _host.DeleteAsync("/user/prefs/Secret", alice)).ShouldBeProblemAsync(404, "Secret");
        await (await _host.DeleteAsync("/user/prefs", alice)).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await _host.PostAsync("/user/prefs", alice, new { app = "Secret", user = bob.User, data = new { pin = 0 } })).ShouldBeProblemAsync(403, "user", bob.User);
        await (await _host.PostAsync("/user/prefs", alice, new { app = "Secret", user = bob.User.ToUpperInvariant(), data = new { pin = 0 } })).ShouldBeProblemAsync(403, "user");

        // Naming oneself is fine (any letter case).
        await (await _host.PostAsync("/user/prefs", alice, new { app = "Mine", user = alice.User.ToUpperInvariant(), data = new { } })).JsonAsync();

        var bobs = await _host.GetJsonAsync("/user/prefs/Secret", bob);
        bobs.GetProperty("data").GetProperty("pin").GetInt32().Should().Be(1234);
        bobs.Str("user").Should().Be(bob.User);
    }

    [Fact]
    public async Task Sessions_and_commands_of_another_user_cannot_be_read_completed_or_closed()
    {
        var alice = await _host.CreateUserAsync();
        var bob = await _host.CreateUserAsync();
        var (aliceToken, aliceSession) = await _host.HelloAsync(alice);
        var (bobToken, bobSession) = await _host.HelloAsync(bob);
        var command = await (await _host.PostAsync($"/admin/sessions/{bobSession}/commands", ManagerHost.Admin, new { command = "restart" })).JsonAsync();
        var commandId = command.Str("id");

        await (await _host.GetAsync($"/user/commands/{bobSession}", alice)).ShouldBeProblemAsync(404, bobSession);
        await (await _host.GetAsync($"/user/commands/{bobSession}", Creds.Session(aliceToken))).ShouldBeProblemAsync(404, bobSession);
        await (await _host.PostAsync($"/user/commands/{commandId}", Creds.Session(aliceToken), new { result = new { ok = true } })).ShouldBeProblemAsync(404, commandId);
        await (await _host.PostAsync($"/user/commands/{commandId}/file", alice, new { fileName = "x.txt", contents = "forged" })).ShouldBeProblemAsync(404, commandId);
        await (await _host.PostAsync("/user/goodbye", alice, new { session = bobSession })).ShouldBeProblemAsync(404, bobSession);

        // Alice's refresh shows her (empty) commands, never Bob's.
        var refresh = await _host.PostJsonAsync("/user", Creds.Session(aliceToken), new { commands = new { include = true } });
        refresh.GetProperty("commands").GetProperty("data").GetArrayLength().Should().Be(0);
        (await _host.GetJsonAsync($"/user/commands/{aliceSession}", alice)).GetArrayLength().Should().Be(0);

        // Bob's command is still new, his session open.
        var bobs = await _host.GetJsonAsync($"/user/commands/{bobSession}", Creds.Session(bobToken));
        bobs.Each("id").Should().Equal(commandId);
        var stored = await _host.GetJsonAsync($"/admin/sessions/{bobSession}/commands", ManagerHost.Admin);
        stored[0].Str("status").Should().Be("new");
        stored[0].TryGetProperty("resultData", out _).Should().BeFalse();
    }

    [Fact]
    public async Task A_file_result_posted_by_another_user_writes_nothing()
    {
        var alice = await _host.CreateUserAsync();
        var bob = await _host.CreateUserAsync();
        var (_, bobSession) = await _host.HelloAsync(bob);
        var commandId = (await (await _host.PostAsync($"/admin/sessions/{bobSession}/commands", ManagerHost.Admin, new { command = "get-logs" })).JsonAsync()).Str("id");
        var done = await _host.PostJsonAsync($"/user/commands/{commandId}/file", bob, new { fileName = "logs.txt", contents = "bob's logs" });
        var file = done.GetProperty("resultData").Str("file");
        var path = Path.Combine(_host.DataFolder, "command-files", file);
        (await File.ReadAllTextAsync(path)).Should().Be("bob's logs");

        await (await _host.PostAsync($"/user/commands/{commandId}/file", alice, new { fileName = "logs.txt", contents = "forged" })).ShouldBeProblemAsync(404, commandId);
        (await File.ReadAllTextAsync(path)).Should().Be("bob's logs");
        Directory.GetFiles(Path.GetDirectoryName(path)!).Should().Equal(path);
    }
}
