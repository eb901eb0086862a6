using System.Text.Json;
using IoActors.Host.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IoActors.Host.Dashboard;

/// <summary>
/// The web dashboard's routes: the page (<c>GET /</c>) and its files (<c>GET /ui/…</c>) with a strict content security
/// policy; sign-in with the API token or a one-time code (<c>POST /dashboard/login</c>), the session
/// (<c>GET /dashboard/session</c>), sign-out, and one-time links for <c>ioactors dashboard</c>
/// (<c>POST /api/dashboard/links</c>). The token only ever travels in a request body, never in a URL.
/// </summary>
internal static class DashboardEndpoints
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static void Map(WebApplication app, DashboardAssets assets)
    {
        app.MapGet("/", (HttpContext http) => Serve(http, assets, "index.html", "no-store"));
        app.MapGet("/ui/{**path}", (string path, HttpContext http) => Serve(http, assets, path, "no-cache"));
        app.MapPost("/dashboard/login", LoginAsync);
        app.MapGet("/dashboard/session", (HttpContext http, DashboardAccess access) =>
            access.SessionOf(http) is { } session ? Results.Ok(Describe(session)) : SignedOut());
        app.MapPost("/dashboard/logout", (HttpContext http, DashboardAccess access) =>
        {
            if (access.SessionOf(http) is { } session)
            {
                if (access.CheckChange(http, session) is { } refused)
                {
                    return refused;
                }

                access.Sessions.End(session.Id);
            }

            http.Response.Cookies.Delete(access.CookieName(http), new CookieOptions { Path = "/" });
            return Results.NoContent();
        });
        app.MapPost("/api/dashboard/links", (HttpContext http, DashboardAccess access) =>
        {
            var (code, expiresAt) = access.Sessions.CreateLink();
            var url = $"{http.Request.Scheme}://{http.Request.Host}/#code={code}";
            return Results.Ok(new { url, expiresAt });
        });
    }

    private static IResult Serve(HttpContext http, DashboardAssets assets, string path, string cacheControl)
    {
        if (assets.Find(path) is not { } asset)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"the dashboard has no file '{path}'");
        }

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = cacheControl;
        headers.ETag = asset.ETag;
        return http.Request.Headers.IfNoneMatch.Contains(asset.ETag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(asset.Content, asset.ContentType);
    }

    private static async Task<IResult> LoginAsync(HttpContext http, DashboardAccess access, CancellationToken ct)
    {
        if (DashboardAccess.CrossSite(http.Request) is { } why)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-site sign-in refused", detail: why);
        }

        var body = await JsonBody.ReadAsync(http.Request, ct);
        var token = body.ValueKind == JsonValueKind.Object ? StringMember(body, "token") : null;
        var code = body.ValueKind == JsonValueKind.Object ? StringMember(body, "code") : null;
        if ((token is null) == (code is null))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "Bad sign-in", "the body must be {\"token\": \"<API token>\"} or {\"code\": \"<one-time code>\"}");
        }

        var signIn = access.Sessions.SignIn(token, code);
        if (signIn.Session is not { } session)
        {
            return signIn.Refusal switch
            {
                SignInRefusal.TooManyFailures => Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many wrong tokens",
                    detail: $"more than {DashboardSessions.MaxFailures} wrong tokens in the last minute; wait a minute, or sign in with a link from `ioactors dashboard`"),
                SignInRefusal.WrongCode => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Link not valid",
                    detail: "this sign-in link is unknown, was used already or has expired; run `ioactors dashboard` for a new one"),
                _ => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong token",
                    detail: "that is not this host's API token (it is in the data folder's api-token file); or run `ioactors dashboard` for a one-time link"),
            };
        }

        http.Response.Cookies.Append(access.CookieName(http), session.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });
        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(Describe(session));
    }

    private static object Describe(SessionView session) => new { csrf = session.Csrf, expiresAt = session.ExpiresAt };

    private static IResult SignedOut() =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in", detail: "sign in with the API token or a link from `ioactors dashboard`");

    private static string? StringMember(JsonElement body, string name) => body.TryGetProperty(name, out var value) switch
    {
        false => null,
        true when value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 4096 } text => text,
        _ => throw new ApiException(StatusCodes.Status400BadRequest, "Bad sign-in", $"'{name}' must be a non-empty string of at most 4096 characters"),
    };
}
