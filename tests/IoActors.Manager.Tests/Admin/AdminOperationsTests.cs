namespace IoActors.Manager.Tests.Admin;

/// <summary>/admin/layouts (shared), /admin/sessions and /admin/audit.</summary>
public sealed class AdminOperationsTests(SharedManager shared) : IClassFixture<SharedManager>
{
    private readonly ManagerHost _host = shared.Host;

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Shared_layouts_are_created_read_replaced_and_deleted()
    {
        using var createdResponse = await _host.PostAsync("/admin/layouts", ManagerHost.Admin, new { name = "Desk", type = "Global", definition = new { components = Array.Empty<object>() }, @public = true });
        createdResponse.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await createdResponse.JsonAsync();
        var id = created.Str("id");
        created.Str("owner").Should().Be(ManagerHost.Admin.User);
        created.Str("definition").Should().Be("{\"components\":[]}");
        created.GetProperty("public").GetBoolean().Should().BeTrue();

        (await _host.GetJsonAsync("/admin/layouts", ManagerHost.Admin)).Each("id").Should().Contain(id);
        (await _host.GetJsonAsync($"/admin/layouts/{id}", ManagerHost.Admin)).Str("name").Should().Be("Desk");
        var replaced = await _host.PutJsonAsync($"/admin/layouts/{id}", ManagerHost.Admin, new { name = "Desk 2", type = "Global", definition = "{}", owner = "team" });
        replaced.Str("name").Should().Be("Desk 2");
        replaced.Str("owner").Should().Be("team");
        replaced.GetProperty("public").GetBoolean().Should().BeFalse();

        var user = await _host.CreateUserAsync();
        (await _host.GetJsonAsync("/user/layouts", user)).Each("id").Should().NotContain(id, "it is no longer public");

        await (await _host.DeleteAsync($"/admin/layouts/{id}", ManagerHost.Admin)).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await _host.GetAsync($"/admin/layouts/{id}", ManagerHost.Admin)).ShouldBeProblemAsync(404, id);
        await (await _host.DeleteAsync($"/admin/layouts/{id}", ManagerHost.Admin)).ShouldBeProblemAsync(404, id);
    }

    [Fact]
    public async Task One_shared_default_per_type()
    {
        var type = Unique("T");
        var first = (await (await _host.PostAsync("/admin/layouts", ManagerHost.Admin, new { name = "1", type, definition = "{}", @default = true })).JsonAsync()).Str("id");
        var second = (await (await _host.PostAsync("/admin/layouts", ManagerHost.Admin, new { name = "2", type, definition = "{}", @default = true })).JsonAsync()).Str("id");
        (await _host.GetJsonAsync($"/admin/layouts/{first}", ManagerHost.Admin)).GetProperty("default").GetBoolean().Should().BeFalse();
        (await _host.GetJsonAsync($"/admin/layouts/{second}", ManagerHost.Admin)).GetProperty("default").GetBoolean().Should().BeTrue();
    }

    [Theory]
    [InlineData("{ \"type\": \"Global\", \"definition\": \"{}\" }", "name: required")]
    [InlineData("{ \"name\": \"n\", \"definition\": \"{}\" }", "type: required")]
    [InlineData("{ \"name\": \"n\", \"type\": \"Global\" }", "definition: required")]
    [InlineData("{ \"name\": \"n\", \"type\": \"Global\", \"definition\": 5 }", "definition: 5 must be a string")]
    [InlineData("{ \"name\": \"n\", \"type\": \"Global\", \"definition\": \"{}\", \"public\": 1 }", "public: 1 must be true or false")]
    [InlineData("{ \"name\": \"n\", \"type\": \"Global\", \"definition\": \"{}\", \"accessList\": \"all\" }", "accessList: \"all\" must be an array of strings")]
    [InlineData("{ \"name\": \"n\", \"type\": \"Global\", \"definition\": \"{}\", \"id\": \"\" }", "id: required")]
    [InlineData("[]", "an object is required")]
    [InlineData("{", "not valid JSON")]
    public async Task A_bad_shared_layout_is_refused_naming_the_field(string body, string named)
    {
        await (await _host.PostAsync("/admin/layouts", ManagerHost.Admin, body)).ShouldBeProblemAsync(400, named);
        if (!body.Contains("\"id\"", StringComparison.Ordinal))
        {
            // PUT takes the id from the path; the rest is read alike.
            await (await _host.PutAsync($"/admin/layouts/{Unique("l")}", ManagerHost.Admin, body)).ShouldBeProblemAsync(400, named);
        }
    }

    [Fact]
    public async Task Sessions_are_listed_newest_first_filtered_by_user_and_read_by_id()
    {
        var user = await _host.CreateUserAsync();
        var (_, first) = await _host.HelloAsync(user);
        var (_, second) = await _host.HelloAsync(user);
        var mine = await _host.GetJsonAsync($"/admin/sessions?user={user.User}", ManagerHost.Admin);
        mine.Each("id").Should().Equal(second, first);
        mine.Each("user").Should().AllBe(user.User);
        (await _host.GetJsonAsync("/admin/sessions", ManagerHost.Admin)).Each("id").Should().Contain([first, second]);
        (await _host.GetJsonAsync("/admin/sessions?user=nobody-at-all", ManagerHost.Admin)).GetArrayLength().Should().Be(0);

        var one = await _host.GetJsonAsync($"/admin/sessions/{first}", ManagerHost.Admin);
        one.Str("user").Should().Be(user.User);
        one.GetProperty("started").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        await (await _host.GetAsync("/admin/sessions/no-such-session", ManagerHost.Admin)).ShouldBeProblemAsync(404, "no-such-session");
    }

    [Fact]
    public async Task Admin_changes_appear_in_the_audit_with_the_acting_admin()
    {
        var admin = await _host.CreateUserAsync(Unique("auditor"), true);
        var group = Unique("ag");
        var app = Unique("aa");
        var user = await _host.CreateUserAsync();
        var (_, session) = await _host.HelloAsync(user);
        await _host.PutJsonAsync($"/admin/groups/{group}", admin, null);
        await _host.PutJsonAsync($"/admin/groups/{group}/users/{user.User}", admin, null);
        await _host.PostJsonAsync("/admin/apps", admin, Definitions.Window(app));
        await _host.PutJsonAsync($"/admin/apps/{app}/access", admin, new { groups = new[] { group } });
        await (await _host.PostAsync("/admin/layouts", admin, new { id = app + "-layout", name = "L", type = "Global", definition = "{}" })).JsonAsync();
        await (await _host.PostAsync($"/admin/sessions/{session}/commands", admin, new { command = "ping" })).JsonAsync();
        await (await _host.DeleteAsync($"/admin/apps/{app}", admin)).ShouldBeAsync(HttpStatusCode.NoContent);

        var audit = await _host.GetJsonAsync("/admin/audit", ManagerHost.Admin);
        var byAdmin = audit.EnumerateArray().Where(e => e.Str("actor") == admin.User).Select(e => (e.Str("action"), e.Str("target"))).ToList();
        byAdmin.Should().Equal(
            ("app.delete", app),
            ("command.queue", byAdmin[1].Item2),
            ("layout.put", app + "-layout"),
            ("app.access", app),
            ("app.put", app),
            ("group.add-user", $"{group}/{user.User}"),
            ("group.put", group));
        byAdmin[1].Item2.Should().StartWith(session + "/");
        audit.EnumerateArray().Should().Contain(e => e.Str("actor") == ManagerHost.Admin.User && e.Str("action") == "user.put" && e.Str("target") == admin.User);
        audit.EnumerateArray().First().GetProperty("at").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

        (await _host.GetJsonAsync("/admin/audit?limit=2", ManagerHost.Admin)).GetArrayLength().Should().Be(2);
        await (await _host.GetAsync("/admin/audit?limit=0", ManagerHost.Admin)).ShouldBeProblemAsync(400, "limit", "'0'");
        await (await _host.GetAsync("/admin/audit?limit=lots", ManagerHost.Admin)).ShouldBeProblemAsync(400, "limit", "'lots'");
        await (await _host.GetAsync("/admin/audit?limit=10001", ManagerHost.Admin)).ShouldBeProblemAsync(400, "limit");
    }

    [Fact]
    public async Task A_refused_change_is_not_audited()
    {
        var admin = await _host.CreateUserAsync(Unique("refused"), true);
        await (await _host.DeleteAsync("/admin/groups/no-such-group", admin)).ShouldBeProblemAsync(404);
        await (await _host.PostAsync("/admin/apps", admin, "{ \"name\": 1 }")).ShouldBeProblemAsync(400);
        var audit = await _host.GetJsonAsync("/admin/audit?limit=10000", ManagerHost.Admin);
        audit.EnumerateArray().Where(e => e.Str("actor") == admin.User).Should().BeEmpty();
    }
}
