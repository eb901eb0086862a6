namespace IoActors.Manager.Tests.Http;

/// <summary>Hostile and malformed requests are refused with problems, and the server keeps answering.</summary>
public sealed class HostileInputTests(SharedManager shared) : IClassFixture<SharedManager>
{
    private readonly ManagerHost _host = shared.Host;

    [Fact]
    public async Task Deeply_nested_JSON_is_400()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        await (await _host.PostAsync("/user/prefs", ManagerHost.Admin, "{\"app\":\"a\",\"data\":{\"x\":" + deep + "}}")).ShouldBeProblemAsync(400, "not valid JSON");
        await (await _host.PostAsync("/admin/apps", ManagerHost.Admin, deep)).ShouldBeProblemAsync(400);
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_and_lone_surrogates_are_400_naming_where()
    {
        var invalid = new ByteArrayContent([.. Encoding.UTF8.GetBytes("{\"app\":\"a\",\"data\":{\"k\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}}")]);
        invalid.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        await (await _host.SendAsync(HttpMethod.Post, "/user/prefs", ManagerHost.Admin, invalid)).ShouldBeProblemAsync(400);
        await (await _host.PostAsync("/user/layouts", ManagerHost.Admin, "{\"name\":\"\\ud800\",\"type\":\"Global\",\"definition\":\"{}\"}")).ShouldBeProblemAsync(400, "$.name");
        await (await _host.PostAsync("/admin/users", ManagerHost.Admin, "{\"id\":\"\\udc00x\"}")).ShouldBeProblemAsync(400, "$.id");
    }

    [Fact]
    public async Task Control_characters_in_route_values_and_headers_are_refused()
    {
        await (await _host.PutAsync("/admin/groups/a%01b", ManagerHost.Admin, null)).ShouldBeProblemAsync(400, "name:", "\\u0001");
        await (await _host.PutAsync("/admin/layouts/a%1Fb", ManagerHost.Admin, new { name = "n", type = "t", definition = "{}" })).ShouldBeProblemAsync(400, "id:");
        await (await _host.GetAsync("/user", Creds.Basic("ad\u0001min", "admin-password"))).ShouldBeProblemAsync(401);
    }

    [Fact]
    public async Task After_a_burst_of_bad_requests_the_server_still_answers_and_logged_no_error()
    {
        var user = await _host.CreateUserAsync();
        var rounds = Enumerable.Range(0, 25).Select(async i =>
        {
            var statuses = new List<int>();
            async Task Send(HttpMethod method, string path, Creds? creds, object? body)
            {
                using var response = await _host.SendAsync(method, path, creds, body);
                statuses.Add((int)response.StatusCode);
                if (!response.IsSuccessStatusCode)
                {
                    response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", $"{method} {path} answered {(int)response.StatusCode}");
                }
            }

            await Send(HttpMethod.Post, "/user/prefs", user, "{\"app\":");
            await Send(HttpMethod.Post, "/user/layouts", user, "[[[[[[[[[[");
            await Send(HttpMethod.Post, "/user/hello", Creds.Raw("Basic " + new string('=', 500)), "{}");
            await Send(HttpMethod.Get, "/user", Creds.Raw("Bearer " + new string('x', 9000)), null);
            await Send(HttpMethod.Get, "/user", Creds.Session("a.b.c"), null);
            await Send(HttpMethod.Post, "/user/goodbye", user, "{\"session\":{\"$ne\":null}}");
            await Send(HttpMethod.Post, "/admin/apps", user, "{}");
            await Send(HttpMethod.Post, "/admin/apps", ManagerHost.Admin, "{\"name\":\"" + new string('\u00e9', 300) + "\"}");
            await Send(HttpMethod.Post, "/user/refresh", null, "{\"token\":\"" + new string('.', 9000) + "\"}");
            await Send(HttpMethod.Post, "/crashes", null, new ByteArrayContent([0xff, 0xfe, 0x00]) { Headers = { ContentType = new("multipart/form-data") } });
            await Send(HttpMethod.Post, "/user/feedbacks", user, new ByteArrayContent([1, 2, 3]) { Headers = { ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=zz") } });
            await Send(HttpMethod.Get, $"/user/commands/{Uri.EscapeDataString("../../etc/passwd")}", user, null);
            await Send(HttpMethod.Post, $"/user/commands/{Uri.EscapeDataString("../../x")}/file", user, new { fileName = "../../evil", contents = "x" });
            await Send(HttpMethod.Get, "/admin/crashes/..%2F..%2Fsession-signing.key/dump", ManagerHost.Admin, null);
            await Send(HttpMethod.Get, "/admin/audit?limit=-5", ManagerHost.Admin, null);
            return statuses;
        });
        var all = (await Task.WhenAll(rounds)).SelectMany(s => s).ToList();
        all.Should().NotContain(s => s >= 500);
        all.Should().OnlyContain(s => s >= 400);

        (await _host.GetJsonAsync("/v2/server/info", null)).Str("product").Should().Be("IoActors Manager");
        (await _host.GetJsonAsync("/user", user)).Str("id").Should().Be(user.User);
        (await _host.HelloAsync(user)).Token.Should().NotBeNullOrEmpty();
        _host.Log.Errors.Should().BeEmpty();
        File.Exists(Path.Combine(_host.DataFolder, "..", "evil")).Should().BeFalse();
    }
}
