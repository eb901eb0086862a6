using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using IoActors.Apps.Stores;
using IoActors.Platform.Layouts;
using IoActors.Platform.Preferences;

namespace IoActors.Platform.Manager;

/// <summary>
/// The import at start: <c>GET /user/prefs/</c> replaces the platform user's local preferences, <c>GET /user/layouts</c>
/// replaces the local layouts (an import with replace), <c>GET /user/layouts/default</c> chooses (or clears) the default
/// Global layout. Each part that io.Manager answered goes in on its own; what could not be read is logged and the
/// corresponding local state is kept.
/// </summary>
internal sealed partial class ManagerMirrorActor
{
    private static readonly TimeSpan LocalTimeout = TimeSpan.FromSeconds(30);

    private void StartImport()
    {
        if (_importStarted)
        {
            return;
        }

        _importStarted = true;
        ImportAsync().PipeTo(Self, Self, r => r, e => new ImportFinished(0, 0, null, [$"the import failed: {e.GetType().Name}: {e.Message}"], []));
    }

    private void Skip(string why)
    {
        if (_importStarted)
        {
            return;
        }

        _importStarted = true;
        _log.Warning("io.Manager: the preferences and layouts are not read from io.Manager ({Why}); the local ones are kept", why);
        Finish(new ManagerStateImported(0, 0, null, [why], Skipped: true));
    }

    private void OnImported(ImportFinished m)
    {
        foreach (var (key, id) in m.Ids)
        {
            _ids[key] = id;
        }

        if (m.Problems.Count == 0)
        {
            _log.Info("io.Manager: imported the preferences of {Apps} apps and {Layouts} layouts (default layout {Default})", m.Preferences, m.Layouts, m.DefaultLayout ?? "none");
        }
        else
        {
            _log.Warning("io.Manager: imported the preferences of {Apps} apps and {Layouts} layouts; not imported: {Problems}", m.Preferences, m.Layouts, string.Join("; ", m.Problems));
        }

        Finish(new ManagerStateImported(m.Preferences, m.Layouts, m.DefaultLayout, m.Problems, Skipped: false));
    }

    private void Finish(ManagerStateImported imported)
    {
        _imported = true;
        Context.System.EventStream.Publish(imported);
        foreach (var waiter in _importWaiters)
        {
            waiter.Tell(ManagerImportDone.Instance, Self);
        }

        _importWaiters.Clear();
        SendNext();
    }

    private async Task<ImportFinished> ImportAsync()
    {
        var problems = new List<string>();
        var preferences = await ImportPreferencesAsync(problems).ConfigureAwait(false);
        var (layouts, defaultLayout, ids) = await ImportLayoutsAsync(problems).ConfigureAwait(false);
        return new ImportFinished(preferences, layouts, defaultLayout, problems, ids);
    }

    private async Task<int> ImportPreferencesAsync(List<string> problems)
    {
        var items = await GetArrayAsync("user/prefs/", "preferences", problems).ConfigureAwait(false);
        if (items is null)
        {
            return 0;
        }

        var list = new List<AppPreferences>();
        var index = 0;
        foreach (var item in items.Value.EnumerateArray())
        {
            var (prefs, problem) = ManagerWire.ReadPreferences(item, index++);
            if (prefs is null)
            {
                problems.Add("preferences " + problem);
            }
            else
            {
                list.Add(prefs);
            }
        }

        var replaced = await _prefs.Ask<PreferencesReplacement>(new ReplacePreferences(_settings.User, list), LocalTimeout).ConfigureAwait(false);
        problems.AddRange(replaced.Refused.Select(r => "preferences " + r));
        return replaced.Stored;
    }

    private async Task<(int Count, string? Default, List<((string, string), string)> Ids)> ImportLayoutsAsync(List<string> problems)
    {
        var ids = new List<((string, string), string)>();
        var items = await GetArrayAsync("user/layouts", "layouts", problems).ConfigureAwait(false);
        if (items is null)
        {
            return (0, null, ids);
        }

        var now = _settings.Clock.GetUtcNow();
        var layouts = new List<PlatformLayout>();
        var index = 0;
        foreach (var item in items.Value.EnumerateArray())
        {
            try
            {
                var (layout, id) = ManagerWire.ReadLayout(item, $"layouts[{index}]", now);
                layouts.Add(layout);
                if (id is not null)
                {
                    ids.Add(((layout.Type, layout.Name), id));
                }
            }
            catch (LayoutException e)
            {
                problems.Add(e.Message);
            }

            index++;
        }

        try
        {
            await _layouts.Ask<IReadOnlyList<PlatformLayout>>(new ImportLayouts(layouts, Replace: true, ImportToken), LocalTimeout).ConfigureAwait(false);
        }
        catch (LayoutException e)
        {
            problems.Add("layouts: " + e.Message);
            return (0, null, ids);
        }

        string? defaultName = null;
        if (await DefaultAsync(ids, problems).ConfigureAwait(false) is { } chosen)
        {
            if (chosen.Name is { } name && !layouts.Any(l => l.Type == LayoutTypes.Global && l.Name == name))
            {
                problems.Add($"default layout: io.Manager names '{name}', which is not among its Global layouts");
            }
            else
            {
                try
                {
                    await _layouts.Ask<LayoutLookup>(new SetDefaultLayout(chosen.Name, ImportToken), LocalTimeout).ConfigureAwait(false);
                    defaultName = chosen.Name;
                }
                catch (LayoutException e)
                {
                    problems.Add("default layout: " + e.Message);
                }
            }
        }

        return (layouts.Count, defaultName, ids);
    }

    // io.Manager's default layout (a null name: none), or null when it did not say.
    private async Task<DefaultAnswer?> DefaultAsync(List<((string, string), string)> ids, List<string> problems)
    {
        var result = await _session.SendAsync(HttpMethod.Get, _session.Resolve("user/layouts/default"), null, _settings.MaxAnswerBytes, Limit).ConfigureAwait(false);
        if (result.Error is null && result.Status is 204 or 404)
        {
            return new DefaultAnswer(null);
        }

        if (!result.IsSuccess)
        {
            problems.Add("default layout: " + ManagerWire.Describe(result, "GET"));
            return null;
        }

        var (root, problem) = ManagerWire.Json(result, "GET " + result.Url);
        if (problem is not null || root.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            problems.Add("default layout: " + (problem ?? $"GET {result.Url} answered {root.ValueKind.ToString().ToLowerInvariant()}, not a layout"));
            return null;
        }

        if (root.ValueKind == JsonValueKind.Null)
        {
            return new DefaultAnswer(null);
        }

        var name = ManagerWire.Text(root, "name")
            ?? (ManagerWire.Text(root, "id") is { } id ? ids.Where(i => i.Item2 == id).Select(i => i.Item1.Item2).FirstOrDefault() : null);
        if (name is null || (ManagerWire.Text(root, "type") ?? LayoutTypes.Global) != LayoutTypes.Global)
        {
            problems.Add($"default layout: io.Manager's answer names no Global layout");
            return null;
        }

        return new DefaultAnswer(name);
    }

    private async Task<JsonElement?> GetArrayAsync(string path, string what, List<string> problems)
    {
        var result = await _session.SendAsync(HttpMethod.Get, _session.Resolve(path), null, _settings.MaxAnswerBytes, Limit).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            problems.Add($"{what}: {ManagerWire.Describe(result, "GET")}");
            return null;
        }

        var (root, problem) = ManagerWire.Json(result, "GET " + result.Url);
        if (problem is not null || root.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{what}: {problem ?? $"GET {result.Url} answered {root.ValueKind.ToString().ToLowerInvariant()}, not an array"}");
            return null;
        }

        return root;
    }

    private sealed record DefaultAnswer(string? Name);

    /// <summary>What the import did (piped back to the actor).</summary>
    private sealed record ImportFinished(int Preferences, int Layouts, string? DefaultLayout, IReadOnlyList<string> Problems, IReadOnlyList<((string Type, string Name) Key, string Id)> Ids);
}
