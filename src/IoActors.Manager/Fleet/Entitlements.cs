using IoActors.Manager.State;

namespace IoActors.Manager.Fleet;

/// <summary>
/// Which apps directory users gained or lost by a directory change, as pure functions of <see cref="DirectoryView"/>s.
/// A user's apps are those <see cref="DirectoryView.IsEntitled"/> grants over <see cref="DirectoryView.GroupsOf"/>
/// (the directory's groups; a token's groups are not known here), exactly as <c>GET /user/apps</c> computes them.
/// Only directory users are considered: a user who is not in the directory (before or after) sees nothing there.
/// </summary>
internal static class Entitlements
{
    /// <summary>
    /// The facts a directory change makes: <see cref="Diff"/> of the directory before and after <paramref name="events"/>.
    /// Events that cannot change entitlements (groups created, shared layouts) cost nothing; a change of users only (no
    /// app, access or group deletion in it) looks at those users alone, since their apps depend on their own groups only.
    /// </summary>
    /// <param name="users">The directory's users before the change, by id (ordinal, ignoring case).</param>
    /// <param name="groups">The directory's groups before the change.</param>
    /// <param name="apps">The directory's apps before the change.</param>
    /// <param name="events">The change's events, in order.</param>
    /// <param name="at">When the change was decided.</param>
    /// <returns>One fact per user whose apps changed, ordered by user id.</returns>
    public static IReadOnlyList<UserEntitlementsChanged> Changes(
        IReadOnlyDictionary<string, ManagerUser> users, IReadOnlyCollection<string> groups, IReadOnlyCollection<ManagerApp> apps, IReadOnlyList<object> events, DateTimeOffset at)
    {
        if (!events.Any(e => e is UserSaved or UserDeleted or GroupDeleted or AppsSaved or AppDeleted))
        {
            return [];
        }

        var scope = users.Values;
        if (!events.Any(e => e is GroupDeleted or AppsSaved or AppDeleted))
        {
            scope = [.. events
                .Select(e => e switch { UserSaved saved => saved.User.Id, UserDeleted deleted => deleted.Id, _ => null })
                .OfType<string>()
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(id => users.GetValueOrDefault(id))
                .OfType<ManagerUser>()];
        }

        var before = new DirectoryView(0, scope, groups, apps, []);
        return Diff(before, Project(before, events), at);
    }

    /// <summary>The users whose apps differ between two views, with the apps added and removed (each in name order).</summary>
    /// <param name="before">The directory before.</param>
    /// <param name="after">The directory after.</param>
    /// <param name="at">The facts' time.</param>
    /// <returns>One fact per user whose apps changed, ordered by user id (ordinal, ignoring case).</returns>
    public static IReadOnlyList<UserEntitlementsChanged> Diff(DirectoryView before, DirectoryView after, DateTimeOffset at)
    {
        var was = new Entitled(before);
        var now = new Entitled(after);
        var pairs = new Dictionary<(string, string), (List<string> Added, List<string> Removed)>();
        var facts = new List<UserEntitlementsChanged>();
        foreach (var user in Candidates(before, after))
        {
            var (wasKey, wasApps) = was.Of(user);
            var (nowKey, nowApps) = now.Of(user);
            (List<string> Added, List<string> Removed) diff;
            if (wasKey is not null && nowKey is not null && pairs.TryGetValue((wasKey, nowKey), out var known))
            {
                diff = known;
            }
            else
            {
                diff = ([.. nowApps.Ordered.Where(a => !wasApps.Names.Contains(a))], [.. wasApps.Ordered.Where(a => !nowApps.Names.Contains(a))]);
                if (wasKey is not null && nowKey is not null)
                {
                    pairs[(wasKey, nowKey)] = diff;
                }
            }

            if (diff.Added.Count > 0 || diff.Removed.Count > 0)
            {
                var id = after.Users.TryGetValue(user, out var current) ? current.Id : before.Users[user].Id;
                facts.Add(new UserEntitlementsChanged(id, diff.Added, diff.Removed, at));
            }
        }

        return facts;
    }

    /// <summary>
    /// The directory after <paramref name="events"/>, as far as entitlements go (users, groups, apps and their access;
    /// the shared layouts are carried over unchanged). It mirrors how <c>DirectoryActor</c> applies its events, the group
    /// deletion's cascade included; the fleet tests compare its results with what <c>GET /user/apps</c> serves.
    /// </summary>
    /// <param name="view">The directory before.</param>
    /// <param name="events">The events, in order; other events are ignored.</param>
    /// <returns>A new view.</returns>
    public static DirectoryView Project(DirectoryView view, IEnumerable<object> events)
    {
        // The directory's own state class applies the events, so the projection cannot drift from what is stored.
        var state = new DirectoryState();
        state.Load(new DirectorySnapshot([.. view.Users.Values], [.. view.Groups], view.Apps, view.SharedLayouts));
        foreach (var e in events)
        {
            state.Apply(e);
        }

        return state.View(view.Version + 1);
    }

    // Who may have gained or lost apps: users added, removed or changed, and, for each app added, removed or whose
    // access changed, the users its old or new access names (all users when either grants everyone).
    private static SortedSet<string> Candidates(DirectoryView before, DirectoryView after)
    {
        var candidates = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, user) in before.Users)
        {
            if (!after.Users.TryGetValue(id, out var now) || !SameEntitlementInputs(user, now))
            {
                candidates.Add(id);
            }
        }

        candidates.UnionWith(after.Users.Keys.Where(id => !before.Users.ContainsKey(id)));
        var accesses = new List<AppAccess>();
        foreach (var app in before.Apps)
        {
            if (!after.AppsByName.TryGetValue(app.Name, out var now) || !SameAccess(app.Access, now.Access))
            {
                accesses.Add(app.Access);
                if (now is not null)
                {
                    accesses.Add(now.Access);
                }
            }
        }

        accesses.AddRange(after.Apps.Where(a => !before.AppsByName.ContainsKey(a.Name)).Select(a => a.Access));
        if (accesses.Count == 0)
        {
            return candidates;
        }

        if (accesses.Any(a => a.Everyone))
        {
            candidates.UnionWith(before.Users.Keys);
            candidates.UnionWith(after.Users.Keys);
            return candidates;
        }

        var named = new HashSet<string>(accesses.SelectMany(a => a.Users), StringComparer.OrdinalIgnoreCase);
        var groups = new HashSet<string>(accesses.SelectMany(a => a.Groups), StringComparer.OrdinalIgnoreCase);
        foreach (var view in (ReadOnlySpan<DirectoryView>)[before, after])
        {
            foreach (var (id, user) in view.Users)
            {
                if (named.Contains(id) || user.Groups.Any(groups.Contains))
                {
                    candidates.Add(id);
                }
            }
        }

        return candidates;
    }

    private static bool SameEntitlementInputs(ManagerUser a, ManagerUser b) =>
        ReferenceEquals(a, b) || (string.Equals(a.Id, b.Id, StringComparison.Ordinal) && a.Groups.SequenceEqual(b.Groups, StringComparer.OrdinalIgnoreCase));

    private static bool SameAccess(AppAccess a, AppAccess b) =>
        ReferenceEquals(a, b)
        || (a.Everyone == b.Everyone
            && a.Users.SequenceEqual(b.Users, StringComparer.OrdinalIgnoreCase)
            && a.Groups.SequenceEqual(b.Groups, StringComparer.OrdinalIgnoreCase));

    /// <summary>The app names of a user in one view (in name order, and as a set).</summary>
    private sealed record AppSet(List<string> Ordered, HashSet<string> Names)
    {
        public static AppSet Empty { get; } = new([], new HashSet<string>(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The apps of users in one view. A user no app names directly sees what their groups give, so the set is computed
    /// once per distinct set of groups (as <see cref="DirectoryView.AppsFor"/> shares lists); the others one by one.
    /// </summary>
    private sealed class Entitled(DirectoryView view)
    {
        private readonly HashSet<string> _named = new(view.Apps.SelectMany(a => a.Access.Users), StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, AppSet> _byGroups = new(StringComparer.Ordinal);

        /// <summary>The user's apps, and the key of their group set when the apps depend on it alone (else null).</summary>
        public (string? Key, AppSet Apps) Of(string user)
        {
            if (!view.Users.ContainsKey(user))
            {
                return ("-", AppSet.Empty);
            }

            var groups = view.GroupsOf(user, null);
            if (_named.Contains(user))
            {
                return (null, Compute(user, groups));
            }

            var key = "g:" + string.Join('|', groups).ToUpperInvariant();
            if (!_byGroups.TryGetValue(key, out var apps))
            {
                _byGroups[key] = apps = Compute(user, groups);
            }

            return (key, apps);
        }

        private AppSet Compute(string user, IReadOnlyList<string> groups)
        {
            var ordered = view.Apps.Where(a => DirectoryView.IsEntitled(a.Access, user, groups)).Select(a => a.Name).ToList();
            return new AppSet(ordered, new HashSet<string>(ordered, StringComparer.OrdinalIgnoreCase));
        }
    }
}
