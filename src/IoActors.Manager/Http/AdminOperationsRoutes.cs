using System.Text.Json;
using IoActors.Manager.State;
using IoActors.Platform.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IoActors.Manager.Http;

/// <summary>The admin API's shared layouts, sessions and their commands, crash reports, feedback and audit log.</summary>
internal static class AdminOperationsRoutes
{
    public static void Map(RouteGroupBuilder admin, ManagerContext m)
    {
        admin.MapGet("/layouts", async (HttpContext context) =>
        {
            await m.AdminAsync(context);
            return Results.Json(m.Directory.SharedLayouts, ManagerContext.Json);
        });

        admin.MapPost("/layouts", async (HttpContext context, CancellationToken ct) =>
        {
            var caller = await m.AdminAsync(context);
            var body = await m.ReadObjectAsync(context.Request, ct);
            var layout = ReadLayout(body, Fields.OptionalString(body, "id") ?? Guid.NewGuid().ToString("N"), caller.User);
            var view = await m.ChangeDirectoryAsync(new PutSharedLayout(caller.User, layout), ct);
            return Results.Json(view.SharedLayouts.First(l => l.Id == layout.Id), ManagerContext.Json, statusCode: StatusCodes.Status201Created);
        });

        admin.MapGet("/layouts/{id}", async (HttpContext context, string id) =>
        {
            await m.AdminAsync(context);
            return m.Directory.SharedLayouts.FirstOrDefault(l => l.Id == id) is { } layout
                ? Results.Json(layout, ManagerContext.Json)
                : throw ManagerException.NotFound($"shared layout '{Names.Printable(id)}' does not exist");
        });

        admin.MapPut("/layouts/{id}", async (HttpContext context, string id, CancellationToken ct) =>
        {
            var caller = await m.AdminAsync(context);
            var body = await m.ReadObjectAsync(context.Request, ct);
            var layout = ReadLayout(body, Names.Check("id", id), caller.User);
            var view = await m.ChangeDirectoryAsync(new PutSharedLayout(caller.User, layout), ct);
            return Results.Json(view.SharedLayouts.First(l => l.Id == id), ManagerContext.Json);
        });

        admin.MapDelete("/layouts/{id}", async (HttpContext context, string id, CancellationToken ct) =>
        {
            var caller = await m.AdminAsync(context);
            await m.ChangeDirectoryAsync(new RemoveSharedLayout(caller.User, id), ct);
            return Results.NoContent();
        });

        admin.MapGet("/sessions", async (HttpContext context, CancellationToken ct) =>
        {
            await m.AdminAsync(context);
            var user = context.Request.Query["user"].ToString();
            var sessions = await m.AskAsync<IReadOnlyList<ManagerSession>>(m.Sessions, new GetSessions(user.Length > 0 ? user : null), ct);
            return Results.Json(sessions.Select(SessionJson), ManagerContext.Json);
        });

        admin.MapGet("/sessions/{id}", async (HttpContext context, string id, CancellationToken ct) =>
        {
            await m.AdminAsync(context);
            var sessions = await m.AskAsync<IReadOnlyList<ManagerSession>>(m.Sessions, new GetSessions(null), ct);
            return sessions.FirstOrDefault(s => s.Id == id) is { } session
                ? Results.Json(SessionJson(session), ManagerContext.Json)
                : throw ManagerException.NotFound($"session '{Names.Printable(id)}' does not exist");
        });

        admin.MapPost("/sessions/{id}/commands", async (HttpContext context, string id, CancellationToken ct) =>
        {
            var caller = await m.AdminAsync(context);
            var body = await m.ReadObjectAsync(context.Request, ct);
            var command = Names.Check("command", Fields.String(body, "command"));
            var parameters = body.TryGetProperty("commandParams", out var p) && p.ValueKind != JsonValueKind.Null
                ? (p.ValueKind == JsonValueKind.String ? p.GetString() : p.GetRawText())
                : null;
            if (parameters is { Length: > 64 * 1024 })
            {
                throw ManagerException.BadRequest($"commandParams: {parameters.Length} characters; at most 65536 are allowed");
            }

            var queued = await m.AskAsync<ManagerCommand>(m.Sessions, new QueueCommand(caller.User, id, command, parameters), ct);
            return Results.Json(UserRoutes.CommandJson(queued), ManagerContext.Json, statusCode: StatusCodes.Status201Created);
        });

        admin.MapGet("/sessions/{id}/commands", async (HttpContext context, string id, CancellationToken ct) =>
        {
            await m.AdminAsync(context);
            var sessions = await m.AskAsync<IReadOnlyList<ManagerSession>>(m.Sessions, new GetSessions(null), ct);
            if (!sessions.Any(s => s.Id == id))
            {
                throw ManagerException.NotFound($"session '{Names.Printable(id)}' does not exist");
            }

            var commands = await m.AskAsync<IReadOnlyList<ManagerCommand>>(m.Sessions, new GetCommands(id), ct);
            return Results.Json(commands.Select(UserRoutes.CommandJson), ManagerContext.Json);
        });

        admin.MapGet("/crashes", async (HttpContext context, CancellationToken ct) =>
        {
            await m.AdminAsync(context);
            var crashes = await m.AskAsync<IReadOnlyList<CrashReport>>(m.Reports, new GetCrashes(), ct);
            return Results.Json(crashes.Select(CrashRoutes.CrashJson), ManagerContext.Json);
        });

        admin.MapGet("/crashes/{id}", async (HttpContext context, string id, CancellationToken ct) =>
        {
            await m.AdminAsync(context);
            return Results.Json(CrashRoutes.CrashJson(await CrashAsync(m, id, ct)), ManagerContext.Json);
        });

        admin.MapGet("/crashes/{id}/dump", async (HttpContext context, string id, CancellationToken ct) =>
        {
            await m.AdminAsync(context);
            var crash = await CrashAsync(m, id, ct);
            return crash.DumpFile is { } file && File.Exists(file)
                ? Results.File(file, "application/octet-stream", crash.DumpName ?? id + ".dmp")
                : throw ManagerException.NotFound($"crash report '{Names.Printable(id)}' has no dump");
        });

        admin.MapGet("/feedbacks", async (HttpContext context, CancellationToken ct) =>
        {
            await m.AdminAsync(context);
            var feedbacks = await m.AskAsync<IReadOnlyList<FeedbackReport>>(m.Reports, new GetFeedbacks(), ct);
            return Results.Json(feedbacks.Select(UserStateRoutes.FeedbackJson), ManagerContext.Json);
        });

        admin.MapGet("/audit", async (HttpContext context, CancellationToken ct) =>
        {
            await m.AdminAsync(context);
            var text = context.Request.Query["limit"].ToString();
            var limit = text.Length == 0 ? 100 : int.TryParse(text, out var n) && n is > 0 and <= 10_000 ? n : throw ManagerException.BadRequest($"limit: '{Names.Printable(text)}' must be a number from 1 to 10000");
            var entries = await m.AskAsync<IReadOnlyList<AuditEntry>>(m.Audit, new GetAuditEntries(limit), ct);
            return Results.Json(entries, ManagerContext.Json);
        });
    }

    private static async Task<CrashReport> CrashAsync(ManagerContext m, string id, CancellationToken ct) =>
        (await m.AskAsync<IReadOnlyList<CrashReport>>(m.Reports, new GetCrashes(), ct)).FirstOrDefault(c => c.Id == id)
        ?? throw ManagerException.NotFound($"crash report '{Names.Printable(id)}' does not exist");

    private static SharedLayout ReadLayout(JsonElement body, string id, string owner)
    {
        var definition = body.TryGetProperty("definition", out var d) && d.ValueKind is JsonValueKind.Object or JsonValueKind.Array
            ? d.GetRawText()
            : Fields.String(body, "definition", int.MaxValue);
        return new SharedLayout(
            Names.Check("id", id),
            Names.Check("type", Fields.String(body, "type")),
            Names.Check("name", Fields.String(body, "name")),
            definition,
            Fields.OptionalString(body, "owner") ?? owner,
            Fields.OptionalBool(body, "public") ?? false,
            Fields.OptionalStrings(body, "accessList") ?? [],
            Fields.OptionalBool(body, "default") ?? false,
            DateTimeOffset.MinValue);
    }

    private static object SessionJson(ManagerSession s) => new
    {
        id = s.Id,
        user = s.User,
        machine = JsonSerializer.Deserialize<JsonElement>(s.Machine),
        glue = JsonSerializer.Deserialize<JsonElement>(s.Glue),
        started = s.Started,
        lastSeen = s.LastSeen,
        closed = s.Closed,
    };
}
