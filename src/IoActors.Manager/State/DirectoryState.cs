namespace IoActors.Manager.State;

/// <summary>
/// The directory's state as its events build it: users, groups, apps and shared layouts. The directory actor decides
/// and persists changes on it; in cluster mode every node's replica applies the same events, read from the journal, to
/// its own copy, so both build the same <see cref="DirectoryView"/>.
/// </summary>
internal sealed class DirectoryState
{
    /// <summary>The directory's persistence id.</summary>
    public const string PersistenceId = "ioactors-manager-directory";

    public Dictionary<string, ManagerUser> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

    public SortedSet<string> Groups { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, ManagerApp> Apps { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, SharedLayout> Layouts { get; } = new(StringComparer.Ordinal);

    /// <summary>Starts from a snapshot.</summary>
    public void Load(DirectorySnapshot snapshot)
    {
        Users.Clear();
        Groups.Clear();
        Apps.Clear();
        Layouts.Clear();
        foreach (var user in snapshot.Users)
        {
            Users[user.Id] = user;
        }

        Groups.UnionWith(snapshot.Groups);
        foreach (var app in snapshot.Apps)
        {
            Apps[app.Name] = app;
        }

        foreach (var layout in snapshot.Layouts)
        {
            Layouts[layout.Id] = layout;
        }
    }

    /// <summary>Applies one persisted event; events of other kinds (facts stored beside the changes) change nothing.</summary>
    public void Apply(object e)
    {
        switch (e)
        {
            case UserSaved saved:
                Users[saved.User.Id] = saved.User;
                break;
            case UserDeleted deleted:
                Users.Remove(deleted.Id);
                break;
            case GroupSaved saved:
                Groups.Add(saved.Name);
                break;
            case GroupDeleted deleted:
                Groups.Remove(deleted.Name);
                foreach (var user in Users.Values.Where(u => u.Groups.Contains(deleted.Name, StringComparer.OrdinalIgnoreCase)).ToList())
                {
                    Users[user.Id] = user with { Groups = [.. user.Groups.Where(g => !string.Equals(g, deleted.Name, StringComparison.OrdinalIgnoreCase))] };
                }

                foreach (var app in Apps.Values.Where(a => a.Access.Groups.Contains(deleted.Name, StringComparer.OrdinalIgnoreCase)).ToList())
                {
                    Apps[app.Name] = app with { Access = app.Access with { Groups = [.. app.Access.Groups.Where(g => !string.Equals(g, deleted.Name, StringComparison.OrdinalIgnoreCase))] } };
                }

                break;
            case AppsSaved saved:
                foreach (var app in saved.Apps)
                {
                    Apps[app.Name] = app;
                }

                break;
            case AppDeleted deleted:
                Apps.Remove(deleted.Name);
                break;
            case SharedLayoutSaved saved:
                Layouts[saved.Layout.Id] = saved.Layout;
                break;
            case SharedLayoutDeleted deleted:
                Layouts.Remove(deleted.Id);
                break;
        }
    }

    public DirectorySnapshot Snapshot() => new([.. Users.Values], [.. Groups], [.. Apps.Values], [.. Layouts.Values]);

    /// <summary>The immutable view of the state at journal sequence number <paramref name="version"/>.</summary>
    public DirectoryView View(long version) => new(version, Users.Values, Groups, Apps.Values, Layouts.Values);
}
