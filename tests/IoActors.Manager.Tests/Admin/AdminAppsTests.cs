namespace IoActors.Manager.Tests.Admin;

/// <summary>/admin/apps: adding, importing, reading, replacing and removing definitions, and who sees them.</summary>
public sealed class AdminAppsTests(SharedManager shared) : IClassFixture<SharedManager>
{
    private readonly ManagerHost _host = shared.Host;

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<List<string>> StoredAsync() => (await _host.GetJsonAsync("/admin/apps", ManagerHost.Admin)).Each("name");

    [Fact]
    public async Task One_definition_an_array_or_an_applications_object_is_stored()
    {
        var (one, two, three, four) = (Unique("one"), Unique("two"), Unique("three"), Unique("four"));
        var single = await _host.PostJsonAsync("/admin/apps", ManagerHost.Admin, Definitions.Window(one));
        single.Strings("stored").Should().Equal(one);
        single.GetProperty("apps")[0].GetProperty("definition").Str("title").Should().Be($"{one} title");

        (await _host.PostJsonAsync("/admin/apps", ManagerHost.Admin, $"[{Definitions.Window(two)}, {Definitions.Window(three)}]")).Strings("stored").Should().Equal(two, three);
        (await _host.PostJsonAsync("/admin/apps", ManagerHost.Admin, $"{{ \"applications\": [{Definitions.Window(four)}] }}")).Strings("stored").Should().Equal(four);
        (await StoredAsync()).Should().Contain([one, two, three, four]);

        var read = await _host.GetJsonAsync($"/admin/apps/{one.ToUpperInvariant()}", ManagerHost.Admin);
        read.Str("name").Should().Be(one);
        read.GetProperty("definition").GetProperty("details").Str("url").Should().Be($"https://example.com/{one}");
        read.GetProperty("access").GetProperty("everyone").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task A_bad_definition_among_good_ones_stores_nothing_and_the_errors_are_positioned()
    {
        var (good, bad) = (Unique("good"), Unique("bad"));
        var body = $"[\n  {Definitions.Window(good)},\n  {{ \"name\": \"{bad}\", \"type\": \"window\", \"details\": {{ \"url\": 42 }} }}\n]";
        var problem = await (await _host.PostAsync("/admin/apps", ManagerHost.Admin, body)).ShouldBeProblemAsync(400, "nothing was stored", "details.url");
        var error = problem.GetProperty("errors").EnumerateArray().Single(e => e.Str("severity") == "error");
        error.GetProperty("line").GetInt32().Should().Be(3);
        error.GetProperty("column").GetInt32().Should().BeGreaterThan(1);
        error.Str("path").Should().Be("details.url");
        error.Str("app").Should().Be(bad);
        error.Str("message").Should().NotBeNullOrEmpty();
        (await StoredAsync()).Should().NotContain([good, bad]);
    }

    [Fact]
    public async Task Malformed_JSON_is_refused_at_its_line_and_column()
    {
        var problem = await (await _host.PostAsync("/admin/apps", ManagerHost.Admin, "[\n  { \"name\": \"x\",\n    \"type\" \"window\" }\n]")).ShouldBeProblemAsync(400, "invalid JSON");
        var error = problem.GetProperty("errors")[0];
        error.GetProperty("line").GetInt32().Should().Be(3);
        error.GetProperty("column").GetInt32().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Missing_fields_and_wrong_types_are_refused_naming_the_path()
    {
        (await (await _host.PostAsync("/admin/apps", ManagerHost.Admin, "{ \"type\": \"window\", \"details\": { \"url\": \"https://x\" } }")).ShouldBeProblemAsync(400, "name"))
            .GetProperty("errors").EnumerateArray().Should().Contain(e => e.Str("severity") == "error");
        await (await _host.PostAsync("/admin/apps", ManagerHost.Admin, "{ \"name\": 5, \"type\": \"window\", \"details\": { \"url\": \"https://x\" } }")).ShouldBeProblemAsync(400, "name");
        await (await _host.PostAsync("/admin/apps", ManagerHost.Admin, "[]")).ShouldBeProblemAsync(400, "no app definition");
        await (await _host.PostAsync("/admin/apps", ManagerHost.Admin, "42")).ShouldBeProblemAsync(400);
        await (await _host.SendAsync(HttpMethod.Post, "/admin/apps", ManagerHost.Admin, new ByteArrayContent([]))).ShouldBeProblemAsync(400, "empty");
    }

    [Fact]
    public async Task A_folder_import_reads_its_json_files_and_stores_nothing_when_one_is_bad()
    {
        var folder = Path.Combine(_host.Folder, Unique("defs"));
        Directory.CreateDirectory(folder);
        var (a, b) = (Unique("fa"), Unique("fb"));
        await File.WriteAllTextAsync(Path.Combine(folder, "a.json"), Definitions.Window(a));
        await File.WriteAllTextAsync(Path.Combine(folder, "b.json"), $"[{Definitions.Window(b)}]");
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not a definition");

        var group = await _host.CreateGroupAsync();
        var imported = await _host.PostJsonAsync("/admin/apps/import", ManagerHost.Admin, new { folder, access = new { groups = new[] { group } } });
        imported.Strings("stored").Should().BeEquivalentTo([a, b]);
        (await _host.GetJsonAsync($"/admin/apps/{a}/access", ManagerHost.Admin)).Strings("groups").Should().Equal(group);

        var c = Unique("fc");
        await File.WriteAllTextAsync(Path.Combine(folder, "c.json"), Definitions.Window(c));
        await File.WriteAllTextAsync(Path.Combine(folder, "d.json"), "{\n  \"name\": \"broken\",\n  \"type\": \"window\",\n  \"details\": { \"url\": false }\n}");
        var problem = await (await _host.PostAsync("/admin/apps/import", ManagerHost.Admin, new { folder })).ShouldBeProblemAsync(400, "nothing was stored", "d.json");
        var error = problem.GetProperty("errors").EnumerateArray().Single(e => e.Str("severity") == "error");
        error.Str("source").Should().EndWith("d.json");
        error.GetProperty("line").GetInt32().Should().Be(4);
        error.Str("path").Should().Be("details.url");
        (await StoredAsync()).Should().NotContain(c);
    }

    [Fact]
    public async Task A_folder_import_refuses_a_missing_folder_an_empty_one_and_a_bad_body()
    {
        var missing = Path.Combine(_host.Folder, "no-such-folder");
        await (await _host.PostAsync("/admin/apps/import", ManagerHost.Admin, new { folder = missing })).ShouldBeProblemAsync(400, "folder", missing);
        var empty = Path.Combine(_host.Folder, Unique("empty"));
        Directory.CreateDirectory(empty);
        await (await _host.PostAsync("/admin/apps/import", ManagerHost.Admin, new { folder = empty })).ShouldBeProblemAsync(400, "folder", "no *.json files");
        await (await _host.PostAsync("/admin/apps/import", ManagerHost.Admin, "{}")).ShouldBeProblemAsync(400, "folder: required");
        await (await _host.PostAsync("/admin/apps/import", ManagerHost.Admin, new { folder = 1 })).ShouldBeProblemAsync(400, "folder: 1 must be a string");
        await (await _host.PostAsync("/admin/apps/import", ManagerHost.Admin, "[]")).ShouldBeProblemAsync(400, "an object is required");
    }

    [Fact]
    public async Task Put_replaces_one_app_and_refuses_a_name_that_is_not_the_paths()
    {
        var name = Unique("put");
        await _host.PostJsonAsync("/admin/apps", ManagerHost.Admin, Definitions.Window(name));
        var replaced = await _host.PutJsonAsync($"/admin/apps/{name}", ManagerHost.Admin, Definitions.Window(name).Replace(" title\"", " v2\"", StringComparison.Ordinal));
        replaced.GetProperty("apps")[0].GetProperty("definition").Str("title").Should().Be($"{name} v2");

        await (await _host.PutAsync($"/admin/apps/{name}", ManagerHost.Admin, Definitions.Window("other-name"))).ShouldBeProblemAsync(400, "name", "other-name", name);
        await (await _host.PutAsync($"/admin/apps/{name}", ManagerHost.Admin, $"[{Definitions.Window(name)}, {Definitions.Window(name + "-x")}]")).ShouldBeProblemAsync(400, "exactly one definition");
        await (await _host.PutAsync($"/admin/apps/{name}", ManagerHost.Admin, "{ \"name\": ")).ShouldBeProblemAsync(400, "invalid JSON");
    }

    [Fact]
    public async Task Unknown_apps_are_404()
    {
        await (await _host.GetAsync("/admin/apps/no-such-app", ManagerHost.Admin)).ShouldBeProblemAsync(404, "no-such-app");
        await (await _host.DeleteAsync("/admin/apps/no-such-app", ManagerHost.Admin)).ShouldBeProblemAsync(404, "no-such-app");
        await (await _host.GetAsync("/admin/apps/no-such-app/access", ManagerHost.Admin)).ShouldBeProblemAsync(404, "no-such-app");
        await (await _host.PutAsync("/admin/apps/no-such-app/access", ManagerHost.Admin, new { everyone = true })).ShouldBeProblemAsync(404, "no-such-app");
    }

    [Fact]
    public async Task Access_refuses_unknown_groups_and_wrong_types_naming_them()
    {
        var name = Unique("acc");
        await _host.PostJsonAsync("/admin/apps", ManagerHost.Admin, Definitions.Window(name));
        await (await _host.PutAsync($"/admin/apps/{name}/access", ManagerHost.Admin, new { groups = new[] { "no-such-group" } })).ShouldBeProblemAsync(400, "access.groups", "no-such-group");
        await (await _host.PutAsync($"/admin/apps/{name}/access", ManagerHost.Admin, new { everyone = "yes" })).ShouldBeProblemAsync(400, "everyone: \"yes\" must be true or false");
        await (await _host.PutAsync($"/admin/apps/{name}/access", ManagerHost.Admin, new { users = "bob" })).ShouldBeProblemAsync(400, "users: \"bob\" must be an array of strings");
        await (await _host.PutAsync($"/admin/apps/{name}/access", ManagerHost.Admin, new { users = new object[] { "ok", 3 } })).ShouldBeProblemAsync(400, "users[1]: 3 must be a string");
        await (await _host.PutAsync($"/admin/apps/{name}/access", ManagerHost.Admin, "[]")).ShouldBeProblemAsync(400, "an object is required");
        await (await _host.PostAsync($"/admin/apps?everyone=maybe", ManagerHost.Admin, Definitions.Window(name))).ShouldBeProblemAsync(400, "everyone", "maybe");
        await (await _host.PostAsync($"/admin/apps?groups=no-such-group", ManagerHost.Admin, Definitions.Window(name))).ShouldBeProblemAsync(400, "no-such-group");
        (await _host.GetJsonAsync($"/admin/apps/{name}/access", ManagerHost.Admin)).GetProperty("everyone").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Adding_again_without_access_keeps_the_access_and_with_access_replaces_it()
    {
        var group = await _host.CreateGroupAsync();
        var name = Unique("keep");
        await _host.AddAppsAsync($"groups={group}", name);
        await _host.AddAppsAsync(string.Empty, name);
        (await _host.GetJsonAsync($"/admin/apps/{name}/access", ManagerHost.Admin)).Strings("groups").Should().Equal(group);
        await _host.AddAppsAsync("everyone=true", name);
        var access = await _host.GetJsonAsync($"/admin/apps/{name}/access", ManagerHost.Admin);
        access.GetProperty("everyone").GetBoolean().Should().BeTrue();
        access.Strings("groups").Should().BeEmpty();
    }
}

/// <summary>manager.limits.maxApps.</summary>
public sealed class AppLimitTests
{
    [Fact]
    public async Task Past_max_apps_is_409_and_nothing_of_the_request_is_stored()
    {
        await using var host = await ManagerHost.StartAsync(o => o.Limits.MaxApps = 2);
        await host.AddAppsAsync(string.Empty, "a1");
        await (await host.PostAsync("/admin/apps", ManagerHost.Admin, $"[{Definitions.Window("a2")}, {Definitions.Window("a3")}]")).ShouldBeProblemAsync(409, "maxApps", "2");
        (await host.GetJsonAsync("/admin/apps", ManagerHost.Admin)).Each("name").Should().Equal("a1");
        await host.AddAppsAsync(string.Empty, "a1", "a2");
    }
}
