using System.Text.Json;
using System.Text.Json.Nodes;
using IoActors.Apps.Stores;
using IoActors.Platform.Layouts;

namespace IoActors.Platform.Manager;

/// <summary>
/// Sending one change: the request of the io.Manager user API it maps to, and how the answer is judged. A layout is named
/// by io.Manager's id, taken from its earlier answers or looked up (<c>GET /user/layouts</c>, matching type and name) when
/// unknown; a removal or rename of a layout io.Manager does not have is done (a rename then saves the layout under its new
/// name).
/// </summary>
internal sealed partial class ManagerMirrorActor
{
    private const string Limit = "server.maxPayloadSize";

    private async Task<Outcome> SendAsync(MirrorChange change, Dictionary<(string, string), string> ids)
    {
        var max = _settings.MaxAnswerBytes;
        switch (change)
        {
            case PrefsSetChange set:
            {
                var body = new JsonObject { ["app"] = set.App, ["data"] = JsonNode.Parse(set.Data), ["merge"] = false };
                var result = await _session.SendJsonAsync(HttpMethod.Post, _session.Resolve("user/prefs/"), body, max, Limit).ConfigureAwait(false);
                return Judge(result, "POST", () => Outcome.Done());
            }

            case PrefsDeleteChange delete:
            {
                var result = await _session.SendAsync(HttpMethod.Delete, _session.Resolve("user/prefs/" + Uri.EscapeDataString(delete.App)), null, max, Limit).ConfigureAwait(false);
                return Judge(result, "DELETE", () => Outcome.Done(), notFoundIsDone: true);
            }

            case LayoutSaveChange save:
                return await SaveAsync(save.Type, save.Name, save.Definition, ids.GetValueOrDefault((save.Type, save.Name))).ConfigureAwait(false);

            case LayoutDeleteChange delete:
            {
                var (id, failure) = await IdAsync(ids, delete.Type, delete.Name).ConfigureAwait(false);
                if (failure is not null || id is null)
                {
                    return failure ?? Outcome.Done();
                }

                var result = await _session.SendAsync(HttpMethod.Delete, _session.Resolve("user/layouts/" + Uri.EscapeDataString(id)), null, max, Limit).ConfigureAwait(false);
                return Judge(result, "DELETE", () => Outcome.Done(((delete.Type, delete.Name), null)), notFoundIsDone: true);
            }

            case LayoutRenameChange rename:
            {
                var (id, failure) = await IdAsync(ids, rename.Type, rename.OldName).ConfigureAwait(false);
                if (failure is not null)
                {
                    return failure;
                }

                if (id is not null)
                {
                    var url = _session.Resolve($"user/layouts/{Uri.EscapeDataString(id)}/rename");
                    var result = await _session.SendJsonAsync(HttpMethod.Post, url, new JsonObject { ["newName"] = rename.NewName }, max, Limit).ConfigureAwait(false);
                    if (!(result.Error is null && result.Status == 404))
                    {
                        return Judge(result, "POST", () => Outcome.Done(((rename.Type, rename.OldName), null), ((rename.Type, rename.NewName), AnsweredId(result) ?? id)));
                    }
                }

                var saved = await SaveAsync(rename.Type, rename.NewName, rename.Definition, null).ConfigureAwait(false);
                return saved.Kind == OutcomeKind.Done ? saved with { Ids = [.. saved.Ids, ((rename.Type, rename.OldName), null)] } : saved;
            }

            case DefaultLayoutChange chosen:
            {
                var body = new JsonObject();
                if (chosen.Name is { } name)
                {
                    var (id, failure) = await IdAsync(ids, LayoutTypes.Global, name).ConfigureAwait(false);
                    if (failure is not null || id is null)
                    {
                        return failure ?? Outcome.Refused($"io.Manager has no {LayoutTypes.Global} layout named '{name}' to make the default");
                    }

                    body["id"] = id;
                }

                var result = await _session.SendJsonAsync(HttpMethod.Post, _session.Resolve("user/layouts/default"), body, max, Limit).ConfigureAwait(false);
                return Judge(result, "POST", () => Outcome.Done());
            }

            default:
                return Outcome.Refused($"{change.GetType().Name} is not a change the mirror sends");
        }
    }

    private async Task<Outcome> SaveAsync(string type, string name, string definition, string? id)
    {
        var result = await _session.SendJsonAsync(HttpMethod.Post, _session.Resolve("user/layouts"), ManagerWire.SaveBody(type, name, definition, id), _settings.MaxAnswerBytes, Limit).ConfigureAwait(false);
        return Judge(result, "POST", () => Outcome.Done(((type, name), AnsweredId(result) ?? id)));
    }

    // io.Manager's id of a layout: known from an earlier answer, else looked up in its list (null when it has none).
    private async Task<(string? Id, Outcome? Failure)> IdAsync(Dictionary<(string, string), string> ids, string type, string name)
    {
        if (ids.TryGetValue((type, name), out var known))
        {
            return (known, null);
        }

        var result = await _session.SendAsync(HttpMethod.Get, _session.Resolve("user/layouts"), null, _settings.MaxAnswerBytes, Limit).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return (null, Judge(result, "GET", () => Outcome.Done()));
        }

        var (root, problem) = ManagerWire.Json(result, "GET " + result.Url);
        if (problem is not null || root.ValueKind != JsonValueKind.Array)
        {
            return (null, Outcome.Refused(problem ?? $"GET {result.Url} answered {root.ValueKind.ToString().ToLowerInvariant()}, not an array of layouts"));
        }

        foreach (var item in root.EnumerateArray())
        {
            if (ManagerWire.Text(item, "type") == type && ManagerWire.Text(item, "name") == name && ManagerWire.Text(item, "id") is { } id)
            {
                return (id, null);
            }
        }

        return (null, null);
    }

    private static string? AnsweredId(FetchResult result)
    {
        if (result.Body.Length == 0)
        {
            return null;
        }

        var (root, problem) = ManagerWire.Json(result, result.Url);
        return problem is null ? ManagerWire.Text(root, "id") : null;
    }

    // Network errors, a session that cannot be opened, 401 (after a new session), 408, 429 and 5xx: io.Manager is out of reach
    // and the change waits. Any other answer is final.
    private static Outcome Judge(FetchResult result, string method, Func<Outcome> done, bool notFoundIsDone = false)
    {
        if (result.Error is not null)
        {
            return Outcome.Retry(result.Error);
        }

        if (result.IsSuccess || (notFoundIsDone && result.Status == 404))
        {
            return done();
        }

        var cause = ManagerWire.Describe(result, method);
        return result.Status is 401 or 408 or 429 or >= 500 ? Outcome.Retry(cause) : Outcome.Refused(cause);
    }
}
