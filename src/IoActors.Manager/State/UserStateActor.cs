using System.Text.Json;
using Akka.Actor;
using Akka.Persistence;
using IoActors.Apps.Definitions;
using IoActors.Platform.Hosting;

namespace IoActors.Manager.State;

/// <summary>Requests about one user's private state; refusals answer a <see cref="ManagerRefusal"/>.</summary>
internal abstract record UserCommand(string User);

/// <summary>The answer is a <see cref="UserStateView"/>.</summary>
internal sealed record GetUserState(string User) : UserCommand(User);

/// <summary>
/// Creates a layout, or replaces the one with <paramref name="Id"/> (or else the one of that type and name); with
/// <paramref name="Default"/> true it becomes the default, with false it stops being it. The answer is a <see cref="SavedUserLayout"/>.
/// </summary>
internal sealed record SaveUserLayout(string User, string? Id, string Type, string Name, string Definition, bool? Default) : UserCommand(User);

/// <summary>The answer is <see cref="Done"/>.</summary>
internal sealed record DeleteUserLayout(string User, string Id) : UserCommand(User);

/// <summary>The answer is <see cref="Done"/>.</summary>
internal sealed record ClearUserLayouts(string User) : UserCommand(User);

/// <summary>The answer is a <see cref="SavedUserLayout"/> of the renamed layout.</summary>
internal sealed record RenameUserLayout(string User, string Id, string NewName) : UserCommand(User);

/// <summary>Chooses the default layout (a private or shared id, checked by the caller) or clears it; the answer is <see cref="Done"/>.</summary>
internal sealed record ChooseDefaultLayout(string User, string? Id) : UserCommand(User);

/// <summary>Replaces (or merges into) an app's preferences (<paramref name="Data"/>: a JSON object's text, checked by the route); the answer is the <see cref="UserPrefs"/>.</summary>
internal sealed record SavePrefs(string User, string App, string Data, bool Merge) : UserCommand(User);

/// <summary>Removes one app's preferences, or all with <paramref name="App"/> null; the answer is <see cref="Done"/>.</summary>
internal sealed record DeletePrefs(string User, string? App) : UserCommand(User);

/// <summary>A user's layouts (by id), default layout id and preferences (by app).</summary>
internal sealed record UserStateView(IReadOnlyDictionary<string, UserLayout> Layouts, string? DefaultLayout, IReadOnlyDictionary<string, UserPrefs> Prefs);

/// <summary>A layout as stored, and whether it is the user's default.</summary>
internal sealed record SavedUserLayout(UserLayout Layout, bool IsDefault);

/// <summary>Published on the event stream after a user's state changed (the persisted event).</summary>
internal sealed record UserStateChanged(string User, object Event);

/// <summary>The answer to a change that returns nothing.</summary>
internal sealed record Done
{
    public static Done Instance { get; } = new();
}

/// <summary>
/// One user's private layouts, default layout and app preferences (persistence id <c>ioactors-manager-user-{hash of the
/// user}</c>), bounded by <c>manager.limits.maxLayoutsPerUser</c> and <c>maxUserStateBytes</c>. Started on demand by
/// <see cref="UsersActor"/> (one node) or by Cluster.Sharding (cluster mode) and stopped when idle.
/// </summary>
internal sealed class UserStateActor : SnapshottingActor
{
    private const int SnapshotEvery = 100;

    private readonly string _persistenceId;
    private readonly Configuration.ManagerLimitsOptions _limits;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, UserLayout> _layouts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserPrefs> _prefs = new(StringComparer.OrdinalIgnoreCase);
    private string? _default;

    public UserStateActor(string persistenceId, PlatformJournal journal, Configuration.ManagerLimitsOptions limits, TimeProvider clock, TimeSpan? idle)
        : base(journal)
    {
        _persistenceId = persistenceId;
        _limits = limits;
        _clock = clock;
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is UserStateSnapshot snapshot)
            {
                foreach (var layout in snapshot.Layouts)
                {
                    _layouts[layout.Id] = layout;
                }

                foreach (var prefs in snapshot.Prefs)
                {
                    _prefs[prefs.App] = prefs;
                }

                _default = snapshot.DefaultLayout;
            }
        });
        Recover<object>(Apply);
        Command<GetUserState>(_ => Sender.Tell(View()));
        Command<UserCommand>(Handle);
        // Under UsersActor it asks its parent to stop it when idle; as a sharded entity (idle null) sharding passivates it.
        Command<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(Self)));
        if (idle is { } after)
        {
            Context.SetReceiveTimeout(after);
        }
    }

    public override string PersistenceId => _persistenceId;

    private void Handle(UserCommand command)
    {
        var sender = Sender;
        object[] events;
        object answer;
        try
        {
            (events, answer) = Decide(command);
        }
        catch (ManagerException refused)
        {
            sender.Tell(ManagerRefusal.Of(refused));
            return;
        }

        PersistAll(events, persisted =>
        {
            Apply(persisted);
            Context.System.EventStream.Publish(new UserStateChanged(command.User, persisted));
            SnapshotWhenDue(SnapshotEvery, () => new UserStateSnapshot([.. _layouts.Values], _default, [.. _prefs.Values]));
        });
        DeferAsync(answer, a => sender.Tell(a is SavedUserLayout saved ? saved with { IsDefault = _default == saved.Layout.Id } : a));
    }

    private (object[] Events, object Answer) Decide(UserCommand command)
    {
        var now = _clock.GetUtcNow();
        switch (command)
        {
            case SaveUserLayout save:
                {
                    var existing = save.Id is not null && _layouts.TryGetValue(save.Id, out var byId)
                        ? byId
                        : _layouts.Values.FirstOrDefault(l => l.Type == save.Type && l.Name == save.Name);
                    if (existing is null && _layouts.Count >= _limits.MaxLayoutsPerUser)
                    {
                        throw ManagerException.Conflict($"the user has {_layouts.Count} layouts; manager.limits.maxLayoutsPerUser is {_limits.MaxLayoutsPerUser}");
                    }

                    CheckBytes(save.Definition.Length - (existing?.Definition.Length ?? 0));
                    var layout = new UserLayout(existing?.Id ?? save.Id ?? Guid.NewGuid().ToString("N"), save.Type, save.Name, save.Definition, now);
                    object[] saved = save.Default switch
                    {
                        true => [new UserLayoutSaved(layout), new UserDefaultLayoutChosen(layout.Id)],
                        false when _default == layout.Id => [new UserLayoutSaved(layout), new UserDefaultLayoutChosen(null)],
                        _ => [new UserLayoutSaved(layout)],
                    };
                    return (saved, new SavedUserLayout(layout, false));
                }

            case DeleteUserLayout delete:
                return _layouts.ContainsKey(delete.Id)
                    ? ([new UserLayoutDeleted(delete.Id)], Done.Instance)
                    : throw ManagerException.NotFound($"layout '{Names.Printable(delete.Id)}' does not exist");

            case ClearUserLayouts:
                return ([new UserLayoutsCleared()], Done.Instance);

            case RenameUserLayout rename:
                {
                    if (!_layouts.TryGetValue(rename.Id, out var layout))
                    {
                        throw ManagerException.NotFound($"layout '{Names.Printable(rename.Id)}' does not exist");
                    }

                    if (_layouts.Values.Any(l => l.Id != rename.Id && l.Type == layout.Type && l.Name == rename.NewName))
                    {
                        throw ManagerException.Conflict($"newName: a {layout.Type} layout named '{Names.Printable(rename.NewName)}' exists already");
                    }

                    var renamed = layout with { Name = rename.NewName, Definition = RenameDefinition(layout.Definition, rename.NewName), Updated = now };
                    return ([new UserLayoutSaved(renamed)], new SavedUserLayout(renamed, false));
                }

            case ChooseDefaultLayout choose:
                return ([new UserDefaultLayoutChosen(choose.Id)], Done.Instance);

            case SavePrefs save:
                {
                    _prefs.TryGetValue(save.App, out var existing);
                    var data = save.Merge && existing is not null
                        ? JsonMerge.Merge(JsonSerializer.Deserialize<JsonElement>(existing.Data), JsonSerializer.Deserialize<JsonElement>(save.Data)).GetRawText()
                        : save.Data;
                    CheckBytes(data.Length - (existing?.Data.Length ?? 0));
                    var prefs = new UserPrefs(existing?.App ?? save.App, data, now);
                    return ([new UserPrefsSaved(prefs)], prefs);
                }

            case DeletePrefs delete:
                return delete.App is null || _prefs.ContainsKey(delete.App)
                    ? ([new UserPrefsDeleted(delete.App)], Done.Instance)
                    : throw ManagerException.NotFound($"no preferences are stored for app '{Names.Printable(delete.App)}'");

            default:
                throw ManagerException.BadRequest($"unknown user command {command.GetType().Name}");
        }
    }

    // The stored definition carries the name too (clients read it from there when the field is missing): keep both in step.
    private static string RenameDefinition(string definition, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(definition);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("name", out _))
            {
                return definition;
            }

            var patch = JsonElements.Build(w =>
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteEndObject();
            });
            return JsonMerge.Merge(document.RootElement, patch).GetRawText();
        }
        catch (JsonException)
        {
            return definition;
        }
    }

    private void CheckBytes(long growth)
    {
        var used = _layouts.Values.Sum(l => (long)l.Definition.Length) + _prefs.Values.Sum(p => (long)p.Data.Length);
        if (growth > 0 && used + growth > _limits.MaxUserStateBytes)
        {
            throw ManagerException.TooLarge($"the user's layouts and preferences would take {used + growth} characters; manager.limits.maxUserStateBytes is {_limits.MaxUserStateBytes}");
        }
    }

    private void Apply(object e)
    {
        switch (e)
        {
            case UserLayoutSaved saved:
                _layouts[saved.Layout.Id] = saved.Layout;
                break;
            case UserLayoutDeleted deleted:
                _layouts.Remove(deleted.Id);
                if (_default == deleted.Id)
                {
                    _default = null;
                }

                break;
            case UserLayoutsCleared:
                if (_default is not null && _layouts.ContainsKey(_default))
                {
                    _default = null;
                }

                _layouts.Clear();
                break;
            case UserDefaultLayoutChosen chosen:
                _default = chosen.Id;
                break;
            case UserPrefsSaved saved:
                _prefs[saved.Prefs.App] = saved.Prefs;
                break;
            case UserPrefsDeleted deleted:
                if (deleted.App is null)
                {
                    _prefs.Clear();
                }
                else
                {
                    _prefs.Remove(deleted.App);
                }

                break;
        }
    }

    private UserStateView View() => new(new Dictionary<string, UserLayout>(_layouts), _default, new Dictionary<string, UserPrefs>(_prefs, StringComparer.OrdinalIgnoreCase));
}
