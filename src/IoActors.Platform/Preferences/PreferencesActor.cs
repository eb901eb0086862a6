using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Persistence;
using IoActors.Platform.Hosting;

namespace IoActors.Platform.Preferences;

/// <summary>
/// Keeps the app preferences (<c>io.prefs</c>) per user and app at /user/platform/prefs, journaled with the platform's
/// plugins so they survive a restart when the platform persists. A change is journaled before it is answered and
/// published (<see cref="PreferencesChanged"/>); commands that arrive meanwhile wait. One app's preferences are bounded
/// in bytes (<c>ioactors.preferences.maxBytesPerApp</c>): a change past it is refused and nothing stored changes.
/// Every <see cref="SnapshotEvery"/> changes the whole state is saved as a snapshot and the older events deleted.
/// </summary>
internal sealed class PreferencesActor : SnapshottingActor
{
    public const string Id = "ioactors-app-preferences";
    public const int SnapshotEvery = 100;

    private readonly long _maxBytes;
    private readonly TimeProvider _clock;

    // (user, app) → the stored preferences.
    private readonly Dictionary<(string User, string App), PreferencesStored> _entries = [];

    public PreferencesActor(PlatformJournal journal, long maxBytesPerApp, TimeProvider clock)
        : base(journal)
    {
        _maxBytes = maxBytesPerApp;
        _clock = clock;
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is PreferencesSnapshot snapshot)
            {
                _entries.Clear();
                foreach (var entry in snapshot.Entries)
                {
                    _entries[(entry.User, entry.App)] = entry;
                }
            }
        });
        Recover<PreferencesStored>(Apply);
        Recover<PreferencesRemoved>(Apply);
        Recover<PreferencesReplaced>(Apply);
        Command<GetPreferences>(m => Reply(() => Current(m.User, ValidApp(m.App))));
        Command<GetAllPreferences>(m => Sender.Tell((IReadOnlyList<AppPreferences>)[.. _entries.Values.Where(e => e.User == m.User).OrderBy(e => e.App, StringComparer.Ordinal).Select(ToPublic)], Self));
        Command<SetPreferences>(Set);
        Command<ClearPreferences>(Clear);
        Command<ReplacePreferences>(Replace);
    }

    /// <inheritdoc />
    public override string PersistenceId => Id;

    public static Props Props(PlatformJournal journal, long maxBytesPerApp, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new PreferencesActor(journal, maxBytesPerApp, clock));

    private void Set(SetPreferences m)
    {
        string app;
        string text;
        try
        {
            app = ValidApp(m.App);
            if (m.Data.ValueKind != JsonValueKind.Object)
            {
                throw new PreferencesException($"App preferences for '{app}': data must be a JSON object, not {m.Data.ValueKind.ToString().ToLowerInvariant()}.");
            }

            text = m.Merge && _entries.TryGetValue((m.User, app), out var existing) ? Merge(existing.Data, m.Data) : m.Data.GetRawText();
            var bytes = Encoding.UTF8.GetByteCount(text);
            if (bytes > _maxBytes)
            {
                throw new PreferencesException(
                    $"App preferences for '{app}' would take {bytes} bytes; the limit is {_maxBytes} bytes (ioactors.preferences.maxBytesPerApp). Nothing was changed.");
            }
        }
        catch (PreferencesException e)
        {
            Sender.Tell(new Status.Failure(e), Self);
            return;
        }

        var sender = Sender;
        Persist(new PreferencesStored(m.User, app, text, _clock.GetUtcNow()), stored =>
        {
            Apply(stored);
            var current = ToPublic(stored);
            // Published before the answer: a subscriber (the io.Manager mirror) has the change before the caller goes on.
            Context.System.EventStream.Publish(new PreferencesChanged(stored.User, current));
            sender.Tell(current, Self);
            MaybeSnapshot();
        });
    }

    private void Clear(ClearPreferences m)
    {
        IReadOnlyList<string> apps;
        try
        {
            apps = m.App is null
                ? [.. _entries.Keys.Where(k => k.User == m.User).Select(k => k.App).Order(StringComparer.Ordinal)]
                : _entries.ContainsKey((m.User, ValidApp(m.App))) ? [m.App] : [];
        }
        catch (PreferencesException e)
        {
            Sender.Tell(new Status.Failure(e), Self);
            return;
        }

        if (apps.Count == 0)
        {
            Sender.Tell(apps, Self);
            return;
        }

        var sender = Sender;
        Persist(new PreferencesRemoved(m.User, apps), removed =>
        {
            Apply(removed);
            foreach (var app in removed.Apps)
            {
                Context.System.EventStream.Publish(new PreferencesChanged(removed.User, Empty(app)));
            }

            sender.Tell(removed.Apps, Self);

            MaybeSnapshot();
        });
    }

    private void Replace(ReplacePreferences m)
    {
        var refused = new List<string>();
        var entries = new Dictionary<string, PreferencesStored>(StringComparer.Ordinal);
        var now = _clock.GetUtcNow();
        foreach (var prefs in m.Preferences)
        {
            var text = prefs.Data.ValueKind == JsonValueKind.Object ? prefs.Data.GetRawText() : null;
            var bytes = text is null ? 0 : Encoding.UTF8.GetByteCount(text);
            if (string.IsNullOrWhiteSpace(prefs.App))
            {
                refused.Add("an entry without an app name");
            }
            else if (text is null)
            {
                refused.Add($"'{prefs.App}': data must be a JSON object, not {prefs.Data.ValueKind.ToString().ToLowerInvariant()}");
            }
            else if (bytes > _maxBytes)
            {
                refused.Add($"'{prefs.App}': {bytes} bytes, more than {_maxBytes} (ioactors.preferences.maxBytesPerApp)");
            }
            else
            {
                entries[prefs.App] = new PreferencesStored(m.User, prefs.App, text, prefs.LastUpdate ?? now);
            }
        }

        var before = _entries.Keys.Where(k => k.User == m.User).Select(k => k.App).ToList();
        var sender = Sender;
        Persist(new PreferencesReplaced(m.User, [.. entries.Values.OrderBy(e => e.App, StringComparer.Ordinal)]), replaced =>
        {
            Apply(replaced);
            var removed = before.Where(app => !entries.ContainsKey(app)).ToList();
            sender.Tell(new PreferencesReplacement(replaced.Entries.Count, removed.Count, refused), Self);
            foreach (var app in removed)
            {
                Context.System.EventStream.Publish(new PreferencesChanged(replaced.User, Empty(app)) { FromServer = true });
            }

            foreach (var entry in replaced.Entries)
            {
                Context.System.EventStream.Publish(new PreferencesChanged(replaced.User, ToPublic(entry)) { FromServer = true });
            }

            MaybeSnapshot();
        });
    }

    private void Apply(PreferencesReplaced replaced)
    {
        foreach (var key in _entries.Keys.Where(k => k.User == replaced.User).ToList())
        {
            _entries.Remove(key);
        }

        foreach (var entry in replaced.Entries)
        {
            _entries[(entry.User, entry.App)] = entry;
        }
    }

    private void Apply(PreferencesStored stored) => _entries[(stored.User, stored.App)] = stored;

    private void Apply(PreferencesRemoved removed)
    {
        foreach (var app in removed.Apps)
        {
            _entries.Remove((removed.User, app));
        }
    }

    private void MaybeSnapshot() => SnapshotWhenDue(SnapshotEvery, () => new PreferencesSnapshot([.. _entries.Values]));

    private void Reply(Func<AppPreferences> answer)
    {
        try
        {
            Sender.Tell(answer(), Self);
        }
        catch (PreferencesException e)
        {
            Sender.Tell(new Status.Failure(e), Self);
        }
    }

    private AppPreferences Current(string user, string app) =>
        _entries.TryGetValue((user, app), out var stored) ? ToPublic(stored) : Empty(app);

    private static string ValidApp(string? app) =>
        string.IsNullOrWhiteSpace(app) ? throw new PreferencesException("App preferences: the app name is missing or blank.") : app;

    private static AppPreferences ToPublic(PreferencesStored stored)
    {
        using var document = JsonDocument.Parse(stored.Data);
        return new AppPreferences(stored.App, document.RootElement.Clone(), stored.LastUpdate);
    }

    private static AppPreferences Empty(string app)
    {
        using var document = JsonDocument.Parse("{}");
        return new AppPreferences(app, document.RootElement.Clone(), null);
    }

    // io.prefs update: the given top-level properties replace or add to the stored ones; the others stay.
    private static string Merge(string existing, JsonElement update)
    {
        var merged = JsonNode.Parse(existing) as JsonObject ?? [];
        foreach (var property in update.EnumerateObject())
        {
            merged[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }

        return merged.ToJsonString();
    }
}
