using IoActors.Manager.Fleet;
using IoActors.Manager.State;

namespace IoActors.Manager.Tests.Fleet;

/// <summary>Entitlements.Diff / Project: who gains and loses which apps by a directory change (pure functions).</summary>
public sealed class EntitlementsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static ManagerUser User(string id, params string[] groups) => new(id, null, null, false, groups, At);

    private static ManagerApp App(string name, AppAccess access) => new(name, $$"""{"name":"{{name}}"}""", access, At);

    private static AppAccess Groups(params string[] groups) => new(false, [], groups);

    private static AppAccess Users(params string[] users) => new(false, users, []);

    private static DirectoryView View(IEnumerable<ManagerUser> users, IEnumerable<ManagerApp> apps, params string[] groups) => new(1, users, groups, apps, []);

    private static DirectoryView Base() => View(
        [User("alice", "desk"), User("bob", "desk", "ops"), User("carol")],
        [App("desk-app", Groups("desk")), App("ops-app", Groups("ops")), App("all-app", AppAccess.All), App("carol-app", Users("carol"))],
        "desk", "ops");

    private static IReadOnlyList<UserEntitlementsChanged> Changes(DirectoryView before, params object[] events) =>
        Entitlements.Changes(before.Users, before.Groups, [.. before.Apps], events, At);

    private static (string User, string[] Added, string[] Removed)[] Shape(IEnumerable<UserEntitlementsChanged> facts) =>
        [.. facts.Select(f => (f.User, f.Added.ToArray(), f.Removed.ToArray()))];

    [Fact]
    public void Joining_and_leaving_a_group_adds_and_removes_its_apps()
    {
        var before = Base();
        var joined = Changes(before, new UserSaved(User("carol", "ops")));
        Shape(joined).Should().BeEquivalentTo([("carol", new[] { "ops-app" }, Array.Empty<string>())]);
        joined.Single().At.Should().Be(At);

        var left = Changes(before, new UserSaved(User("bob", "ops")));
        Shape(left).Should().BeEquivalentTo([("bob", Array.Empty<string>(), new[] { "desk-app" })]);
    }

    [Fact]
    public void A_change_of_an_apps_access_touches_exactly_the_users_it_grants_or_no_longer_grants()
    {
        var before = Base();
        var facts = Changes(before, new AppsSaved([App("desk-app", new AppAccess(false, ["carol"], ["ops"]))]));
        Shape(facts).Should().BeEquivalentTo(
            [("alice", Array.Empty<string>(), new[] { "desk-app" }), ("carol", new[] { "desk-app" }, Array.Empty<string>())],
            o => o.WithStrictOrdering());

        var toEveryone = Changes(before, new AppsSaved([App("ops-app", AppAccess.All)]));
        Shape(toEveryone).Should().BeEquivalentTo(
            [("alice", new[] { "ops-app" }, Array.Empty<string>()), ("carol", new[] { "ops-app" }, Array.Empty<string>())],
            o => o.WithStrictOrdering());
    }

    [Fact]
    public void Removing_an_app_removes_it_from_everyone_who_saw_it()
    {
        var facts = Changes(Base(), new AppDeleted("all-app"));
        Shape(facts).Should().BeEquivalentTo(
            [("alice", Array.Empty<string>(), new[] { "all-app" }), ("bob", Array.Empty<string>(), new[] { "all-app" }), ("carol", Array.Empty<string>(), new[] { "all-app" })],
            o => o.WithStrictOrdering());
    }

    [Fact]
    public void Removing_a_user_removes_all_their_apps_and_adding_one_adds_theirs()
    {
        Shape(Changes(Base(), new UserDeleted("bob"))).Should().BeEquivalentTo([("bob", Array.Empty<string>(), new[] { "all-app", "desk-app", "ops-app" })]);
        Shape(Changes(Base(), new UserSaved(User("dave", "desk")))).Should().BeEquivalentTo([("dave", new[] { "all-app", "desk-app" }, Array.Empty<string>())]);
    }

    [Fact]
    public void Deleting_a_group_takes_its_apps_from_its_members()
    {
        var facts = Changes(Base(), new GroupDeleted("desk"));
        Shape(facts).Should().BeEquivalentTo(
            [("alice", Array.Empty<string>(), new[] { "desk-app" }), ("bob", Array.Empty<string>(), new[] { "desk-app" })],
            o => o.WithStrictOrdering());
    }

    [Fact]
    public void A_new_app_for_a_group_and_a_direct_grant_reach_the_members_and_the_named_user()
    {
        var facts = Changes(Base(), new AppsSaved([App("new-app", new AppAccess(false, ["CAROL"], ["ops"]))]));
        Shape(facts).Should().BeEquivalentTo(
            [("bob", new[] { "new-app" }, Array.Empty<string>()), ("carol", new[] { "new-app" }, Array.Empty<string>())],
            o => o.WithStrictOrdering());
    }

    [Fact]
    public void Changes_that_change_no_ones_apps_make_no_facts()
    {
        var before = Base();
        Changes(before, new UserSaved(before.Users["alice"] with { PasswordHash = "new", Email = "a@example.com" })).Should().BeEmpty();
        Changes(before, new GroupSaved("empty")).Should().BeEmpty();
        Changes(before, new AppsSaved([App("desk-app", Groups("desk")) with { Definition = "{\"name\":\"desk-app\",\"title\":\"new\"}" }])).Should().BeEmpty();
        Changes(before, new UserSaved(User("bob", "ops", "desk"))).Should().BeEmpty("the same groups in another order");
        Changes(before, new AppsSaved([App("nobody-app", AppAccess.Nobody)])).Should().BeEmpty();
        Changes(before, new UserSaved(User("alice")), new UserSaved(User("alice", "desk"))).Should().BeEmpty("the events cancel out");
    }

    [Fact]
    public void Several_users_and_apps_in_one_change_give_one_fact_per_user()
    {
        var facts = Changes(Base(),
            new UserSaved(User("alice", "ops")),
            new UserSaved(User("erin", "ops")),
            new AppsSaved([App("ops-app", Groups("desk", "ops")), App("second", Groups("ops"))]));
        Shape(facts).Should().BeEquivalentTo(
            [
                ("alice", new[] { "ops-app", "second" }, new[] { "desk-app" }),
                ("bob", new[] { "second" }, Array.Empty<string>()),
                ("erin", new[] { "all-app", "ops-app", "second" }, Array.Empty<string>()),
            ],
            o => o.WithStrictOrdering());
    }

    [Fact]
    public void Diff_of_two_views_built_apart_compares_values_not_instances()
    {
        Entitlements.Diff(Base(), Base(), At).Should().BeEmpty();
        var after = View([User("alice", "desk"), User("bob", "desk", "ops"), User("carol", "desk")], Base().Apps, "desk", "ops");
        Shape(Entitlements.Diff(Base(), after, At)).Should().BeEquivalentTo([("carol", new[] { "desk-app" }, Array.Empty<string>())]);
    }

    [Fact]
    public void Project_applies_the_directory_events_as_the_directory_does()
    {
        var after = Entitlements.Project(Base(), [new GroupSaved("new"), new GroupDeleted("ops"), new AppDeleted("carol-app"), new UserDeleted("carol")]);
        after.Groups.Should().BeEquivalentTo(["desk", "new"]);
        after.Users["bob"].Groups.Should().Equal("desk");
        after.AppsByName["ops-app"].Access.Groups.Should().BeEmpty();
        after.AppsByName.ContainsKey("carol-app").Should().BeFalse();
        after.Users.ContainsKey("carol").Should().BeFalse();
    }
}
