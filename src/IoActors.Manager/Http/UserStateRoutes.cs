using System.Text.Json;
using IoActors.Manager.Auth;
using IoActors.Manager.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IoActors.Manager.Http;

/// <summary>
/// The user API's layouts (the user's private ones plus the shared ones they may see, with a default), preferences per
/// app, and feedback. A user reaches only their own private state: every route works on the authenticated user.
/// </summary>
internal static class UserStateRoutes
{
    private const int MaxFeedbackChars = 1024 * 1024;

    public static void Map(IEndpointRouteBuilder api, ManagerContext m)
    {
        api.MapGet("/user/layouts", async (HttpContext context, CancellationToken ct) =>
        {
            var (caller, state) = await StateAsync(m, context, ct);
            return Results.Json(LayoutsOf(m, caller, state), ManagerContext.Json);
        });

        api.MapPost("/user/layouts", async (HttpContext context, CancellationToken ct) =>
        {
            var caller = await m.CallerAsync(context);
            var body = await m.ReadObjectAsync(context.Request, ct);
            var definition = Fields.String(body, "definition", int.MaxValue);
            var type = Names.Check("type", Fields.String(body, "type"));
            var name = Names.Check("name", Fields.String(body, "name"));
            var id = Fields.OptionalString(body, "id") is { } given ? Names.Check("id", given) : null;
            var isDefault = Fields.OptionalBool(body, "default");
            if (m.Directory.SharedLayouts.Any(l => l.Id == id))
            {
                throw ManagerException.Forbidden($"id: '{Names.Printable(id!)}' is a shared layout; only an admin changes it (PUT /admin/layouts/{{id}})");
            }

            var saved = await m.AskAsync<SavedUserLayout>(m.Users, new SaveUserLayout(caller.User, id, type, name, definition, isDefault), ct);
            return Results.Json(Private(caller, saved), ManagerContext.Json);
        });

        Delegate clear = async (HttpContext context, CancellationToken ct) =>
        {
            var caller = await m.CallerAsync(context);
            await m.AskAsync<Done>(m.Users, new ClearUserLayouts(caller.User), ct);
            var state = await m.AskAsync<UserStateView>(m.Users, new GetUserState(caller.User), ct);
            return Results.Json(LayoutsOf(m, caller, state), ManagerContext.Json);
        };
        api.MapDelete("/user/layouts", clear);

        api.MapGet("/user/layouts/default", async (HttpContext context, CancellationToken ct) =>
        {
            var (caller, state) = await StateAsync(m, context, ct);
            var layout = LayoutsOf(m, caller, state).FirstOrDefault(l => l.Default == true);
            return layout is null ? Results.NoContent() : Results.Json(layout, ManagerContext.Json);
        });

        api.MapPost("/user/layouts/default", async (HttpContext context, CancellationToken ct) =>
        {
            var caller = await m.CallerAsync(context);
            var body = await m.ReadObjectAsync(context.Request, ct);
            var id = Fields.OptionalString(body, "id");
            var before = await m.AskAsync<UserStateView>(m.Users, new GetUserState(caller.User), ct);
            if (id is not null && !LayoutsOf(m, caller, before).Any(l => l.Id == id))
            {
                throw ManagerException.NotFound($"id: layout '{Names.Printable(id)}' is neither one of the user's nor shared with them");
            }

            await m.AskAsync<Done>(m.Users, new ChooseDefaultLayout(caller.User, id), ct);
            var after = await m.AskAsync<UserStateView>(m.Users, new GetUserState(caller.User), ct);
            var layout = LayoutsOf(m, caller, after).FirstOrDefault(l => l.Default == true);
            return layout is null ? Results.NoContent() : Results.Json(layout, ManagerContext.Json);
        });

        api.MapDelete("/user/layouts/{id}", async (HttpContext context, string id, CancellationToken ct) =>
        {
            var caller = await m.CallerAsync(context);
            await m.AskAsync<Done>(m.Users, new DeleteUserLayout(caller.User, id), ct);
            return Results.NoContent();
        });

        api.MapPost("/user/layouts/{id}/rename", async (HttpContext context, string id, CancellationToken ct) =>
        {
            var caller = await m.CallerAsync(context);
            var body = await m.ReadObjectAsync(context.Request, ct);
            var newName = Names.Check("newName", Fields.String(body, "newName"));
            var renamed = await m.AskAsync<SavedUserLayout>(m.Users, new RenameUserLayout(caller.User, id, newName), ct);
            return Results.Json(Private(caller, renamed), ManagerContext.Json);
        });

        Delegate allPrefs = async (HttpContext context, CancellationToken ct) =>
        {
            var (caller, state) = await StateAsync(m, context, ct);
            return Results.Json(state.Prefs.Values.OrderBy(p => p.App, StringComparer.OrdinalIgnoreCase).Select(p => PrefsJson(caller, p)), ManagerContext.Json);
        };
        api.MapGet("/user/prefs", allPrefs);

        api.MapGet("/user/prefs/{app}", async (HttpContext context, string app, CancellationToken ct) =>
        {
            var (caller, state) = await StateAsync(m, context, ct);
            // Case-insensitive by app name, also when the view came from another cluster node (its dictionary then has the default comparer).
            if (state.Prefs.Values.FirstOrDefault(p => string.Equals(p.App, app, StringComparison.OrdinalIgnoreCase)) is not { } prefs)
            {
                throw ManagerException.NotFound($"no preferences are stored for app '{Names.Printable(app)}'");
            }

            if (context.Request.Query["last"].ToString() is { Length: > 0 } last
                && long.TryParse(last, out var since)
                && prefs.LastUpdate.ToUnixTimeMilliseconds() <= since)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return Results.Json(PrefsJson(caller, prefs), ManagerContext.Json);
        });

        Delegate setPrefs = async (HttpContext context, CancellationToken ct) =>
        {
            var caller = await m.CallerAsync(context);
            var body = await m.ReadObjectAsync(context.Request, ct);
            var app = Names.Check("app", Fields.String(body, "app"));
            if (Fields.OptionalString(body, "user") is { } user && !string.Equals(user, caller.User, StringComparison.OrdinalIgnoreCase))
            {
                throw ManagerException.Forbidden($"user: '{Names.Printable(user)}' is not the authenticated user; a user stores only their own preferences");
            }

            var data = Fields.OptionalObject(body, "data") ?? throw ManagerException.BadRequest("data: required, an object");
            var merge = Fields.OptionalBool(body, "merge") ?? false;
            var prefs = await m.AskAsync<UserPrefs>(m.Users, new SavePrefs(caller.User, app, data.GetRawText(), merge), ct);
            return Results.Json(PrefsJson(caller, prefs), ManagerContext.Json);
        };
        api.MapPost("/user/prefs", setPrefs);

        Delegate clearPrefs = async (HttpContext context, CancellationToken ct) =>
        {
            var caller = await m.CallerAsync(context);
            await m.AskAsync<Done>(m.Users, new DeletePrefs(caller.User, null), ct);
            return Results.NoContent();
        };
        api.MapDelete("/user/prefs", clearPrefs);

        api.MapDelete("/user/prefs/{app}", async (HttpContext context, string app, CancellationToken ct) =>
        {
            var caller = await m.CallerAsync(context);
            await m.AskAsync<Done>(m.Users, new DeletePrefs(caller.User, app), ct);
            return Results.NoContent();
        });

        api.MapPost("/user/feedbacks", async (HttpContext context, CancellationToken ct) =>
        {
            var caller = await m.CallerAsync(context);
            if (!context.Request.HasFormContentType)
            {
                throw ManagerException.BadRequest("the feedback must be multipart/form-data with 'description' and 'attachment' fields");
            }

            IFormCollection form;
            try
            {
                form = await context.Request.ReadFormAsync(ct);
            }
            catch (Exception e) when (e is InvalidDataException or (IOException and not BadHttpRequestException))
            {
                throw ManagerException.BadRequest($"the feedback's form was refused: {e.Message}");
            }

            var description = form["description"].ToString();
            var attachment = form["attachment"].ToString();
            if (form.Files.GetFile("attachment") is { } file)
            {
                using var reader = new StreamReader(file.OpenReadStream());
                attachment = await reader.ReadToEndAsync(ct);
            }

            if (description.Length + attachment.Length > MaxFeedbackChars)
            {
                throw ManagerException.TooLarge($"the feedback has {description.Length + attachment.Length} characters; at most {MaxFeedbackChars} are kept");
            }

            var feedback = new FeedbackReport(Guid.NewGuid().ToString("N"), m.Clock.GetUtcNow(), caller.User, caller.Session ?? string.Empty, description, attachment, false, null);
            await m.AskAsync<FeedbackReport>(m.Reports, new StoreFeedback(feedback), ct);
            return Results.Json(FeedbackJson(feedback), ManagerContext.Json);
        });
    }

    /// <summary>A layout as the user API serves it.</summary>
    internal sealed record LayoutJson(string Definition, string Id, string Type, string Name, string? Owner, bool? Default);

    /// <summary>The layouts a user sees: their private ones, then the shared ones visible to them; the default is the user's choice, else a shared default.</summary>
    internal static IEnumerable<LayoutJson> LayoutsOf(ManagerContext m, Caller caller, UserStateView state)
    {
        var shared = m.Directory.SharedLayoutsFor(caller.User, m.GroupsOf(caller)).ToList();
        var chosen = state.DefaultLayout is { } id && (state.Layouts.ContainsKey(id) || shared.Any(s => s.Id == id)) ? id : null;
        chosen ??= shared.FirstOrDefault(s => s.Default)?.Id;
        foreach (var layout in state.Layouts.Values.OrderBy(l => l.Type, StringComparer.Ordinal).ThenBy(l => l.Name, StringComparer.Ordinal))
        {
            yield return new LayoutJson(layout.Definition, layout.Id, layout.Type, layout.Name, caller.User, layout.Id == chosen);
        }

        foreach (var layout in shared)
        {
            yield return new LayoutJson(layout.Definition, layout.Id, layout.Type, layout.Name, layout.Owner, layout.Id == chosen);
        }
    }

    internal static object FeedbackJson(FeedbackReport f) => new
    {
        id = f.Id,
        date = f.Date,
        user = f.User,
        session = f.Session,
        description = f.Description,
        attachment = f.Attachment,
        reviewed = f.Reviewed,
        comment = f.Comment,
    };

    private static LayoutJson Private(Caller caller, SavedUserLayout saved) =>
        new(saved.Layout.Definition, saved.Layout.Id, saved.Layout.Type, saved.Layout.Name, caller.User, saved.IsDefault);

    private static object PrefsJson(Caller caller, UserPrefs prefs) => new
    {
        data = JsonSerializer.Deserialize<JsonElement>(prefs.Data),
        id = prefs.App,
        app = prefs.App,
        user = caller.User,
        lastUpdate = prefs.LastUpdate,
    };

    private static async Task<(Caller Caller, UserStateView State)> StateAsync(ManagerContext m, HttpContext context, CancellationToken ct)
    {
        var caller = await m.CallerAsync(context);
        return (caller, await m.AskAsync<UserStateView>(m.Users, new GetUserState(caller.User), ct));
    }
}
