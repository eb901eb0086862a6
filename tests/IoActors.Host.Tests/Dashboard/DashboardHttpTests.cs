using System.Net;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Dashboard;

/// <summary>The dashboard's sign-in, session cookie and CSRF protection against a real host (Kestrel on 127.0.0.1).</summary>
public sealed class DashboardHttpTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly HttpClient _anonymous = fixture.NewClient(null);

    private string Origin => fixture.Host.Url;

    [Fact]
    public async Task A_wrong_token_is_refused_with_a_401_that_says_so_and_sets_no_cookie()
    {
        using var response = await LoginAsync(new { token = "not-the-token" });
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.Contains("Set-Cookie").Should().BeFalse();
        var problem = await ProblemAsync(response);
        problem.GetProperty("title").GetString().Should().Be("Wrong token");
        problem.GetProperty("detail").GetString().Should().Contain("api-token").And.NotContain("not-the-token");
    }

    [Fact]
    public async Task The_token_gives_an_HttpOnly_SameSite_Strict_session_cookie_that_reads_the_api()
    {
        var session = await SignInAsync();
        session.SetCookie.Should().StartWith($"ioactors-session-{new Uri(Origin).Port}=")
            .And.Contain("httponly").And.Contain("samesite=strict").And.Contain("path=/");
        session.SetCookie.Should().NotContain(fixture.Host.Token!);

        using var apps = await SendAsync(HttpMethod.Get, "/api/apps", session);
        apps.StatusCode.Should().Be(HttpStatusCode.OK);
        (await apps.Content.ReadAsStringAsync()).Should().Contain("\"echo\"");

        using var again = await SendAsync(HttpMethod.Get, "/dashboard/session", session);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await JsonAsync(again)).GetProperty("csrf").GetString().Should().Be(session.Csrf);
    }

    [Fact]
    public async Task Without_a_cookie_or_token_the_api_and_the_session_are_401()
    {
        (await _anonymous.GetAsync("/api/apps")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _anonymous.GetAsync("/dashboard/session")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var forged = await SendAsync(HttpMethod.Get, "/api/apps", new Session("ioactors-session-1=forged", "forged", "x"));
        forged.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_change_with_the_cookie_needs_the_sessions_csrf_token()
    {
        var session = await SignInAsync();
        var body = """{ "name": "dash-csrf", "type": "window", "details": { "url": "http://127.0.0.1:1/" } }""";

        using var none = await SendAsync(HttpMethod.Post, "/api/apps/import?merge=true", session, body, csrf: null);
        none.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ProblemAsync(none)).GetProperty("detail").GetString().Should().Contain("X-CSRF-Token");

        using var wrong = await SendAsync(HttpMethod.Post, "/api/apps/import?merge=true", session, body, csrf: "guess");
        wrong.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await fixture.Client.GetAsync("/api/apps/dash-csrf")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a refused change changes nothing");

        using var right = await SendAsync(HttpMethod.Post, "/api/apps/import?merge=true", session, body, csrf: session.Csrf);
        right.StatusCode.Should().Be(HttpStatusCode.OK);
        (await fixture.Client.DeleteAsync("/api/apps/dash-csrf")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "http://127.0.0.1:1")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task A_change_from_another_origin_is_refused_even_with_the_csrf_token(string header, string value)
    {
        var session = await SignInAsync();
        using var request = Request(HttpMethod.Delete, "/api/apps/nothing-here", session, null, session.Csrf);
        request.Headers.Remove("Origin");
        request.Headers.TryAddWithoutValidation(header, value);
        using var response = await _anonymous.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ProblemAsync(response)).GetProperty("title").GetString().Should().Be("Cross-site request refused");
    }

    [Fact]
    public async Task A_sign_in_from_another_origin_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dashboard/login") { Content = Json(new { token = fixture.Host.Token }) };
        request.Headers.TryAddWithoutValidation("Origin", "http://evil.example");
        using var response = await _anonymous.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.Contains("Set-Cookie").Should().BeFalse();
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var session = await SignInAsync();
        using var refused = await SendAsync(HttpMethod.Post, "/dashboard/logout", session, csrf: null);
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a sign-out is a change too");
        using var logout = await SendAsync(HttpMethod.Post, "/dashboard/logout", session, csrf: session.Csrf);
        logout.StatusCode.Should().Be(HttpStatusCode.NoContent);
        using var after = await SendAsync(HttpMethod.Get, "/api/apps", session);
        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_one_time_link_signs_in_once_and_its_code_is_only_in_the_fragment()
    {
        using var created = await fixture.Client.PostAsync("/api/dashboard/links", null);
        created.StatusCode.Should().Be(HttpStatusCode.OK);
        var url = (await JsonAsync(created)).GetProperty("url").GetString()!;
        var link = new Uri(url);
        link.GetLeftPart(UriPartial.Path).Should().Be(Origin + "/");
        link.Query.Should().BeEmpty();
        link.Fragment.Should().StartWith("#code=");
        var code = link.Fragment["#code=".Length..];

        using var first = await LoginAsync(new { code });
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        using var second = await LoginAsync(new { code });
        second.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ProblemAsync(second)).GetProperty("title").GetString().Should().Be("Link not valid");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"token\": 5}")]
    [InlineData("{\"token\": \"\"}")]
    [InlineData("{\"token\": \"a\", \"code\": \"b\"}")]
    [InlineData("{\"token\": ")]
    public async Task A_bad_sign_in_body_is_a_400_that_names_the_problem(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dashboard/login") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await _anonymous.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ProblemAsync(response)).GetProperty("detail").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task The_page_and_its_files_are_served_with_a_strict_content_security_policy()
    {
        using var page = await _anonymous.GetAsync("/");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        csp.Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.NotContain("unsafe-inline");
        page.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("/ui/");

        using var script = await _anonymous.GetAsync("/ui/js/main.js");
        script.StatusCode.Should().Be(HttpStatusCode.OK);
        script.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        var etag = script.Headers.ETag!;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/ui/js/main.js");
        conditional.Headers.IfNoneMatch.Add(etag);
        (await _anonymous.SendAsync(conditional)).StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Theory]
    [InlineData("/ui/nothing.js")]
    [InlineData("/ui/../ioactors.dll")]
    [InlineData("/ui/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/ui/js/")]
    public async Task A_file_the_dashboard_does_not_have_is_a_404(string path)
    {
        using var response = await _anonymous.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Stores_report_their_state_last_poll_and_outcome()
    {
        var stores = await JsonAsync(await fixture.Client.GetAsync("/api/stores"));
        var path = stores.EnumerateArray().Single(s => s.GetProperty("type").GetString() == "path");
        path.GetProperty("state").GetString().Should().Be("loaded");
        path.GetProperty("appCount").GetInt32().Should().BeGreaterThan(0);
        path.GetProperty("lastOutcome").GetString().Should().BeOneOf("changed", "unchanged");
        path.GetProperty("lastPolledAt").GetDateTimeOffset().Should().BeAfter(DateTimeOffset.UtcNow.AddHours(-1));
        path.GetProperty("fromCache").GetBoolean().Should().BeFalse();
        stores.EnumerateArray().Should().Contain(s => s.GetProperty("type").GetString() == "inMemory");
    }

    [Fact]
    public async Task An_apps_problems_are_listed_and_an_unknown_app_is_a_404()
    {
        using var problems = await fixture.Client.GetAsync("/api/apps/echo/problems");
        problems.StatusCode.Should().Be(HttpStatusCode.OK);
        (await JsonAsync(problems)).ValueKind.Should().Be(JsonValueKind.Array);
        using var unknown = await fixture.Client.GetAsync("/api/apps/no-such-app/problems");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task<Session> SignInAsync()
    {
        using var response = await LoginAsync(new { token = fixture.Host.Token });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single();
        var csrf = (await JsonAsync(response)).GetProperty("csrf").GetString()!;
        return new Session(setCookie.Split(';')[0], csrf, setCookie.ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> LoginAsync(object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/dashboard/login") { Content = Json(body) };
        request.Headers.TryAddWithoutValidation("Origin", Origin);
        return _anonymous.SendAsync(request);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Session session, string? body = null, string? csrf = null) =>
        _anonymous.SendAsync(Request(method, path, session, body, csrf));

    private HttpRequestMessage Request(HttpMethod method, string path, Session session, string? body, string? csrf)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Cookie", session.Cookie);
        request.Headers.TryAddWithoutValidation("Origin", Origin);
        if (csrf is not null)
        {
            request.Headers.TryAddWithoutValidation("X-CSRF-Token", csrf);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static Task<JsonElement> ProblemAsync(HttpResponseMessage response) => JsonAsync(response);

    private sealed record Session(string Cookie, string Csrf, string SetCookie);
}
