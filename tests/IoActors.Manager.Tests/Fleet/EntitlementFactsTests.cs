namespace IoActors.Manager.Tests.Fleet;

/// <summary>
/// The apps.entitlements facts of admin changes add up, user by user, to what GET /user/apps serves after each change;
/// and the directory recovers as before from a journal that holds them.
/// </summary>
public sealed class EntitlementFactsTests
{
    [Fact]
    public async Task The_facts_of_each_directory_change_match_what_the_users_are_served()
    {
        await using var host = await ManagerHost.StartAsync();
        var reporter = await host.CreateUserAsync("reporter");
        var users = new Dictionary<string, Creds>();
        var model = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);
        await using var stream = await SseClient.OpenAsync(host, "?types=apps.entitlements,platform.Marker");
        var step = 0;

        async Task CheckAsync(string what)
        {
            var marker = $"step-{++step}";
            await host.PostBatchAsync(reporter, FleetPosts.Batch(marker, "Marker"));
            foreach (var fact in await stream.UntilAsync(e => e.Name == "platform.Marker" && e.Data.Str("batch") == marker))
            {
                if (fact.Name != "apps.entitlements")
                {
                    continue;
                }

                var apps = model.TryGetValue(fact.Data.Str("user"), out var known) ? known : model[fact.Data.Str("user")] = new(StringComparer.OrdinalIgnoreCase);
                foreach (var added in fact.Data.Strings("added"))
                {
                    apps.Add(added).Should().BeTrue($"{what}: {added} is added once");
                }

                foreach (var removed in fact.Data.Strings("removed"))
                {
                    apps.Remove(removed).Should().BeTrue($"{what}: {removed} was there to remove");
                }
            }

            foreach (var (name, creds) in users)
            {
                var served = await host.GetAsync("/user/apps", creds);
                var expected = model.TryGetValue(name, out var apps) ? apps.ToList() : [];
                if (served.StatusCode == HttpStatusCode.Unauthorized)
                {
                    served.Dispose();
                    expected.Should().BeEmpty($"{what}: a deleted user {name} keeps no apps");
                    continue;
                }

                (await served.JsonAsync()).Each("name").Should().BeEquivalentTo(expected, $"{what}: the apps of {name}");
            }
        }

        await host.CreateGroupAsync("g1");
        await host.CreateGroupAsync("g2");
        users["u1"] = await host.CreateUserAsync("u1", false, "g1");
        users["u2"] = await host.CreateUserAsync("u2", false, "g2");
        users["u3"] = await host.CreateUserAsync("u3");
        await CheckAsync("users created");
        await host.AddAppsAsync("groups=g1", "a1");
        await host.AddAppsAsync("everyone=true", "a2");
        await host.AddAppsAsync("users=u3", "a3");
        await CheckAsync("apps added");
        await (await host.PutAsync("/admin/groups/g1/users/u3", ManagerHost.Admin, null)).JsonAsync();
        await CheckAsync("u3 joined g1");
        await (await host.PutAsync("/admin/apps/a1/access", ManagerHost.Admin, new { everyone = false, users = new[] { "u1" }, groups = new[] { "g2" } })).JsonAsync();
        await CheckAsync("a1's access changed");
        await (await host.DeleteAsync("/admin/apps/a2", ManagerHost.Admin)).ShouldBeAsync(HttpStatusCode.NoContent);
        await CheckAsync("a2 removed");
        await (await host.DeleteAsync("/admin/groups/g2", ManagerHost.Admin)).ShouldBeAsync(HttpStatusCode.NoContent);
        await CheckAsync("g2 deleted");
        await (await host.PutAsync("/admin/users/u2", ManagerHost.Admin, new { groups = new[] { "g1" } })).JsonAsync();
        await CheckAsync("u2 moved to g1");
        await (await host.DeleteAsync("/admin/groups/g1/users/u3", ManagerHost.Admin)).ShouldBeAsync(HttpStatusCode.NoContent);
        await CheckAsync("u3 left g1");
        await (await host.DeleteAsync("/admin/users/u1", ManagerHost.Admin)).ShouldBeAsync(HttpStatusCode.NoContent);
        await CheckAsync("u1 deleted");

        // The directory replays its journal, facts and all, to the same state.
        var before = users.ToDictionary(u => u.Key, u => model.GetValueOrDefault(u.Key)?.ToList() ?? []);
        await host.RestartAsync();
        foreach (var (name, creds) in users.Where(u => u.Key != "u1"))
        {
            (await host.GetJsonAsync("/user/apps", creds)).Each("name").Should().BeEquivalentTo(before[name], $"after the restart: the apps of {name}");
        }
    }
}
