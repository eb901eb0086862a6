using System.Text.Json;
using IoActors.Apps.Definitions;
using IoActors.Manager.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IoActors.Manager.Http;

/// <summary>
/// The admin API (<c>/admin/…</c>, admins only): apps and who sees them, users, groups and membership. Shared layouts,
/// sessions, commands, reports and the audit log are in <see cref="AdminOperationsRoutes"/>. Every change is audited.
/// </summary>
internal static class AdminRoutes
{
    public static void Map(IEndpointRouteBuilder api, ManagerContext m)
    {
        var admin = api.MapGroup("/admin");

        admin.MapGet("/apps", async (HttpContext context) =>
        {
            await m.AdminAsync(context);
            return Results.Json(m.Directory.Apps.Select(AppJson), ManagerContext.Json);
        });

        // One definition, an array of them, or a REST store response { "applications": [...] }; ?everyone=true&groups=a,b&users=u grants access.
        admin.MapPost("/apps", async (HttpContext context, CancellationToken ct) =>
        {
            var caller = await m.AdminAsync(context);
            var body = await m.ReadBytesAsync(context.Request, ct);
            var result = AppDefinitionReader.ReadJson(body, "request body", StoreKind.Regular);
            return await SaveAppsAsync(m, caller.User, result, AccessFromQuery(context.Request), ct);
        });

        // { "folder": "/path" } reads the folder's *.json files as a path store does.
        admin.MapPost("/apps/import", async (HttpContext context, CancellationToken ct) =>
        {
            var caller = await m.AdminAsync(context);
            var body = await m.ReadObjectAsync(context.Request, ct);
            var folder = Fields.String(body, "folder", 4096);
            if (!Directory.Exists(folder))
            {
                throw ManagerException.BadRequest($"folder: '{Names.Printable(folder)}' is not a folder the server can read");
            }

            var files = Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                throw ManagerException.BadRequest($"folder: '{Names.Printable(folder)}' holds no *.json files");
            }

            var result = AppDefinitionReader.ReadFiles(files, StoreKind.Regular);
            return await SaveAppsAsync(m, caller.User, result, AccessFromBody(body) ?? AccessFromQuery(context.Request), ct);
        });

        admin.MapGet("/apps/{name}", async (HttpContext context, string name) =>
        {
            await m.AdminAsync(context);
            return m.Directory.AppsByName.TryGetValue(name, out var app)
                ? Results.Json(AppJson(app), ManagerContext.Json)
                : throw ManagerException.NotFound($"app '{Names.Printable(name)}' does not exist");
        });

        admin.MapPut("/apps/{name}", async (HttpContext context, string name, CancellationToken ct) =>
        {
            var caller = await m.AdminAsync(context);
            var body = await m.ReadBytesAsync(context.Request, ct);
            var result = AppDefinitionReader.ReadJson(body, "request body", StoreKind.Regular);
            if (result.Definitions.Count == 1 && !string.Equals(result.Definitions[0].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                throw ManagerException.BadRequest($"name: the definition is named '{Names.Printable(result.Definitions[0].Name)}', the path '{Names.Printable(name)}'");
            }

            return await SaveAppsAsync(m, caller.User, result, AccessFromQuery(context.Request), ct, expectOne: true);
        });

        admin.MapDelete("/apps/{name}", async (HttpContext context, string name, CancellationToken ct) =>
        {
            var caller = await m.AdminAsync(context);
            await m.ChangeDirectoryAsync(new RemoveApp(caller.User, name), ct);
            return Results.NoContent();
        });

        admin.MapGet("/apps/{name}/access", async (HttpContext context, string name) =>
        {
            await m.AdminAsync(context);
            return m.Directory.AppsByName.TryGetValue(name, out var app)
                ? Results.Json(app.Access, ManagerContext.Json)
                : throw ManagerException.NotFound($"app '{Names.Printable(name)}' does not exist");
        });

        admin.MapPut("/apps/{name}/access", async (HttpContext context, string name, CancellationToken ct) =>
        {
            var caller = await m.AdminAsync(context);
            var body = await m.ReadObjectAsync(context.Request, ct);
            var access = AccessFromBody(body) ?? AppAccess.Nobody;
            var view = await m.ChangeDirectoryAsync(new SetAppAccess(caller.User, name, access), ct);
            return Results.Json(view.AppsByName[name].Access, ManagerContext.Json);
        });

        admin.MapGet("/users", async (HttpContext context) =>
        {
            await m.AdminAsync(context);
            return Results.Json(m.Directory.Users.Values.OrderBy(u => u.Id, StringComparer.OrdinalIgnoreCase).Select(UserJson), ManagerContext.Json);
        });

        // One user object or an array of them: { "id", "password"?, "email"?, "admin"?, "groups"? }.
        admin.MapPost("/users", async (HttpContext context, CancellationToken ct) =>
        {
            var caller = await m.AdminAsync(context);
            var body = await m.ReadJsonAsync(context.Request, ct);
            var items = body.ValueKind == JsonValueKind.Array ? [.. body.EnumerateArray()] : new List<JsonElement> { body };
            var users = items.Select((item, i) => ReadUser(m, item, null, body.ValueKind == JsonValueKind.Array ? $"[{i}]." : string.Empty)).ToList();
            var view = await m.ChangeDirectoryAsync(new PutUsers(caller.User, users), ct);
            return Results.Json(users.Select(u => UserJson(view.Users[u.Id])), ManagerContext.Json);
        });

        admin.MapGet("/users/{id}", async (HttpContext context, string id) =>
        {
            await m.AdminAsync(context);
            return m.Directory.Users.TryGetValue(id, out var user)
                ? Results.Json(UserJson(user), ManagerContext.Json)
                : throw ManagerException.NotFound($"user '{Names.Printable(id)}' does not exist");
        });

        admin.MapPut("/users/{id}", async (HttpContext context, string id, CancellationToken ct) =>
        {
            var caller = await m.AdminAsync(context);
            var body = await m.ReadObjectAsync(context.Request, ct);
            var user = ReadUser(m, body, Names.Check("id", id), string.Empty);
            var view = await m.ChangeDirectoryAsync(new PutUsers(caller.User, [user]), ct);
            return Results.Json(UserJson(view.Users[id]), ManagerContext.Json);
        });

        admin.MapDelete("/users/{id}", async (HttpContext context, string id, CancellationToken ct) =>
        {
            var caller = await m.AdminAsync(context);
            await m.ChangeDirectoryAsync(new RemoveUser(caller.User, id), ct);

            // The sessions actor ends the user's sessions on the deletion it was told before this answer: once it answers, their tokens are refused.
            await m.AskAsync<IReadOnlyList<ManagerSession>>(m.Sessions, new GetSessions(id), ct);
            return Results.NoContent();
        });

        admin.MapGet("/groups", async (HttpContext context) =>
        {
            await m.AdminAsync(context);
            var view = m.Directory;
            return Results.Json(view.Groups.Order(StringComparer.OrdinalIgnoreCase).Select(g => new
            {
                name = g,
                users = view.Users.Values.Where(u => u.Groups.Contains(g, StringComparer.OrdinalIgnoreCase)).Select(u => u.Id).Order(StringComparer.OrdinalIgnoreCase),
            }), ManagerContext.Json);
        });

        admin.MapPut("/groups/{name}", async (HttpContext context, string name, CancellationToken ct) =>
        {
            var caller = await m.AdminAsync(context);
            await m.ChangeDirectoryAsync(new PutGroup(caller.User, name), ct);
            return Results.Json(new { name }, ManagerContext.Json);
        });

        admin.MapDelete("/groups/{name}", async (HttpContext context, string name, CancellationToken ct) =>
        {
            var caller = await m.AdminAsync(context);
            await m.ChangeDirectoryAsync(new RemoveGroup(caller.User, name), ct);
            return Results.NoContent();
        });

        admin.MapPut("/groups/{name}/users/{user}", async (HttpContext context, string name, string user, CancellationToken ct) =>
        {
            var caller = await m.AdminAsync(context);
            var view = await m.ChangeDirectoryAsync(new SetMembership(caller.User, name, user, true), ct);
            return Results.Json(UserJson(view.Users[user]), ManagerContext.Json);
        });

        admin.MapDelete("/groups/{name}/users/{user}", async (HttpContext context, string name, string user, CancellationToken ct) =>
        {
            var caller = await m.AdminAsync(context);
            await m.ChangeDirectoryAsync(new SetMembership(caller.User, name, user, false), ct);
            return Results.NoContent();
        });

        AdminOperationsRoutes.Map(admin, m);
    }

    private static async Task<IResult> SaveAppsAsync(ManagerContext m, string actor, AppDefinitionReadResult result, AppAccess? access, CancellationToken ct, bool expectOne = false)
    {
        var problems = result.Problems.Select(p => (object)new
        {
            severity = p.IsError ? "error" : "warning",
            source = p.Source,
            line = p.Line,
            column = p.Column,
            path = p.Path,
            app = p.AppName,
            message = p.Message,
            text = p.ToString(),
        }).ToList();
        if (result.HasErrors)
        {
            var first = result.Problems.First(p => p.IsError);
            throw ManagerException.BadRequest($"{result.ErrorCount} definition error(s); nothing was stored. First: {first}", problems);
        }

        if (result.Definitions.Count == 0 || (expectOne && result.Definitions.Count != 1))
        {
            throw ManagerException.BadRequest(expectOne
                ? $"exactly one definition is required; the body holds {result.Definitions.Count}"
                : "the body holds no app definition");
        }

        var apps = result.Definitions.Select(d => (d.Name, d.ToJsonString())).ToList();
        var view = await m.ChangeDirectoryAsync(new PutApps(actor, apps, access), ct);
        return Results.Json(new { stored = apps.Select(a => a.Name), apps = apps.Select(a => AppJson(view.AppsByName[a.Name])), problems }, ManagerContext.Json);
    }

    private static PutUser ReadUser(ManagerContext m, JsonElement body, string? id, string prefix)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw ManagerException.BadRequest($"{prefix}user: {Fields.Describe(body)} must be an object");
        }

        id ??= Names.Check(prefix + "id", Fields.OptionalString(body, "id"));
        var password = Fields.OptionalString(body, "password", 1024);
        if (password is { Length: < 8 })
        {
            throw ManagerException.BadRequest($"{prefix}password: at least 8 characters are required");
        }

        return new PutUser(
            id,
            password is null ? null : m.Auth.Hash(id, password),
            password is not null,
            Fields.OptionalString(body, "email"),
            Fields.OptionalBool(body, "admin"),
            Fields.OptionalStrings(body, "groups"));
    }

    private static AppAccess? AccessFromBody(JsonElement body)
    {
        var access = Fields.OptionalObject(body, "access") ?? body;
        var everyone = Fields.OptionalBool(access, "everyone");
        var users = Fields.OptionalStrings(access, "users");
        var groups = Fields.OptionalStrings(access, "groups");
        return everyone is null && users is null && groups is null ? null : new AppAccess(everyone ?? false, users ?? [], groups ?? []);
    }

    private static AppAccess? AccessFromQuery(HttpRequest request)
    {
        static IReadOnlyList<string>? List(string? text) => string.IsNullOrEmpty(text)
            ? null
            : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => Names.Check("query", v))];

        var everyoneText = request.Query["everyone"].ToString();
        bool? everyone = everyoneText.Length == 0 ? null : bool.TryParse(everyoneText, out var e) ? e : throw ManagerException.BadRequest($"everyone: '{Names.Printable(everyoneText)}' must be true or false");
        var users = List(request.Query["users"]);
        var groups = List(request.Query["groups"]);
        return everyone is null && users is null && groups is null ? null : new AppAccess(everyone ?? false, users ?? [], groups ?? []);
    }

    internal static object AppJson(ManagerApp app) => new
    {
        name = app.Name,
        definition = JsonSerializer.Deserialize<JsonElement>(app.Definition),
        access = app.Access,
        updated = app.Updated,
    };

    internal static object UserJson(ManagerUser user) => new
    {
        id = user.Id,
        email = user.Email,
        admin = user.Admin,
        groups = user.Groups,
        hasPassword = user.PasswordHash is not null,
        updated = user.Updated,
    };
}
