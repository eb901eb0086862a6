using Microsoft.AspNetCore.Http;

namespace IoActors.Host.Dashboard;

/// <summary>
/// How a dashboard request proves itself: the session cookie (named after the API's port, so two hosts on one machine
/// keep their sessions apart), and for a change also the session's <c>X-CSRF-Token</c> and a request from the
/// dashboard's own origin (SameSite=Strict alone lets another app on the same address send the cookie).
/// </summary>
internal sealed class DashboardAccess(DashboardSessions sessions)
{
    /// <summary>The header a state-changing request sends the session's CSRF token in.</summary>
    public const string CsrfHeader = "X-CSRF-Token";

    /// <summary>The sessions.</summary>
    public DashboardSessions Sessions { get; } = sessions;

    /// <summary>The session cookie's name for this connection's port.</summary>
    /// <param name="http">The request.</param>
    /// <returns>The name.</returns>
    public string CookieName(HttpContext http) => "ioactors-session-" + http.Connection.LocalPort;

    /// <summary>The open session the request's cookie names, or <see langword="null"/>.</summary>
    /// <param name="http">The request.</param>
    /// <returns>The session, or <see langword="null"/>.</returns>
    public SessionView? SessionOf(HttpContext http) =>
        http.Request.Cookies.TryGetValue(CookieName(http), out var id) ? Sessions.Find(id) : null;

    /// <summary>Whether a request that changes state may go on with this session: <see langword="null"/> if so, else the 403 to answer.</summary>
    /// <param name="http">The request.</param>
    /// <param name="session">Its session.</param>
    /// <returns>The refusal, or <see langword="null"/>.</returns>
    public IResult? CheckChange(HttpContext http, SessionView session)
    {
        if (CrossSite(http.Request) is { } why)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused", detail: why);
        }

        return DashboardSessions.IsCsrf(session, http.Request.Headers[CsrfHeader].FirstOrDefault())
            ? null
            : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "CSRF token missing",
                detail: $"a change made with the dashboard's session cookie must send the session's {CsrfHeader} header (GET /dashboard/session gives it)");
    }

    /// <summary>Why a request comes from another site or origin than the dashboard's (Sec-Fetch-Site, Origin), or <see langword="null"/>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    public static string? CrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].FirstOrDefault();
        if (site is "cross-site" or "same-site")
        {
            return $"the request came from another origin (Sec-Fetch-Site: {site}); only the dashboard's own pages may make it";
        }

        var origin = request.Headers.Origin.FirstOrDefault();
        var own = $"{request.Scheme}://{request.Host}";
        return origin is not null && !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            ? $"the request came from origin '{Shorten(origin)}', not from the dashboard's own origin {own}"
            : null;
    }

    /// <summary>Whether a method only reads.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <returns>Whether it is GET, HEAD or OPTIONS.</returns>
    public static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private static string Shorten(string value) => value.Length <= 200 ? value : value[..200] + "…";
}
