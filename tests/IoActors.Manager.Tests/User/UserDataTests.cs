namespace IoActors.Manager.Tests.User;

/// <summary>GET /user and POST /user (the data refresh with per-category checksums).</summary>
public sealed class UserDataTests(SharedManager shared) : IClassFixture<SharedManager>
{
    private readonly ManagerHost _host = shared.Host;

    [Fact]
    public async Task Get_user_names_the_user_groups_apps_and_admin_flag()
    {
        var group = await _host.CreateGroupAsync();
        var name = "me-" + Guid.NewGuid().ToString("N")[..6];
        await (await _host.PostAsync("/admin/users", ManagerHost.Admin, new { id = name, password = "password-1", email = "me@example.com", groups = new[] { group } })).JsonAsync();
        var app = "app-" + Guid.NewGuid().ToString("N")[..6];
        await _host.AddAppsAsync($"groups={group}", app);

        var me = await _host.GetJsonAsync("/user", Creds.Basic(name, "password-1"));
        me.Str("id").Should().Be(name);
        me.Str("email").Should().Be("me@example.com");
        me.Strings("groups").Should().Equal(group);
        me.Strings("apps").Should().Equal(app);
        me.GetProperty("admin").GetBoolean().Should().BeFalse();

        (await _host.GetJsonAsync("/user", ManagerHost.Admin)).GetProperty("admin").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Post_user_answers_each_asked_category_and_nothing_changed_for_a_matching_checksum()
    {
        var group = await _host.CreateGroupAsync();
        var user = await _host.CreateUserAsync(null, false, group);
        var app = "app-" + Guid.NewGuid().ToString("N")[..6];
        await _host.AddAppsAsync($"groups={group}", app);
        var (token, _) = await _host.HelloAsync(user);
        var all = new { applications = new { include = true }, layouts = new { include = true }, commands = new { include = true }, configs = new { include = true } };

        var first = await _host.PostJsonAsync("/user", Creds.Session(token), all);
        var apps = first.GetProperty("applications");
        apps.GetProperty("hasChanges").GetBoolean().Should().BeTrue();
        apps.GetProperty("data").Each("name").Should().Equal(app);
        var appsChecksum = apps.GetProperty("info").Str("checksum");
        var layoutsChecksum = first.GetProperty("layouts").GetProperty("info").Str("checksum");
        var commandsChecksum = first.GetProperty("commands").GetProperty("info").Str("checksum");
        first.GetProperty("config").GetProperty("hasChanges").GetBoolean().Should().BeFalse();

        var same = await _host.PostJsonAsync("/user", Creds.Session(token), new
        {
            applications = new { include = true, latestDataInfo = new { checksum = appsChecksum } },
            layouts = new { include = true, latestDataInfo = new { checksum = layoutsChecksum } },
            commands = new { include = true, latestDataInfo = new { checksum = commandsChecksum } },
        });
        foreach (var category in new[] { "applications", "layouts", "commands" })
        {
            same.GetProperty(category).GetProperty("hasChanges").GetBoolean().Should().BeFalse(category);
            same.GetProperty(category).TryGetProperty("data", out _).Should().BeFalse(category);
        }

        // A change in a category changes its checksum only.
        await _host.AddAppsAsync($"groups={group}", app + "-2");
        await (await _host.PostAsync("/user/layouts", user, new { name = "l1", type = "Global", definition = "{}" })).JsonAsync();
        var after = await _host.PostJsonAsync("/user", Creds.Session(token), new
        {
            applications = new { include = true, latestDataInfo = new { checksum = appsChecksum } },
            layouts = new { include = true, latestDataInfo = new { checksum = layoutsChecksum } },
            commands = new { include = true, latestDataInfo = new { checksum = commandsChecksum } },
        });
        after.GetProperty("applications").GetProperty("data").Each("name").Should().Equal(app, app + "-2");
        after.GetProperty("layouts").GetProperty("data").Each("name").Should().Equal("l1");
        after.GetProperty("commands").GetProperty("hasChanges").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Post_user_leaves_out_categories_not_asked_for()
    {
        var user = await _host.CreateUserAsync();
        var answer = await _host.PostJsonAsync("/user", user, new { layouts = new { include = true } });
        answer.TryGetProperty("applications", out _).Should().BeFalse();
        answer.GetProperty("layouts").GetProperty("hasChanges").GetBoolean().Should().BeTrue();

        // Commands belong to a session: without a session token there are none to answer.
        var noSession = await _host.PostJsonAsync("/user", user, new { commands = new { include = true } });
        noSession.TryGetProperty("commands", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("[]", "an object is required")]
    [InlineData("{ \"applications\": 1 }", "applications: 1 must be an object")]
    [InlineData("{ \"layouts\": { \"include\": \"true\" } }", "include: \"true\" must be true or false")]
    [InlineData("{ \"applications\": { \"include\": true, \"latestDataInfo\": 3 } }", "latestDataInfo: 3 must be an object")]
    [InlineData("{ \"applications\": { \"include\": true, \"latestDataInfo\": { \"checksum\": 12 } } }", "checksum: 12 must be a string")]
    [InlineData("{ \"applications\": ", "not valid JSON")]
    public async Task Post_user_refuses_a_bad_request_naming_the_field(string body, string named)
    {
        var user = await _host.CreateUserAsync();
        await (await _host.PostAsync("/user", user, body)).ShouldBeProblemAsync(400, named);
    }
}
