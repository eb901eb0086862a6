using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Api;

public sealed class ApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private HttpClient Client => fixture.Client;

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Health_WithoutToken_IsLiveAndReadyAfterBoot()
    {
        using var anonymous = fixture.NewClient(null);
        (await anonymous.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await anonymous.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);

        // Readiness is the platform's health checks: the boot and the journal.
        var body = await BodyAsync(ready);
        body.GetProperty("status").GetString().Should().Be("ready");
        var checks = body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        checks.Should().Contain("ioactors-boot", "healthy").And.Contain("ioactors-journal", "healthy");
    }

    [Fact]
    public async Task Api_WithoutToken_Is401ProblemDetails()
    {
        using var anonymous = fixture.NewClient(null);
        var response = await anonymous.GetAsync("/api/apps");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var wrong = fixture.NewClient("not-the-token");
        (await wrong.GetAsync("/api/apps")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Apps_List_ContainsStoreAppsAndFiltersByStore()
    {
        var all = await BodyAsync(await Client.GetAsync("/api/apps"));
        all.EnumerateArray().Select(a => a.GetProperty("name").GetString()).Should().Contain(["svc", "echo"]);
        var none = await BodyAsync(await Client.GetAsync("/api/apps?store=no-such-store"));
        none.GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Apps_List_HasAnEntityTag_UnchangedIs304_AChangeGivesANewList()
    {
        var first = await Client.GetAsync("/api/apps");
        var etag = first.Headers.ETag;
        etag.Should().NotBeNull();
        (await Client.GetAsync("/api/apps?store=regular")).Headers.ETag.Should().NotBe(etag, "each filter is its own list");

        using (var unchanged = new HttpRequestMessage(HttpMethod.Get, "/api/apps"))
        {
            unchanged.Headers.IfNoneMatch.Add(etag!);
            var response = await Client.SendAsync(unchanged);
            response.StatusCode.Should().Be(HttpStatusCode.NotModified);
            response.Headers.ETag.Should().Be(etag);
        }

        (await Client.PostAsync("/api/apps/import?merge=true", Json("""[{ "name": "etag-probe", "type": "window", "details": { "url": "file:///dev/null" } }]"""))).StatusCode.Should().Be(HttpStatusCode.OK);
        try
        {
            using var changed = new HttpRequestMessage(HttpMethod.Get, "/api/apps");
            changed.Headers.IfNoneMatch.Add(etag!);
            var response = await Client.SendAsync(changed);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Headers.ETag.Should().NotBe(etag);
            (await BodyAsync(response)).EnumerateArray().Select(a => a.GetProperty("name").GetString()).Should().Contain("etag-probe");
            (await BodyAsync(await Client.GetAsync("/api/apps"))).EnumerateArray().Select(a => a.GetProperty("name").GetString())
                .Should().Equal((await BodyAsync(response)).EnumerateArray().Select(a => a.GetProperty("name").GetString()), "the cached body is the same list");
        }
        finally
        {
            await Client.DeleteAsync("/api/apps/etag-probe");
        }
    }

    [Fact]
    public async Task Apps_GetUnknown_Is404NamingTheApp()
    {
        var response = await Client.GetAsync("/api/apps/nope");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await BodyAsync(response)).GetProperty("detail").GetString().Should().Contain("'nope'");
        (await Client.GetAsync("/api/apps/echo")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Import_BadJson_Is400NamingTheProblem()
    {
        var response = await Client.PostAsync("/api/apps/import", Json("[{\"name\": }"));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await BodyAsync(response)).GetProperty("detail").GetString().Should().Contain("not valid JSON").And.Contain("line 1");
    }

    [Fact]
    public async Task Import_Export_Remove_RoundTrip()
    {
        var import = await Client.PostAsync("/api/apps/import?merge=true", Json("""[{ "name": "mem-notes", "title": "Notes", "type": "window", "details": { "url": "file:///dev/null" } }]"""));
        import.StatusCode.Should().Be(HttpStatusCode.OK);
        (await BodyAsync(import)).GetProperty("imported").EnumerateArray().Select(e => e.GetString()).Should().Contain("mem-notes");
        var export = await BodyAsync(await Client.GetAsync("/api/apps/export"));
        export.EnumerateArray().Select(e => e.GetProperty("name").GetString()).Should().Contain("mem-notes");
        (await Client.GetAsync("/api/apps/mem-notes")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Client.DeleteAsync("/api/apps/mem-notes")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Client.DeleteAsync("/api/apps/mem-notes")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Instances_StartGetStop_WorksWithARealProcess()
    {
        var start = await Client.PostAsync("/api/instances", Json("""{ "app": "echo", "context": { "x": 1 } }"""));
        start.StatusCode.Should().Be(HttpStatusCode.Created);
        var instance = await BodyAsync(start);
        var id = instance.GetProperty("id").GetString()!;
        instance.GetProperty("context").GetProperty("x").GetInt32().Should().Be(1);
        var got = await BodyAsync(await Client.GetAsync($"/api/instances/{id}"));
        got.GetProperty("appName").GetString().Should().Be("echo");
        got.GetProperty("processId").GetInt32().Should().BePositive();
        var stop = await Client.PostAsync($"/api/instances/{id}/stop", null);
        stop.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Client.GetAsync($"/api/instances/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Instances_StartUnknownApp_Is404()
    {
        var response = await Client.PostAsync("/api/instances", Json("""{ "app": "ghost" }"""));
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await BodyAsync(response)).GetProperty("detail").GetString().Should().Contain("ghost");
    }

    [Fact]
    public async Task Instances_StartWithoutApp_Is400()
    {
        var response = await Client.PostAsync("/api/instances", Json("""{ "name": "echo" }"""));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await BodyAsync(response)).GetProperty("detail").GetString().Should().Contain("'app'");
    }

    [Fact]
    public async Task Instances_UnknownId_Is404ForGetStopAndSignals()
    {
        (await Client.GetAsync("/api/instances/zzz")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Client.PostAsync("/api/instances/zzz/stop", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Client.PostAsync("/api/instances/zzz/signal-app-ready", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Client.PostAsync("/api/instances/zzz/interop-ready", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Boot_Report_ShowsTheServiceReadyThroughTheApiSignal()
    {
        var report = await BodyAsync(await Client.GetAsync("/api/boot"));
        report.GetProperty("endedAt").ValueKind.Should().Be(JsonValueKind.String);
        var svc = report.GetProperty("apps").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "svc");
        svc.GetProperty("outcome").GetString().Should().Be("ready");
    }

    [Fact]
    public async Task Login_WithOsIdentity_Is409NamingTheSetting()
    {
        var response = await Client.PostAsJsonAsync("/api/login", new { user = "alice" });
        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await BodyAsync(response)).GetProperty("detail").GetString().Should().Contain("identity");
    }

    [Fact]
    public async Task Api_BodyOverTheLimit_IsRejected()
    {
        var big = new string(' ', 2 * 1024 * 1024);
        // Expect: 100-continue: the server answers 413 from the Content-Length before the body is sent, so the client
        // never writes into a connection the server already closed.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/apps/import") { Content = Json("[" + big + "]") };
        request.Headers.ExpectContinue = true;
        var response = await Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }
}
