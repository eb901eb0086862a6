namespace IoActors.Manager.Tests.User;

/// <summary>/user/layouts: the user's private layouts, the shared ones visible to them, the default.</summary>
public sealed class LayoutTests(SharedManager shared) : IClassFixture<SharedManager>
{
    private readonly ManagerHost _host = shared.Host;

    private async Task<JsonElement> SaveAsync(Creds user, object layout) => await _host.PostJsonAsync("/user/layouts", user, layout);

    [Fact]
    public async Task Save_list_replace_rename_and_delete_a_layout()
    {
        var user = await _host.CreateUserAsync();
        var saved = await SaveAsync(user, new { name = "Morning", type = "Global", definition = "{\"name\":\"Morning\",\"components\":[]}" });
        var id = saved.Str("id");
        saved.Str("owner").Should().Be(user.User);
        saved.GetProperty("default").GetBoolean().Should().BeFalse();

        var list = await _host.GetJsonAsync("/user/layouts", user);
        list.Each("id").Should().Equal(id);
        list[0].Str("definition").Should().Be("{\"name\":\"Morning\",\"components\":[]}");

        // The same type and name replaces it (same id); so does the id.
        (await SaveAsync(user, new { name = "Morning", type = "Global", definition = "{\"v\":2}" })).Str("id").Should().Be(id);
        (await SaveAsync(user, new { id, name = "Morning", type = "Global", definition = "{\"v\":3}" })).Str("definition").Should().Be("{\"v\":3}");
        (await _host.GetJsonAsync("/user/layouts", user)).GetArrayLength().Should().Be(1);

        var renamed = await _host.PostJsonAsync($"/user/layouts/{id}/rename", user, new { newName = "Evening" });
        renamed.Str("name").Should().Be("Evening");
        (await _host.GetJsonAsync("/user/layouts", user)).Each("name").Should().Equal("Evening");

        await (await _host.DeleteAsync($"/user/layouts/{id}", user)).ShouldBeAsync(HttpStatusCode.NoContent);
        (await _host.GetJsonAsync("/user/layouts", user)).GetArrayLength().Should().Be(0);
        await (await _host.DeleteAsync($"/user/layouts/{id}", user)).ShouldBeProblemAsync(404, id);
    }

    [Fact]
    public async Task Rename_keeps_the_name_in_the_definition_in_step_and_refuses_a_taken_name()
    {
        var user = await _host.CreateUserAsync();
        var a = (await SaveAsync(user, new { name = "A", type = "Workspace", definition = "{\"name\":\"A\",\"x\":1}" })).Str("id");
        await SaveAsync(user, new { name = "B", type = "Workspace", definition = "{\"name\":\"B\"}" });
        var renamed = await _host.PostJsonAsync($"/user/layouts/{a}/rename", user, new { newName = "C" });
        JsonDocument.Parse(renamed.Str("definition")).RootElement.Str("name").Should().Be("C");
        await (await _host.PostAsync($"/user/layouts/{a}/rename", user, new { newName = "B" })).ShouldBeProblemAsync(409, "newName", "'B'");
        await (await _host.PostAsync("/user/layouts/no-such-layout/rename", user, new { newName = "D" })).ShouldBeProblemAsync(404, "no-such-layout");
        await (await _host.PostAsync($"/user/layouts/{a}/rename", user, new { newName = 5 })).ShouldBeProblemAsync(400, "newName: 5 must be a string");
        await (await _host.PostAsync($"/user/layouts/{a}/rename", user, "{}")).ShouldBeProblemAsync(400, "newName: required");
    }

    [Fact]
    public async Task The_default_layout_is_chosen_cleared_and_follows_deletion()
    {
        var user = await _host.CreateUserAsync();
        await (await _host.GetAsync("/user/layouts/default", user)).ShouldBeAsync(HttpStatusCode.NoContent);
        var a = (await SaveAsync(user, new { name = "A", type = "Global", definition = "{}", @default = true })).Str("id");
        var b = (await SaveAsync(user, new { name = "B", type = "Global", definition = "{}" })).Str("id");
        (await _host.GetJsonAsync("/user/layouts/default", user)).Str("id").Should().Be(a);

        (await _host.PostJsonAsync("/user/layouts/default", user, new { id = b })).Str("id").Should().Be(b);
        var list = await _host.GetJsonAsync("/user/layouts", user);
        list.EnumerateArray().Where(l => l.GetProperty("default").GetBoolean()).Select(l => l.Str("id")).Should().Equal(b);

        await (await _host.PostAsync("/user/layouts/default", user, new { id = "no-such" })).ShouldBeProblemAsync(404, "id", "no-such");
        await (await _host.PostAsync("/user/layouts/default", user, new { id = 3 })).ShouldBeProblemAsync(400, "id: 3 must be a string");

        // Saving with default false clears it when it was the default.
        await SaveAsync(user, new { id = b, name = "B", type = "Global", definition = "{}", @default = false });
        await (await _host.GetAsync("/user/layouts/default", user)).ShouldBeAsync(HttpStatusCode.NoContent);

        await _host.PostJsonAsync("/user/layouts/default", user, new { id = a });
        await (await _host.DeleteAsync($"/user/layouts/{a}", user)).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await _host.GetAsync("/user/layouts/default", user)).ShouldBeAsync(HttpStatusCode.NoContent);

        await _host.PostJsonAsync("/user/layouts/default", user, new { id = b });
        await (await _host.PostAsync("/user/layouts/default", user, new { id = (string?)null })).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await _host.GetAsync("/user/layouts/default", user)).ShouldBeAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Delete_all_clears_the_private_layouts_and_keeps_the_shared_ones()
    {
        var user = await _host.CreateUserAsync();
        var sharedId = "shared-" + Guid.NewGuid().ToString("N")[..8];
        await (await _host.PostAsync("/admin/layouts", ManagerHost.Admin, new { id = sharedId, name = "Shared " + sharedId, type = "Global", definition = new { name = "x" }, accessList = new[] { user.User } })).ShouldBeAsync(HttpStatusCode.Created);
        await SaveAsync(user, new { name = "Mine1", type = "Global", definition = "{}" });
        await SaveAsync(user, new { name = "Mine2", type = "Workspace", definition = "{}" });
        (await _host.GetJsonAsync("/user/layouts", user)).GetArrayLength().Should().Be(3);

        var left = await (await _host.DeleteAsync("/user/layouts", user)).JsonAsync();
        left.Each("id").Should().Equal(sharedId);
        (await _host.GetJsonAsync("/user/layouts", user)).Each("id").Should().Equal(sharedId);
        await (await _host.DeleteAsync("/user/layouts/", user)).JsonAsync();
    }

    [Fact]
    public async Task Shared_layouts_are_seen_when_public_or_listed_and_a_shared_default_applies_until_the_user_chooses()
    {
        var group = await _host.CreateGroupAsync();
        var member = await _host.CreateUserAsync(null, false, group);
        var named = await _host.CreateUserAsync();
        var outsider = await _host.CreateUserAsync();
        var type = "T" + Guid.NewGuid().ToString("N")[..6];
        var forGroup = (await (await _host.PostAsync("/admin/layouts", ManagerHost.Admin, new { name = "G", type, definition = "{}", accessList = new[] { group }, @default = true })).JsonAsync()).Str("id");
        var forUser = (await (await _host.PostAsync("/admin/layouts", ManagerHost.Admin, new { name = "U", type, definition = "{}", accessList = new[] { named.User } })).JsonAsync()).Str("id");

        var memberLayouts = await _host.GetJsonAsync("/user/layouts", member);
        memberLayouts.Each("id").Should().Contain(forGroup).And.NotContain(forUser);
        memberLayouts.EnumerateArray().Single(l => l.Str("id") == forGroup).GetProperty("default").GetBoolean().Should().BeTrue();
        (await _host.GetJsonAsync("/user/layouts/default", member)).Str("id").Should().Be(forGroup);
        (await _host.GetJsonAsync("/user/layouts", named)).Each("id").Should().Contain(forUser).And.NotContain(forGroup);
        (await _host.GetJsonAsync("/user/layouts", outsider)).Each("id").Should().NotContain([forGroup, forUser]);

        // The member's own choice wins over the shared default; a user cannot choose a shared layout not shared with them.
        var mine = (await SaveAsync(member, new { name = "Mine", type, definition = "{}", @default = true })).Str("id");
        (await _host.GetJsonAsync("/user/layouts/default", member)).Str("id").Should().Be(mine);
        await (await _host.PostAsync("/user/layouts/default", outsider, new { id = forGroup })).ShouldBeProblemAsync(404, forGroup);

        // A shared id cannot be overwritten through the user API.
        await (await _host.PostAsync("/user/layouts", member, new { id = forGroup, name = "G", type, definition = "{\"hacked\":true}" })).ShouldBeProblemAsync(403, forGroup, "shared");
        (await _host.GetJsonAsync($"/admin/layouts/{forGroup}", ManagerHost.Admin)).Str("definition").Should().Be("{}");
    }

    [Theory]
    [InlineData("{ \"type\": \"Global\", \"definition\": \"{}\" }", "name: required")]
    [InlineData("{ \"name\": \"n\", \"definition\": \"{}\" }", "type: required")]
    [InlineData("{ \"name\": \"n\", \"type\": \"Global\" }", "definition: required")]
    [InlineData("{ \"name\": 1, \"type\": \"Global\", \"definition\": \"{}\" }", "name: 1 must be a string")]
    [InlineData("{ \"name\": \"n\", \"type\": [], \"definition\": \"{}\" }", "type: [] must be a string")]
    [InlineData("{ \"name\": \"n\", \"type\": \"Global\", \"definition\": \"{}\", \"default\": \"yes\" }", "default: \"yes\" must be true or false")]
    [InlineData("{ \"name\": \"n\", \"type\": \"Global\", \"definition\": \"{}\", \"id\": 9 }", "id: 9 must be a string")]
    [InlineData("{ \"name\": \"bad\\u0001name\", \"type\": \"Global\", \"definition\": \"{}\" }", "name:", "control")]
    [InlineData("{ \"name\": \"   \", \"type\": \"Global\", \"definition\": \"{}\" }", "name: required")]
    [InlineData("[{ \"name\": \"n\" }]", "an object is required")]
    [InlineData("{ \"name\": \"n\", ", "not valid JSON")]
    public async Task Save_refuses_a_bad_layout_naming_the_field(string body, params string[] named)
    {
        var user = await _host.CreateUserAsync();
        await (await _host.PostAsync("/user/layouts", user, body)).ShouldBeProblemAsync(400, named);
        (await _host.GetJsonAsync("/user/layouts", user)).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_name_longer_than_256_characters_is_refused()
    {
        var user = await _host.CreateUserAsync();
        await (await _host.PostAsync("/user/layouts", user, new { name = new string('n', 300), type = "Global", definition = "{}" })).ShouldBeProblemAsync(400, "name", "300 characters");
    }
}

/// <summary>The per-user bounds: manager.limits.maxLayoutsPerUser and maxUserStateBytes.</summary>
public sealed class UserStateLimitTests
{
    [Fact]
    public async Task Past_the_layout_count_is_409_and_past_the_state_size_is_413_naming_the_limit()
    {
        await using var host = await ManagerHost.StartAsync(o =>
        {
            o.Limits.MaxLayoutsPerUser = 2;
            o.Limits.MaxUserStateBytes = 4096;
        });
        var user = await host.CreateUserAsync();
        await (await host.PostAsync("/user/layouts", user, new { name = "1", type = "Global", definition = "{}" })).JsonAsync();
        await (await host.PostAsync("/user/layouts", user, new { name = "2", type = "Global", definition = "{}" })).JsonAsync();
        await (await host.PostAsync("/user/layouts", user, new { name = "3", type = "Global", definition = "{}" })).ShouldBeProblemAsync(409, "maxLayoutsPerUser", "2");

        // Replacing one is no new layout.
        await (await host.PostAsync("/user/layouts", user, new { name = "2", type = "Global", definition = "{\"v\":2}" })).JsonAsync();

        var big = "{\"x\":\"" + new string('x', 5000) + "\"}";
        await (await host.PostAsync("/user/layouts", user, new { name = "2", type = "Global", definition = big })).ShouldBeProblemAsync(413, "maxUserStateBytes", "4096");
        await (await host.PostAsync("/user/prefs", user, $"{{ \"app\": \"a\", \"data\": {big} }}")).ShouldBeProblemAsync(413, "maxUserStateBytes");

        // Another user has their own budget.
        var other = await host.CreateUserAsync();
        await (await host.PostAsync("/user/layouts", other, new { name = "1", type = "Global", definition = "{}" })).JsonAsync();
    }
}
