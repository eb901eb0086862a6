namespace IoActors.Manager.Tests.Http;

/// <summary>Unknown routes and methods, and the request body limit (manager.limits.maxRequestBytes).</summary>
public sealed class RoutingAndLimitsTests : IAsyncLifetime
{
    private const int Limit = 16 * 1024;
    private ManagerHost _host = null!;

    public async Task InitializeAsync() => _host = await ManagerHost.StartAsync(o => o.Limits.MaxRequestBytes = Limit);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_unknown_route_is_a_404_problem_naming_it()
    {
        await (await _host.GetAsync("/no/such/route", ManagerHost.Admin)).ShouldBeProblemAsync(404, "GET", "/api/no/such/route");
        await (await _host.Http.GetAsync(new Uri(_host.Url, "/elsewhere"))).ShouldBeProblemAsync(404, "/elsewhere");
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        await (await _host.SendAsync(HttpMethod.Patch, "/user", ManagerHost.Admin, "{}")).ShouldBeProblemAsync(405, "PATCH", "/api/user");
        await (await _host.SendAsync(HttpMethod.Put, "/v2/server/info", null, "{}")).ShouldBeProblemAsync(405, "PUT");
    }

    public static TheoryData<string, string> JsonRoutes() => new()
    {
        { "POST", "/user" },
        { "POST", "/user/hello" },
        { "POST", "/user/layouts" },
        { "POST", "/user/prefs" },
        { "POST", "/admin/apps" },
        { "POST", "/admin/users" },
        { "PUT", "/admin/apps/x/access" },
        { "POST", "/admin/layouts" },
    };

    [Theory]
    [MemberData(nameof(JsonRoutes))]
    public async Task A_body_over_the_limit_is_413_naming_the_limit(string method, string path)
    {
        var body = "{\"pad\":\"" + new string('x', Limit + 10) + "\"}";
        await (await _host.SendAsync(new HttpMethod(method), path, ManagerHost.Admin, body)).ShouldBeProblemAsync(413, "maxRequestBytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413_too()
    {
        var small = Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', Limit + 10) + "\"}");
        var content = new StreamContent(new UnknownLengthStream(small));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        await (await _host.SendAsync(HttpMethod.Post, "/user/prefs", ManagerHost.Admin, content)).ShouldBeProblemAsync(413, "maxRequestBytes");

        // Past what Kestrel accepts at all (64 KiB here) Kestrel answers a 413 problem and closes the connection without
        // reading the rest. A chunked body has no length to refuse up front, so a client still writing then sees either
        // the 413 or its connection cut (a broken pipe), depending on who is first; both are correct refusals of a body
        // the server will not read. The server goes on serving.
        var big = Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', 200_000) + "\"}");
        var bigContent = new StreamContent(new UnknownLengthStream(big));
        bigContent.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        HttpResponseMessage? refused = null;
        try
        {
            refused = await _host.SendAsync(HttpMethod.Post, "/user/prefs", ManagerHost.Admin, bigContent);
        }
        catch (HttpRequestException e) when (e.InnerException is IOException)
        {
            // The connection was cut while the body was still being written.
        }

        if (refused is not null)
        {
            await refused.ShouldBeProblemAsync(413);
        }

        (await _host.GetJsonAsync("/user", ManagerHost.Admin)).Str("id").Should().Be("admin");
    }

    [Fact]
    public async Task A_huge_feedback_is_413()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[300_000]), "attachment", "a.bin" } };
        await (await _host.SendAsync(HttpMethod.Post, "/user/feedbacks", ManagerHost.Admin, form)).ShouldBeProblemAsync(413);
    }
}
