using Akka.Actor;
using Akka.Persistence;
using IoActors.Platform.Hosting;

namespace IoActors.Manager.State;

/// <summary>Sets a user (creates it, or changes the given fields); <paramref name="PasswordHash"/> applies when <paramref name="SetPassword"/>.</summary>
internal sealed record PutUser(string Id, string? PasswordHash, bool SetPassword, string? Email, bool? Admin, IReadOnlyList<string>? Groups);

/// <summary>Admin changes to the directory; each answers a <see cref="DirectoryChanged"/>, or a <see cref="ManagerRefusal"/>.</summary>
internal abstract record DirectoryCommand(string Actor);

/// <summary>The answer to a <see cref="DirectoryCommand"/>: the directory's journal sequence number once the change is stored (the <see cref="DirectoryView.Version"/> that shows it).</summary>
internal sealed record DirectoryChanged(long Version);

internal sealed record PutUsers(string Actor, IReadOnlyList<PutUser> Users) : DirectoryCommand(Actor);

internal sealed record RemoveUser(string Actor, string Id) : DirectoryCommand(Actor);

internal sealed record PutGroup(string Actor, string Name) : DirectoryCommand(Actor);

internal sealed record RemoveGroup(string Actor, string Name) : DirectoryCommand(Actor);

internal sealed record SetMembership(string Actor, string Group, string User, bool Member) : DirectoryCommand(Actor);

/// <summary>Adds or replaces apps (validated definitions' JSON text); <paramref name="Access"/> null keeps an existing app's access and gives new ones the default.</summary>
internal sealed record PutApps(string Actor, IReadOnlyList<(string Name, string Json)> Apps, AppAccess? Access) : DirectoryCommand(Actor);

internal sealed record RemoveApp(string Actor, string Name) : DirectoryCommand(Actor);

internal sealed record SetAppAccess(string Actor, string Name, AppAccess Access) : DirectoryCommand(Actor);

internal sealed record PutSharedLayout(string Actor, SharedLayout Layout) : DirectoryCommand(Actor);

internal sealed record RemoveSharedLayout(string Actor, string Id) : DirectoryCommand(Actor);

/// <summary>
/// The directory (persistence id <c>ioactors-manager-directory</c>): users with their password hashes and groups, the
/// groups, the apps with who sees them, and the shared layouts. It is the only writer; after every change it publishes
/// a new <see cref="DirectoryView"/> to the <see cref="ViewHolder"/> request handlers read, and tells the audit log.
/// </summary>
internal sealed class DirectoryActor : SnapshottingActor
{
    private const int SnapshotEvery = 200;

    private readonly ViewHolder _holder;
    private readonly IActorRef _audit;
    private readonly Configuration.ManagerOptions _options;
    private readonly TimeProvider _clock;
    private readonly DirectoryState _state = new();
    private readonly Action<long>? _changed;

    // changed: Called with the journal's sequence number after each change is stored and published (cluster mode: the notice to the other nodes).
    public DirectoryActor(PlatformJournal journal, ViewHolder holder, IActorRef audit, Configuration.ManagerOptions options, TimeProvider clock, Action<long>? changed = null)
        : base(journal)
    {
        _holder = holder;
        _changed = changed;
        _audit = audit;
        _options = options;
        _clock = clock;
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is DirectorySnapshot snapshot)
            {
                _state.Load(snapshot);
            }
        });
        Recover<object>(e => _state.Apply(e));
        Command<DirectoryCommand>(Handle);
    }

    public override string PersistenceId => DirectoryState.PersistenceId;

    /// <summary>Its events are fleet facts (GET /admin/events resumes from any offset) and, in cluster mode, what every node's replica reads: they stay after snapshots.</summary>
    protected override bool KeepEvents => true;

    protected override void OnReplaySuccess() => Publish();

    private void Handle(DirectoryCommand command)
    {
        var sender = Sender;
        object[] events;
        string action;
        string target;
        try
        {
            (events, action, target) = Decide(command);
        }
        catch (ManagerException e)
        {
            sender.Tell(ManagerRefusal.Of(e));
            return;
        }

        if (events.Length == 0)
        {
            sender.Tell(new DirectoryChanged(LastSequenceNr));
            return;
        }

        // The fleet's facts of who gained or lost apps go in the same atomic write (Apply ignores them).
        events = [.. events, .. Fleet.Entitlements.Changes(_state.Users, _state.Groups, _state.Apps.Values, events, _clock.GetUtcNow())];
        PersistAll(events, e => _state.Apply(e));
        DeferAsync(events, _ =>
        {
            Publish();
            foreach (var e in events)
            {
                Context.System.EventStream.Publish(e);
            }

            _audit.Tell(new AuditEntry(_clock.GetUtcNow(), command.Actor, action, target, null));
            SnapshotWhenDue(SnapshotEvery, Snapshot, events.Length);
            sender.Tell(new DirectoryChanged(LastSequenceNr));
        });
    }

    private (object[] Events, string Action, string Target) Decide(DirectoryCommand command)
    {
        var now = _clock.GetUtcNow();
        switch (command)
        {
            case PutUsers put:
                {
                    var events = new List<object>(put.Users.Count);
                    var added = 0;
                    foreach (var user in put.Users)
                    {
                        var id = Names.Check("id", user.Id);
                        var groups = user.Groups?.Select(g => Names.Check("groups[]", g)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                        if (groups?.FirstOrDefault(g => !_state.Groups.Contains(g)) is { } unknown)
                        {
                            throw ManagerException.BadRequest($"user '{Names.Printable(id)}': groups: the group '{Names.Printable(unknown)}' does not exist (create it with PUT /admin/groups/{{name}})");
                        }

                        _state.Users.TryGetValue(id, out var existing);
                        added += existing is null ? 1 : 0;
                        events.Add(new UserSaved(new ManagerUser(
                            existing?.Id ?? id,
                            user.SetPassword ? user.PasswordHash : existing?.PasswordHash,
                            user.Email ?? existing?.Email,
                            user.Admin ?? existing?.Admin ?? false,
                            groups ?? existing?.Groups ?? [],
                            now)));
                    }

                    if (_state.Users.Count + added > _options.Limits.MaxUsers)
                    {
                        throw ManagerException.Conflict($"the server holds {_state.Users.Count} users and manager.limits.maxUsers is {_options.Limits.MaxUsers}");
                    }

                    return ([.. events], "user.put", string.Join(",", put.Users.Take(20).Select(u => u.Id)) + (put.Users.Count > 20 ? $" (+{put.Users.Count - 20})" : string.Empty));
                }

            case RemoveUser remove:
                return _state.Users.ContainsKey(remove.Id)
                    ? ([new UserDeleted(remove.Id)], "user.delete", remove.Id)
                    : throw ManagerException.NotFound($"user '{Names.Printable(remove.Id)}' does not exist");

            case PutGroup put:
                Names.Check("name", put.Name);
                return _state.Groups.Contains(put.Name) ? ([], "group.put", put.Name) : ([new GroupSaved(put.Name)], "group.put", put.Name);

            case RemoveGroup remove:
                return _state.Groups.Contains(remove.Name)
                    ? ([new GroupDeleted(remove.Name)], "group.delete", remove.Name)
                    : throw ManagerException.NotFound($"group '{Names.Printable(remove.Name)}' does not exist");

            case SetMembership membership:
                {
                    if (!_state.Groups.Contains(membership.Group))
                    {
                        throw ManagerException.NotFound($"group '{Names.Printable(membership.Group)}' does not exist");
                    }

                    if (!_state.Users.TryGetValue(membership.User, out var user))
                    {
                        throw ManagerException.NotFound($"user '{Names.Printable(membership.User)}' does not exist");
                    }

                    var isMember = user.Groups.Contains(membership.Group, StringComparer.OrdinalIgnoreCase);
                    if (isMember == membership.Member)
                    {
                        return ([], "group.membership", membership.Group);
                    }

                    var groups = membership.Member
                        ? [.. user.Groups, membership.Group]
                        : user.Groups.Where(g => !string.Equals(g, membership.Group, StringComparison.OrdinalIgnoreCase)).ToList();
                    return ([new UserSaved(user with { Groups = groups, Updated = now })], membership.Member ? "group.add-user" : "group.remove-user", $"{membership.Group}/{membership.User}");
                }

            case PutApps put:
                {
                    var added = put.Apps.Count(a => !_state.Apps.ContainsKey(a.Name));
                    if (_state.Apps.Count + added > _options.Limits.MaxApps)
                    {
                        throw ManagerException.Conflict($"the server holds {_state.Apps.Count} apps, {added} more were sent and manager.limits.maxApps is {_options.Limits.MaxApps}");
                    }

                    CheckAccess(put.Access);
                    var fallback = _options.NewAppsVisibleToEveryone ? AppAccess.All : AppAccess.Nobody;
                    var apps = put.Apps
                        .Select(a => new ManagerApp(a.Name, a.Json, put.Access ?? (_state.Apps.TryGetValue(a.Name, out var old) ? old.Access : fallback), now))
                        .ToList();
                    return ([new AppsSaved(apps)], "app.put", string.Join(",", put.Apps.Take(20).Select(a => a.Name)) + (put.Apps.Count > 20 ? $" (+{put.Apps.Count - 20})" : string.Empty));
                }

            case RemoveApp remove:
                return _state.Apps.ContainsKey(remove.Name)
                    ? ([new AppDeleted(remove.Name)], "app.delete", remove.Name)
                    : throw ManagerException.NotFound($"app '{Names.Printable(remove.Name)}' does not exist");

            case SetAppAccess access:
                {
                    if (!_state.Apps.TryGetValue(access.Name, out var app))
                    {
                        throw ManagerException.NotFound($"app '{Names.Printable(access.Name)}' does not exist");
                    }

                    CheckAccess(access.Access);
                    return ([new AppsSaved([app with { Access = access.Access, Updated = now }])], "app.access", access.Name);
                }

            case PutSharedLayout put:
                {
                    if (!_state.Layouts.ContainsKey(put.Layout.Id) && _state.Layouts.Count >= _options.Limits.MaxLayoutsPerUser * 10)
                    {
                        throw ManagerException.Conflict($"the server holds {_state.Layouts.Count} shared layouts (at most {_options.Limits.MaxLayoutsPerUser * 10}: 10 × manager.limits.maxLayoutsPerUser)");
                    }

                    var events = new List<object>();
                    if (put.Layout.Default)
                    {
                        // One shared default per layout type.
                        events.AddRange(_state.Layouts.Values
                            .Where(l => l.Default && l.Type == put.Layout.Type && l.Id != put.Layout.Id)
                            .Select(l => new SharedLayoutSaved(l with { Default = false, Updated = now })));
                    }

                    events.Add(new SharedLayoutSaved(put.Layout with { Updated = now }));
                    return ([.. events], "layout.put", put.Layout.Id);
                }

            case RemoveSharedLayout remove:
                return _state.Layouts.ContainsKey(remove.Id)
                    ? ([new SharedLayoutDeleted(remove.Id)], "layout.delete", remove.Id)
                    : throw ManagerException.NotFound($"shared layout '{Names.Printable(remove.Id)}' does not exist");

            default:
                throw ManagerException.BadRequest($"unknown directory command {command.GetType().Name}");
        }
    }

    private void CheckAccess(AppAccess? access)
    {
        if (access is null)
        {
            return;
        }

        foreach (var user in access.Users)
        {
            Names.Check("access.users[]", user);
        }

        foreach (var group in access.Groups)
        {
            Names.Check("access.groups[]", group);
            if (!_state.Groups.Contains(group))
            {
                throw ManagerException.BadRequest($"access.groups: the group '{Names.Printable(group)}' does not exist");
            }
        }
    }

    private object Snapshot() => _state.Snapshot();

    private void Publish()
    {
        _holder.Current = _state.View(LastSequenceNr);
        _changed?.Invoke(LastSequenceNr);
    }
}
