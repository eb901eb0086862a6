namespace IoActors.Manager.Tests.Admin;

/// <summary>/admin/users, /admin/groups and /admin/groups/{g}/users/{u}.</summary>
public sealed class AdminUsersAndGroupsTests(SharedManager shared) : IClassFixture<SharedManager>
{
    private readonly ManagerHost _host = shared.Host;

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Users_are_created_read_changed_listed_and_deleted()
    {
        var group = await _host.CreateGroupAsync();
        var id = Unique("u");
        var created = await _host.PostJsonAsync("/admin/users", ManagerHost.Admin, new { id, password = "first-password", email = "u@example.com", groups = new[] { group } });
        var user = created.EnumerateArray().Should().ContainSingle().Subject;
        user.Str("id").Should().Be(id);
        user.GetProperty("hasPassword").GetBoolean().Should().BeTrue();
        user.TryGetProperty("password", out _).Should().BeFalse("no password or hash is ever served");
        user.TryGetProperty("passwordHash", out _).Should().BeFalse();

        var read = await _host.GetJsonAsync($"/admin/users/{id.ToUpperInvariant()}", ManagerHost.Admin);
        read.Str("email").Should().Be("u@example.com");
        read.Strings("groups").Should().Equal(group);
        read.GetProperty("admin").GetBoolean().Should().BeFalse();

        // PUT changes the given fields only; a new password replaces the old one.
        var changed = await _host.PutJsonAsync($"/admin/users/{id}", ManagerHost.Admin, new { admin = true, password = "second-password" });
        changed.GetProperty("admin").GetBoolean().Should().BeTrue();
        changed.Str("email").Should().Be("u@example.com");
        changed.Strings("groups").Should().Equal(group);
        await (await _host.GetAsync("/user", Creds.Basic(id, "first-password"))).ShouldBeProblemAsync(401);
        (await _host.GetJsonAsync("/admin/users", Creds.Basic(id, "second-password"))).Each("id").Should().Contain([id, ManagerHost.Admin.User]);

        await (await _host.DeleteAsync($"/admin/users/{id}", ManagerHost.Admin)).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await _host.GetAsync($"/admin/users/{id}", ManagerHost.Admin)).ShouldBeProblemAsync(404, id);
        await (await _host.DeleteAsync($"/admin/users/{id}", ManagerHost.Admin)).ShouldBeProblemAsync(404, id);
        await (await _host.GetAsync("/user", Creds.Basic(id, "second-password"))).ShouldBeProblemAsync(401);
    }

    [Fact]
    public async Task An_array_of_users_is_stored_together_or_not_at_all()
    {
        var (a, b) = (Unique("ua"), Unique("ub"));
        var stored = await _host.PostJsonAsync("/admin/users", ManagerHost.Admin, new object[] { new { id = a }, new { id = b, admin = true } });
        stored.Each("id").Should().Equal(a, b);

        var c = Unique("uc");
        await (await _host.PostAsync("/admin/users", ManagerHost.Admin, new object[] { new { id = c }, new { id = Unique("ud"), groups = new[] { "no-such-group" } } })).ShouldBeProblemAsync(400, "no-such-group");
        await (await _host.GetAsync($"/admin/users/{c}", ManagerHost.Admin)).ShouldBeProblemAsync(404, c);
        await (await _host.PostAsync("/admin/users", ManagerHost.Admin, new object[] { new { id = c }, new { } })).ShouldBeProblemAsync(400, "[1].id: required");
        await (await _host.PostAsync("/admin/users", ManagerHost.Admin, new object[] { new { id = c }, 5 })).ShouldBeProblemAsync(400, "[1].user: 5 must be an object");
        await (await _host.GetAsync($"/admin/users/{c}", ManagerHost.Admin)).ShouldBeProblemAsync(404, c);
    }

    [Theory]
    [InlineData("{}", "id: required")]
    [InlineData("{ \"id\": 7 }", "id: 7 must be a string")]
    [InlineData("{ \"id\": \"x\\u0000y\" }", "id:", "control")]
    [InlineData("{ \"id\": \"short-pw\", \"password\": \"1234567\" }", "password: at least 8 characters")]
    [InlineData("{ \"id\": \"pw-type\", \"password\": 12345678 }", "password: 12345678 must be a string")]
    [InlineData("{ \"id\": \"adm\", \"admin\": \"true\" }", "admin: \"true\" must be true or false")]
    [InlineData("{ \"id\": \"grp\", \"groups\": \"g\" }", "groups: \"g\" must be an array of strings")]
    [InlineData("{ \"id\": \"grp\", \"groups\": [1] }", "groups[0]: 1 must be a string")]
    [InlineData("{ \"id\": \"mail\", \"email\": false }", "email: false must be a string")]
    [InlineData("\"just a string\"", "user: \"just a string\" must be an object")]
    [InlineData("{ \"id\": ", "not valid JSON")]
    public async Task A_bad_user_is_refused_naming_the_field(string body, params string[] named)
    {
        await (await _host.PostAsync("/admin/users", ManagerHost.Admin, body)).ShouldBeProblemAsync(400, named);
    }

    [Fact]
    public async Task Put_user_refuses_a_bad_body_and_names_the_path_id()
    {
        await (await _host.PutAsync("/admin/users/someone", ManagerHost.Admin, "[]")).ShouldBeProblemAsync(400, "an object is required");
        await (await _host.PutAsync("/admin/users/someone", ManagerHost.Admin, new { password = "short" })).ShouldBeProblemAsync(400, "password");
        await (await _host.PutAsync("/admin/users/bad%01id", ManagerHost.Admin, new { })).ShouldBeProblemAsync(400, "id:", "control");
        var created = await _host.PutJsonAsync("/admin/users/put-created", ManagerHost.Admin, new { email = "p@example.com" });
        created.Str("id").Should().Be("put-created");
    }

    [Fact]
    public async Task Groups_are_created_listed_with_members_and_deleted()
    {
        var group = Unique("g");
        (await _host.PutJsonAsync($"/admin/groups/{group}", ManagerHost.Admin, null)).Str("name").Should().Be(group);
        (await _host.PutJsonAsync($"/admin/groups/{group}", ManagerHost.Admin, null)).Str("name").Should().Be(group, "putting it again is harmless");
        var member = await _host.CreateUserAsync();
        var added = await _host.PutJsonAsync($"/admin/groups/{group}/users/{member.User}", ManagerHost.Admin, null);
        added.Strings("groups").Should().Equal(group);
        await _host.PutJsonAsync($"/admin/groups/{group}/users/{member.User}", ManagerHost.Admin, null);

        var groups = await _host.GetJsonAsync("/admin/groups", ManagerHost.Admin);
        groups.EnumerateArray().Single(g => g.Str("name") == group).Strings("users").Should().Equal(member.User);
        (await _host.GetJsonAsync("/user", member)).Strings("groups").Should().Equal(group);

        await (await _host.DeleteAsync($"/admin/groups/{group}/users/{member.User}", ManagerHost.Admin)).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await _host.DeleteAsync($"/admin/groups/{group}/users/{member.User}", ManagerHost.Admin)).ShouldBeAsync(HttpStatusCode.NoContent);
        (await _host.GetJsonAsync("/user", member)).Strings("groups").Should().BeEmpty();

        await (await _host.DeleteAsync($"/admin/groups/{group}", ManagerHost.Admin)).ShouldBeAsync(HttpStatusCode.NoContent);
        (await _host.GetJsonAsync("/admin/groups", ManagerHost.Admin)).Each("name").Should().NotContain(group);
        await (await _host.DeleteAsync($"/admin/groups/{group}", ManagerHost.Admin)).ShouldBeProblemAsync(404, group);
    }

    [Fact]
    public async Task Membership_of_unknown_groups_or_users_is_404_and_bad_names_are_400()
    {
        var group = await _host.CreateGroupAsync();
        var user = await _host.CreateUserAsync();
        await (await _host.PutAsync($"/admin/groups/no-such-group/users/{user.User}", ManagerHost.Admin, null)).ShouldBeProblemAsync(404, "no-such-group");
        await (await _host.PutAsync($"/admin/groups/{group}/users/no-such-user", ManagerHost.Admin, null)).ShouldBeProblemAsync(404, "no-such-user");
        await (await _host.DeleteAsync($"/admin/groups/no-such-group/users/{user.User}", ManagerHost.Admin)).ShouldBeProblemAsync(404, "no-such-group");
        await (await _host.DeleteAsync($"/admin/groups/{group}/users/no-such-user", ManagerHost.Admin)).ShouldBeProblemAsync(404, "no-such-user");
        await (await _host.PutAsync("/admin/groups/bad%0Agroup", ManagerHost.Admin, null)).ShouldBeProblemAsync(400, "name:", "control");
        await (await _host.PutAsync($"/admin/groups/{new string('g', 300)}", ManagerHost.Admin, null)).ShouldBeProblemAsync(400, "name:", "300 characters");
    }

    [Fact]
    public async Task DeleteUser_WithAnOpenSession_TheSessionTokenIsRefusedAfterwards()
    {
        var user = await _host.CreateUserAsync();
        var (token, _) = await _host.HelloAsync(user);
        await (await _host.GetAsync("/user/apps", Creds.Session(token))).ShouldBeAsync(HttpStatusCode.OK);

        await (await _host.DeleteAsync($"/admin/users/{user.User}", ManagerHost.Admin)).ShouldBeAsync(HttpStatusCode.NoContent);

        await (await _host.GetAsync("/user/apps", Creds.Session(token))).ShouldBeProblemAsync(401, "session");
    }
}

/// <summary>manager.limits.maxUsers.</summary>
public sealed class UserLimitTests
{
    [Fact]
    public async Task Past_max_users_is_409()
    {
        await using var host = await ManagerHost.StartAsync(o => o.Limits.MaxUsers = 2);
        await (await host.PostAsync("/admin/users", ManagerHost.Admin, new { id = "second" })).JsonAsync();
        await (await host.PostAsync("/admin/users", ManagerHost.Admin, new { id = "third" })).ShouldBeProblemAsync(409, "maxUsers");
        await (await host.PutAsync("/admin/users/second", ManagerHost.Admin, new { email = "s@example.com" })).JsonAsync();
    }
}
