using System.Text.Json;
using System.Text.Json.Nodes;
using IoActors.Apps.Definitions;
using IoActors.Apps.Stores;
using IoActors.Host.Dashboard;
using IoActors.Host.Hosting;
using IoActors.Platform;
using IoActors.Platform.AppManagement;
using IoActors.Platform.Instances;
using IoActors.Platform.Layouts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace IoActors.Host.Api;

/// <summary>The HTTP API routes (minimal APIs, JSON, RFC 7807 problem details).</summary>
internal static partial class ApiEndpoints
{
    public static void Map(WebApplication app)
    {
        app.Use(ErrorsAndAuthAsync);

        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        app.MapGet("/health/ready", ReadyAsync);

        var api = app.MapGroup("/api");
        api.MapGet("/apps", async (string? store, HttpContext http, PlatformHolder h, AppsResponseCache cache, IOptions<JsonOptions> json, CancellationToken ct) =>
        {
            // Serialized once per registry change and store filter; the entity tag lets a client skip an unchanged list.
            var snapshot = await P(h).AppManager.SnapshotAsync(ct);
            var etag = cache.ETag(snapshot.Sequence, store);
            http.Response.Headers.ETag = etag;
            if (http.Request.Headers.IfNoneMatch.Contains(etag))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            var body = cache.Get(snapshot.Sequence, store, () => JsonSerializer.SerializeToUtf8Bytes(
                snapshot.Apps.Where(a => store is null || MatchesStore(a.Definition, store)).Select(a => AppDto(a.Definition)),
                json.Value.SerializerOptions));
            return Results.Bytes(body, "application/json; charset=utf-8");
        });
        api.MapGet("/apps/export", async (PlatformHolder h, CancellationToken ct) =>
            Results.Ok((await P(h).AppManager.InMemory.ExportAsync(ct)).Select(d => d.Json)));
        api.MapGet("/apps/{name}/problems", async (string name, PlatformHolder h, CancellationToken ct) =>
        {
            var p = P(h);
            var app = await p.AppManager.ApplicationAsync(name, ct) ?? throw NotFoundException("app", name);
            var stores = await p.AppManager.StoresAsync(ct);
            return Results.Ok(AppProblems.Of(app.Definition, stores));
        });
        api.MapGet("/stores", async (PlatformHolder h, CancellationToken ct) => Results.Ok(await P(h).AppManager.StoresAsync(ct)));
        api.MapGet("/apps/{name}", async (string name, PlatformHolder h, CancellationToken ct) =>
            await P(h).AppManager.ApplicationAsync(name, ct) is { } a ? Results.Ok(AppDto(a.Definition)) : NotFound("app", name));
        api.MapPost("/apps/import", async (HttpRequest request, bool? merge, PlatformHolder h, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync(request, ct);
            var definitions = body.ValueKind switch
            {
                JsonValueKind.Array => body.EnumerateArray().ToList(),
                JsonValueKind.Object when body.TryGetProperty("apps", out var apps) && apps.ValueKind == JsonValueKind.Array => apps.EnumerateArray().ToList(),
                JsonValueKind.Object => [body],
                _ => throw new ApiException(StatusCodes.Status400BadRequest, "Bad import body", $"expected an app definition, an array of them or {{\"apps\": [...]}}, not a JSON {body.ValueKind.ToString().ToLowerInvariant()}"),
            };
            var result = await P(h).AppManager.InMemory.ImportAsync(definitions, merge == true ? ImportMode.Merge : ImportMode.Replace, ct);
            return Results.Ok(result);
        });
        api.MapDelete("/apps/{name}", async (string name, PlatformHolder h, CancellationToken ct) =>
            await P(h).AppManager.InMemory.RemoveAsync(name, ct) ? Results.NoContent() : NotFound("in-memory app", name));
        api.MapDelete("/apps", async (PlatformHolder h, CancellationToken ct) =>
            Results.Ok(new { removed = await P(h).AppManager.InMemory.ClearAsync(ct) }));

        api.MapGet("/instances", async (string? app, PlatformHolder h, CancellationToken ct) =>
            Results.Ok((await P(h).AppManager.InstancesAsync(ct)).Where(i => app is null || i.AppName == app)));
        api.MapGet("/instances/{id}", async (string id, PlatformHolder h, CancellationToken ct) =>
            await FindInstanceAsync(P(h), id, ct) is { } i ? Results.Ok(i) : NotFound("instance", id));
        api.MapPost("/instances", async (HttpRequest request, PlatformHolder h, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync(request, ct);
            if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("app", out var appName) || appName.ValueKind != JsonValueKind.String)
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "Bad start request", "the body must be {\"app\": \"NAME\", \"context\": {...}?, \"options\": {...}?}; 'app' (a string) is missing");
            }

            JsonElement? context = body.TryGetProperty("context", out var c) && c.ValueKind != JsonValueKind.Null ? c.Clone() : null;
            JsonObject? options = null;
            if (body.TryGetProperty("options", out var o) && o.ValueKind != JsonValueKind.Null)
            {
                options = o.ValueKind == JsonValueKind.Object
                    ? JsonObject.Create(o.Clone())
                    : throw new ApiException(StatusCodes.Status400BadRequest, "Bad start request", $"'options' must be an object, not a {o.ValueKind.ToString().ToLowerInvariant()}");
            }

            var instance = await P(h).AppManager.StartAsync(appName.GetString()!, context, options, null, ct);
            return Results.Created($"/api/instances/{instance.Id}", instance);
        });
        api.MapDelete("/instances/{id}", StopAsync);
        api.MapPost("/instances/{id}/stop", StopAsync);
        api.MapPost("/instances/{id}/signal-app-ready", async (string id, PlatformHolder h, CancellationToken ct) =>
        {
            var p = P(h);
            _ = await FindInstanceAsync(p, id, ct) ?? throw NotFoundException("instance", id);
            p.SignalAppReady(id);
            return Results.Accepted();
        });
        api.MapPost("/instances/{id}/interop-ready", async (string id, PlatformHolder h, CancellationToken ct) =>
        {
            var p = P(h);
            _ = await FindInstanceAsync(p, id, ct) ?? throw NotFoundException("instance", id);
            p.SignalInteropReady(id);
            return Results.Accepted();
        });

        MapClientState(api);
        MapLayouts(api);
        api.MapGet("/boot", async (PlatformHolder h) => Results.Ok(await P(h).GetBootReportAsync()));
        api.MapPost("/shutdown", async (HttpRequest request, PlatformHolder h) =>
        {
            var outcome = await P(h).ShutdownAsync(request.Query["reason"].FirstOrDefault(), "api");
            return Results.Ok(outcome);
        });
        api.MapPost("/restart", async (HttpRequest request, PlatformHolder h) =>
        {
            var outcome = await P(h).RestartAsync(request.Query["reason"].FirstOrDefault(), "api");
            return Results.Ok(outcome);
        });
        api.MapPost("/login", async (HttpRequest request, PlatformHolder h, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync(request, ct);
            if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("user", out var user) || user.ValueKind != JsonValueKind.String || user.GetString() is not { Length: > 0 } name)
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "Bad login request", "the body must be {\"user\": \"NAME\"} with a non-empty 'user'");
            }

            try
            {
                return Results.Ok(new { loggedIn = P(h).Login(name) });
            }
            catch (InvalidOperationException e)
            {
                throw new ApiException(StatusCodes.Status409Conflict, "Login not accepted", e.Message);
            }
        });
    }

    private static async Task<IResult> StopAsync(string id, PlatformHolder h, CancellationToken ct)
    {
        var stopped = await P(h).AppManager.StopAsync(id, ct);
        return Results.Ok(stopped);
    }

    private static IoPlatform P(PlatformHolder holder) =>
        holder.Platform ?? throw new ApiException(StatusCodes.Status503ServiceUnavailable, "Platform starting", "the platform is being created; retry in a moment");

    private static async Task<InstanceInfo?> FindInstanceAsync(IoPlatform platform, string id, CancellationToken ct) =>
        (await platform.AppManager.InstancesAsync(ct)).FirstOrDefault(i => i.Id == id);

    private static bool MatchesStore(AppDefinition definition, string store) =>
        string.Equals(definition.StoreKind?.ToString(), store, StringComparison.OrdinalIgnoreCase)
        || string.Equals(definition.Source, store, StringComparison.OrdinalIgnoreCase)
        || (definition.Source?.Contains(store, StringComparison.OrdinalIgnoreCase) ?? false);

    private static object AppDto(AppDefinition d) => new { name = d.Name, title = Title(d), type = d.Type, store = d.StoreKind?.ToString(), source = d.Source, definition = d.Json };

    // A stored title .NET cannot read (a lone surrogate) is listed with U+FFFD in its place rather than failing the list.
    private static string Title(AppDefinition d)
    {
        try
        {
            return d.Title;
        }
        catch (InvalidOperationException) when (d.Json.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String)
        {
            return JsonText.ReadLenient(title);
        }
    }

    private static IResult NotFound(string what, string name) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Unknown {what}", detail: $"there is no {what} '{name}'");

    private static ApiException NotFoundException(string what, string name) =>
        new(StatusCodes.Status404NotFound, $"Unknown {what}", $"there is no {what} '{name}'");

    /// <summary>
    /// Gives every error answer without a body a problem details body: an unknown route (404), a method the route does
    /// not take (405), and whatever else ends in a bare 4xx/5xx status.
    /// </summary>
    public static void UseProblemDetailsForEmptyErrors(WebApplication app) => app.UseStatusCodePages(async context =>
    {
        var http = context.HttpContext;
        var request = http.Request;
        var status = http.Response.StatusCode;
        var (title, detail) = status switch
        {
            StatusCodes.Status404NotFound => ("Not found", $"there is no route {request.Method} {request.Path}"),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed", $"{request.Path} does not take {request.Method}"),
            _ => (ReasonPhrases.GetReasonPhrase(status), $"{request.Method} {request.Path} answered {status}"),
        };
        await Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(http);
    });

    // The platform's health checks (boot, journal, actor system): 200 when every one is healthy, else 503, each named
    // with its status and description.
    private static async Task<IResult> ReadyAsync(PlatformHolder holder, CancellationToken ct)
    {
        if (holder.HealthChecks is not { } checks)
        {
            return Results.Json(new { status = "booting", checks = Array.Empty<object>() }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var report = await checks.CheckHealthAsync(ct).ConfigureAwait(false);
        var status = report.Status == HealthStatus.Healthy ? "ready" : holder.Platform is { WhenBooted.IsCompleted: false } ? "booting" : "unhealthy";
        var body = new
        {
            status,
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }).ToList(),
        };
        return report.Status == HealthStatus.Healthy ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task ErrorsAndAuthAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/api")
            && !context.RequestServices.GetRequiredService<ApiSecurity>().IsAuthorized(context.Request.Headers.Authorization))
        {
            // The dashboard's session cookie stands in for the token; a change made with it needs its CSRF token too.
            var access = context.RequestServices.GetService<DashboardAccess>();
            if (access?.SessionOf(context) is not { } session)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "send 'Authorization: Bearer <token>' (the token is in the data folder's api-token file)").ExecuteAsync(context);
                return;
            }

            if (!DashboardAccess.IsSafe(context.Request.Method) && access.CheckChange(context, session) is { } refused)
            {
                await refused.ExecuteAsync(context);
                return;
            }
        }

        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            var (status, title, detail) = e switch
            {
                ApiException a => (a.Status, a.Title, a.Message),
                AppNotFoundException a => (StatusCodes.Status404NotFound, "Unknown app", $"there is no app '{a.AppName}'"),
                InstanceNotFoundException => (StatusCodes.Status404NotFound, "Unknown instance", e.Message),
                InstanceStartException s => (StatusCodes.Status422UnprocessableEntity, "Start failed", $"app '{s.AppName}' did not start: {s.Reason}"),
                LayoutException { IsUnknownLayout: true } l => (StatusCodes.Status404NotFound, "Unknown layout", l.Message),
                LayoutException l => (StatusCodes.Status400BadRequest, "Bad layout request", l.Message),
                BadHttpRequestException b => (b.StatusCode, "Bad request", b.Message),
                OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "Client closed request", e.Message),
                _ => (StatusCodes.Status500InternalServerError, "Internal error", "an unexpected error occurred; see the host log"),
            };
            if (status >= 500)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("IoActors.Host.Api").LogError(e, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            }

            if (status == 499)
            {
                return;
            }

            context.Response.Clear();
            await Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
        }
    }
}
