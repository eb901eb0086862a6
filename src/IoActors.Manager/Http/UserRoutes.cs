using System.Text;
using System.Text.Json;
using IoActors.Manager.Auth;
using IoActors.Manager.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IoActors.Manager.Http;

/// <summary>
/// The user API io.Connect clients call (paths and payloads as the published <c>@interopio/browser-platform</c> client
/// sends and reads them): sessions, the user's apps, data refresh and commands. Layouts and preferences are in
/// <see cref="UserStateRoutes"/>.
/// </summary>
internal static class UserRoutes
{
    private const int MaxClientInfoChars = 16 * 1024;

    public static void Map(IEndpointRouteBuilder api, ManagerContext m)
    {
        api.MapGet("/v2/server/info", () => Results.Json(ServerInfo(m), ManagerContext.Json));

        api.MapPost("/user/hello", async (HttpContext context, CancellationToken ct) =>
        {
            var caller = await m.Auth.AuthenticateAsync(context);
            var body = await m.ReadObjectAsync(context.Request, ct);
            var machine = ClientInfo(body, "machine");
            var glue = ClientInfo(body, "glue");
            var session = await m.AskAsync<ManagerSession>(m.Sessions, new OpenSession(caller.User, machine, glue), ct);
            var token = m.Tokens.Issue(session.Id, caller.User);
            var request = Fields.OptionalObject(body, "initialDataRequest");
            var data = await RefreshAsync(m, caller with { Session = session.Id }, request, ct);
            var includeInfo = Fields.OptionalBool(body, "includeServerInfo") ?? false;
            return Results.Json(new { token, data, serverInfo = includeInfo ? ServerInfo(m) : null }, ManagerContext.Json);
        });

        api.MapPost("/user/goodbye", async (HttpContext context, CancellationToken ct) =>
        {
            var caller = await m.Auth.AuthenticateAsync(context);
            var body = await m.ReadObjectAsync(context.Request, ct);
            var session = Fields.String(body, "session");
            await m.AskAsync<Done>(m.Sessions, new CloseSession(caller.User, session), ct);
            return Results.NoContent();
        });

        api.MapPost("/user/refresh", async (HttpContext context, CancellationToken ct) =>
        {
            var body = await m.ReadObjectAsync(context.Request, ct);
            var old = Fields.String(body, "token", 8192);
            var claims = await m.Tokens.ValidateAsync(old)
                ?? throw ManagerException.Unauthorized("token: not a valid, unexpired session token of this server; open a new session with POST /user/hello");
            if (context.Request.Headers.Authorization.Count > 0 || context.Request.Headers["serverx-token"].Count > 0)
            {
                var caller = await m.Auth.AuthenticateAsync(context);
                if (!string.Equals(caller.User, claims.User, StringComparison.OrdinalIgnoreCase))
                {
                    throw ManagerException.Forbidden("token: the session token belongs to another user than the credentials");
                }
            }

            var open = await m.AskAsync<IReadOnlyList<ManagerSession>>(m.Sessions, new GetSessions(claims.User), ct);
            if (!open.Any(s => s.Id == claims.Session && s.Closed is null))
            {
                throw ManagerException.Unauthorized("token: its session was closed; open a new session with POST /user/hello");
            }

            m.Sessions.Tell(new TouchSession(claims.Session), Akka.Actor.ActorRefs.NoSender);
            return Results.Json(new { token = m.Tokens.Issue(claims.Session, claims.User) }, ManagerContext.Json);
        });

        api.MapGet("/user", async (HttpContext context) =>
        {
            var caller = await m.CallerAsync(context);
            var directory = m.Directory;
            var groups = m.GroupsOf(caller);
            var known = directory.Users.GetValueOrDefault(caller.User);
            return Results.Json(new { id = caller.User, email = known?.Email, apps = directory.AppsFor(caller.User, groups).Names, groups, admin = caller.Admin }, ManagerContext.Json);
        });

        api.MapPost("/user", async (HttpContext context, CancellationToken ct) =>
        {
            var caller = await m.CallerAsync(context);
            var body = await m.ReadObjectAsync(context.Request, ct);
            return Results.Json(await RefreshAsync(m, caller, body, ct), ManagerContext.Json);
        });

        api.MapGet("/user/apps", async (HttpContext context) =>
        {
            var caller = await m.CallerAsync(context);
            var list = m.Directory.AppsFor(caller.User, m.GroupsOf(caller));
            context.Response.Headers.ETag = list.ETag;
            context.Response.Headers.CacheControl = "no-cache";
            if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == list.ETag || t.Trim() == "*")))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return Results.Bytes(list.Json, "application/json");
        });

        api.MapGet("/user/commands/{session}", async (HttpContext context, string session, CancellationToken ct) =>
        {
            var caller = await m.CallerAsync(context);
            var mine = await m.AskAsync<IReadOnlyList<ManagerSession>>(m.Sessions, new GetSessions(caller.User), ct);
            if (!mine.Any(s => s.Id == session))
            {
                throw ManagerException.NotFound($"session '{Names.Printable(session)}' is not one of the user's");
            }

            var commands = await m.AskAsync<IReadOnlyList<ManagerCommand>>(m.Sessions, new GetCommands(session), ct);
            return Results.Json(commands.Where(c => c.Status == "new").Select(CommandJson), ManagerContext.Json);
        });

        api.MapPost("/user/commands/{commandId}", async (HttpContext context, string commandId, CancellationToken ct) =>
        {
            var caller = await m.CallerAsync(context);
            var body = await m.ReadObjectAsync(context.Request, ct);
            var result = Fields.OptionalObject(body, "result") ?? throw ManagerException.BadRequest("result: required, an object");
            var command = await m.AskAsync<ManagerCommand>(m.Sessions, new CompleteCommand(caller.User, commandId, "json", result.GetRawText()), ct);
            return Results.Json(CommandJson(command), ManagerContext.Json);
        });

        api.MapPost("/user/commands/{commandId}/file", async (HttpContext context, string commandId, CancellationToken ct) =>
        {
            var caller = await m.CallerAsync(context);
            var body = await m.ReadObjectAsync(context.Request, ct);
            var fileName = Names.Check("fileName", Fields.String(body, "fileName"));
            var contents = Fields.String(body, "contents", (int)Math.Min(int.MaxValue, m.Options.Limits.MaxRequestBytes));
            var folder = Path.Combine(m.DataFolder, "command-files");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{UsersActor.KeyOf(commandId)}.bin");
            // Written aside and moved into place only once the command is known to be the caller's.
            var upload = $"{file}.{Guid.NewGuid():N}.part";
            await File.WriteAllTextAsync(upload, contents, Encoding.UTF8, ct);
            var data = JsonSerializer.Serialize(new { fileName, file = Path.GetFileName(file), length = contents.Length });
            ManagerCommand command;
            try
            {
                command = await m.AskAsync<ManagerCommand>(m.Sessions, new CompleteCommand(caller.User, commandId, "file", data), ct);
            }
            catch
            {
                File.Delete(upload);
                throw;
            }

            File.Move(upload, file, overwrite: true);
            return Results.Json(CommandJson(command), ManagerContext.Json);
        });
    }

    /// <summary>The data of <c>POST /user</c> (and of a hello's <c>initialDataRequest</c>): per category, whether it changed since the client's checksum, and then the data.</summary>
    internal static async Task<object> RefreshAsync(ManagerContext m, Caller caller, JsonElement? request, CancellationToken ct)
    {
        bool Include(string category, out string? checksum)
        {
            checksum = null;
            if (request is not { } body)
            {
                return category != "configs";
            }

            if (Fields.OptionalObject(body, category) is not { } part || (Fields.OptionalBool(part, "include") ?? false) is false)
            {
                return false;
            }

            if (Fields.OptionalObject(part, "latestDataInfo") is { } info)
            {
                checksum = Fields.OptionalString(info, "checksum", 1024);
            }

            return true;
        }

        object? Category(string checksum, string? known, Func<object> data, long last) =>
            checksum == known
                ? new { hasChanges = false, info = new { checksum, last } }
                : new { hasChanges = true, data = data(), info = new { checksum, last } };

        object? applications = null, layouts = null, commands = null, config = null;
        var directory = m.Directory;
        var groups = m.GroupsOf(caller);
        if (Include("applications", out var appsChecksum))
        {
            var list = directory.AppsFor(caller.User, groups);
            applications = Category(list.ETag.Trim('"'), appsChecksum, () => JsonSerializer.Deserialize<JsonElement>(list.Json), directory.Version);
        }

        if (Include("layouts", out var layoutsChecksum))
        {
            var state = await m.AskAsync<UserStateView>(m.Users, new GetUserState(caller.User), ct);
            var all = UserStateRoutes.LayoutsOf(m, caller, state).ToList();
            var checksum = AppList.ETagOf(JsonSerializer.SerializeToUtf8Bytes(all, ManagerContext.Json)).Trim('"');
            layouts = Category(checksum, layoutsChecksum, () => all, directory.Version);
        }

        if (Include("commands", out var commandsChecksum) && caller.Session is { } session)
        {
            var list = (await m.AskAsync<IReadOnlyList<ManagerCommand>>(m.Sessions, new GetCommands(session), ct)).Where(c => c.Status == "new").Select(CommandJson).ToList();
            var checksum = AppList.ETagOf(JsonSerializer.SerializeToUtf8Bytes(list, ManagerContext.Json)).Trim('"');
            commands = Category(checksum, commandsChecksum, () => list, list.Count);
        }

        if (Include("configs", out _))
        {
            config = new { hasChanges = false, data = Array.Empty<object>() };
        }

        return new { applications, layouts, commands, config };
    }

    internal static object CommandJson(ManagerCommand c) => new
    {
        id = c.Id,
        status = c.Status,
        resultType = c.ResultType,
        user = c.User,
        session = c.Session,
        machine = c.Machine,
        createdBy = c.CreatedBy,
        createdAt = c.CreatedAt.ToUnixTimeMilliseconds(),
        command = c.Command,
        commandParams = c.CommandParams,
        resultData = c.ResultData is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(c.ResultData),
        resultAt = c.ResultAt?.ToUnixTimeMilliseconds(),
    };

    internal static object ServerInfo(ManagerContext m) => new
    {
        version = typeof(UserRoutes).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
        product = "IoActors Manager",
        capabilities = Array.Empty<object>(),
        licenseInfo = new { licenseSupported = false },
        machine = Environment.MachineName,
        start = m.Started.ToUnixTimeMilliseconds(),
        @base = m.Options.BasePath,
    };

    // The client's description of itself (machine, glue) is kept as sent, bounded.
    private static string ClientInfo(JsonElement body, string name)
    {
        if (Fields.OptionalObject(body, name) is not { } value)
        {
            return "{}";
        }

        var text = value.GetRawText();
        return text.Length <= MaxClientInfoChars ? text : throw ManagerException.BadRequest($"{name}: {text.Length} characters; at most {MaxClientInfoChars} are allowed");
    }
}
