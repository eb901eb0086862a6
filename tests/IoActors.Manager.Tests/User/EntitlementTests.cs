namespace IoActors.Manager.Tests.User;

/// <summary>Who sees which apps in GET /user/apps, and its ETag.</summary>
public sealed class EntitlementTests(SharedManager shared) : IClassFixture<SharedManager>
{
    private readonly ManagerHost _host = shared.Host;

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<List<string>> AppsOfAsync(Creds user)
    {
        var apps = await _host.GetJsonAsync("/user/apps", user);
        return apps.Each("name");
    }

    [Fact]
    public async Task Apps_granted_to_a_group_are_seen_by_its_members_only()
    {
        var group = await _host.CreateGroupAsync();
        var member = await _host.CreateUserAsync(null, false, group);
        var outsider = await _host.CreateUserAsync();
        var app = Unique("grp-app");
        await _host.AddAppsAsync($"groups={group}", app);

        (await AppsOfAsync(member)).Should().Contain(app);
        (await AppsOfAsync(outsider)).Should().NotContain(app);
        var apps = await _host.GetJsonAsync("/user/apps", member);
        apps.EnumerateArray().Single(a => a.Str("name") == app).GetProperty("details").Str("url").Should().Be($"https://example.com/{app}");
    }

    [Fact]
    public async Task Granting_and_revoking_membership_changes_the_apps()
    {
        var group = await _host.CreateGroupAsync();
        var user = await _host.CreateUserAsync();
        var app = Unique("m-app");
        await _host.AddAppsAsync($"groups={group}", app);
        (await AppsOfAsync(user)).Should().NotContain(app);

        await (await _host.PutAsync($"/admin/groups/{group}/users/{user.User}", ManagerHost.Admin, null)).JsonAsync();
        (await AppsOfAsync(user)).Should().Contain(app);

        await (await _host.DeleteAsync($"/admin/groups/{group}/users/{user.User}", ManagerHost.Admin)).ShouldBeAsync(HttpStatusCode.NoContent);
        (await AppsOfAsync(user)).Should().NotContain(app);
    }

    [Fact]
    public async Task Granting_and_revoking_access_changes_the_apps()
    {
        var group = await _host.CreateGroupAsync();
        var user = await _host.CreateUserAsync(null, false, group);
        var direct = await _host.CreateUserAsync();
        var app = Unique("a-app");
        await _host.AddAppsAsync(string.Empty, app);
        (await AppsOfAsync(user)).Should().NotContain(app, "an app without an access list is seen by no one");

        var access = await _host.PutJsonAsync($"/admin/apps/{app}/access", ManagerHost.Admin, new { groups = new[] { group } });
        access.Strings("groups").Should().Equal(group);
        (await AppsOfAsync(user)).Should().Contain(app);
        (await AppsOfAsync(direct)).Should().NotContain(app);

        await (await _host.PutAsync($"/admin/apps/{app}/access", ManagerHost.Admin, new { access = new { users = new[] { direct.User } } })).JsonAsync();
        (await AppsOfAsync(user)).Should().NotContain(app);
        (await AppsOfAsync(direct)).Should().Contain(app);

        await (await _host.PutAsync($"/admin/apps/{app}/access", ManagerHost.Admin, new { everyone = true })).JsonAsync();
        (await AppsOfAsync(user)).Should().Contain(app);

        await (await _host.PutAsync($"/admin/apps/{app}/access", ManagerHost.Admin, new { })).JsonAsync();
        (await AppsOfAsync(user)).Should().NotContain(app);
        (await AppsOfAsync(direct)).Should().NotContain(app);
    }

    [Fact]
    public async Task Deleting_a_group_or_an_app_takes_the_app_away()
    {
        var group = await _host.CreateGroupAsync();
        var user = await _host.CreateUserAsync(null, false, group);
        var (app1, app2) = (Unique("d-app"), Unique("d-app"));
        await _host.AddAppsAsync($"groups={group}", app1, app2);
        (await AppsOfAsync(user)).Should().Contain([app1, app2]);

        await (await _host.DeleteAsync($"/admin/apps/{app1}", ManagerHost.Admin)).ShouldBeAsync(HttpStatusCode.NoContent);
        (await AppsOfAsync(user)).Should().NotContain(app1).And.Contain(app2);

        await (await _host.DeleteAsync($"/admin/groups/{group}", ManagerHost.Admin)).ShouldBeAsync(HttpStatusCode.NoContent);
        (await AppsOfAsync(user)).Should().NotContain(app2);
        (await _host.GetJsonAsync($"/admin/apps/{app2}/access", ManagerHost.Admin)).Strings("groups").Should().BeEmpty();
        (await _host.GetJsonAsync($"/admin/users/{user.User}", ManagerHost.Admin)).Strings("groups").Should().BeEmpty();
    }

    [Fact]
    public async Task The_ETag_round_trip_gives_304_until_the_users_apps_change()
    {
        var group = await _host.CreateGroupAsync();
        var user = await _host.CreateUserAsync(null, false, group);
        var app = Unique("e-app");
        await _host.AddAppsAsync($"groups={group}", app);

        using var first = await _host.GetAsync("/user/apps", user);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        var etag = first.Headers.ETag!;
        etag.IsWeak.Should().BeFalse();

        using var unchanged = await _host.GetAsync("/user/apps", user, r => r.Headers.IfNoneMatch.Add(etag));
        unchanged.StatusCode.Should().Be(HttpStatusCode.NotModified);
        unchanged.Headers.ETag.Should().Be(etag);
        (await unchanged.Content.ReadAsByteArrayAsync()).Should().BeEmpty();

        // A change that does not touch this user's apps keeps the ETag.
        await _host.AddAppsAsync(string.Empty, Unique("hidden"));
        using var stillSame = await _host.GetAsync("/user/apps", user, r => r.Headers.IfNoneMatch.Add(etag));
        stillSame.StatusCode.Should().Be(HttpStatusCode.NotModified);

        // One that does changes it.
        await _host.AddAppsAsync($"groups={group}", Unique("e-app2"));
        using var changed = await _host.GetAsync("/user/apps", user, r => r.Headers.IfNoneMatch.Add(etag));
        changed.StatusCode.Should().Be(HttpStatusCode.OK);
        changed.Headers.ETag.Should().NotBe(etag);
        using var again = await _host.GetAsync("/user/apps", user, r => r.Headers.IfNoneMatch.Add(changed.Headers.ETag!));
        again.StatusCode.Should().Be(HttpStatusCode.NotModified);

        // Changing an app's definition changes the ETag too.
        await (await _host.PutAsync($"/admin/apps/{app}", ManagerHost.Admin, Definitions.Window(app).Replace(" title\"", " renamed\"", StringComparison.Ordinal))).JsonAsync();
        using var edited = await _host.GetAsync("/user/apps", user, r => r.Headers.IfNoneMatch.Add(changed.Headers.ETag!));
        edited.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task If_None_Match_with_a_list_or_star_matches()
    {
        var user = await _host.CreateUserAsync();
        using var first = await _host.GetAsync("/user/apps", user);
        var etag = first.Headers.ETag!.Tag;
        using var list = await _host.GetAsync("/user/apps", user, r => r.Headers.TryAddWithoutValidation("If-None-Match", $"\"other\", {etag}"));
        list.StatusCode.Should().Be(HttpStatusCode.NotModified);
        using var star = await _host.GetAsync("/user/apps", user, r => r.Headers.TryAddWithoutValidation("If-None-Match", "*"));
        star.StatusCode.Should().Be(HttpStatusCode.NotModified);
        using var other = await _host.GetAsync("/user/apps", user, r => r.Headers.TryAddWithoutValidation("If-None-Match", "\"other\""));
        other.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Users_with_the_same_groups_share_the_list_and_others_do_not_see_it()
    {
        var group = await _host.CreateGroupAsync();
        var a = await _host.CreateUserAsync(null, false, group);
        var b = await _host.CreateUserAsync(null, false, group);
        var c = await _host.CreateUserAsync();
        var app = Unique("s-app");
        await _host.AddAppsAsync($"groups={group}", app);
        await (await _host.PutAsync($"/admin/apps/{app}/access", ManagerHost.Admin, new { groups = new[] { group }, users = new[] { c.User } })).JsonAsync();
        (await AppsOfAsync(a)).Should().Contain(app);
        (await AppsOfAsync(b)).Should().Contain(app);
        (await AppsOfAsync(c)).Should().Contain(app);
        await (await _host.PutAsync($"/admin/apps/{app}/access", ManagerHost.Admin, new { groups = new[] { group } })).JsonAsync();
        (await AppsOfAsync(c)).Should().NotContain(app);
    }

    [Fact]
    public async Task Apps_added_with_everyone_are_seen_by_every_user()
    {
        var user = await _host.CreateUserAsync();
        var app = Unique("all-app");
        await _host.AddAppsAsync("everyone=true", app);
        (await AppsOfAsync(user)).Should().Contain(app);
        (await _host.GetJsonAsync($"/admin/apps/{app}/access", ManagerHost.Admin)).GetProperty("everyone").GetBoolean().Should().BeTrue();
    }
}

/// <summary>manager.newAppsVisibleToEveryone = true.</summary>
public sealed class NewAppsVisibleToEveryoneTests
{
    [Fact]
    public async Task Apps_added_without_access_are_seen_by_everyone_and_a_later_put_keeps_their_access()
    {
        await using var host = await ManagerHost.StartAsync(o => o.NewAppsVisibleToEveryone = true);
        var user = await host.CreateUserAsync();
        await host.AddAppsAsync(string.Empty, "open-app");
        (await host.GetJsonAsync("/user/apps", user)).Each("name").Should().Equal("open-app");

        var group = await host.CreateGroupAsync();
        await (await host.PutAsync("/admin/apps/open-app/access", ManagerHost.Admin, new { groups = new[] { group } })).JsonAsync();
        await host.AddAppsAsync(string.Empty, "open-app");
        (await host.GetJsonAsync("/admin/apps/open-app/access", ManagerHost.Admin)).Strings("groups").Should().Equal(group);
        (await host.GetJsonAsync("/user/apps", user)).GetArrayLength().Should().Be(0);
    }
}
