using Microsoft.IdentityModel.JsonWebTokens;

namespace IoActors.Manager.Tests.User;

/// <summary>POST /user/hello, /user/goodbye and /user/refresh.</summary>
public sealed class SessionTests(SharedManager shared) : IClassFixture<SharedManager>
{
    private readonly ManagerHost _host = shared.Host;

    [Fact]
    public async Task Hello_opens_a_session_whose_token_names_the_session_and_user()
    {
        var user = await _host.CreateUserAsync();
        var answer = await _host.PostJsonAsync("/user/hello", user, new { machine = new { name = "desk-7", user = "u" }, glue = new { version = "6.10.4" } });
        var jwt = new JsonWebToken(answer.Str("token"));
        jwt.GetPayloadValue<string>("user").Should().Be(user.User);
        jwt.GetPayloadValue<string>("session").Should().NotBeNullOrEmpty();
        jwt.ValidTo.Should().BeAfter(DateTime.UtcNow.AddHours(23));
        answer.TryGetProperty("serverInfo", out _).Should().BeFalse("it was not asked for");

        // Without initialDataRequest the answer carries the apps, layouts and commands.
        var data = answer.GetProperty("data");
        data.GetProperty("applications").GetProperty("hasChanges").GetBoolean().Should().BeTrue();
        data.GetProperty("layouts").GetProperty("data").ValueKind.Should().Be(JsonValueKind.Array);
        data.GetProperty("commands").GetProperty("data").GetArrayLength().Should().Be(0);

        var sessions = await _host.GetJsonAsync($"/admin/sessions?user={Uri.EscapeDataString(user.User)}", ManagerHost.Admin);
        var session = sessions.EnumerateArray().Should().ContainSingle().Subject;
        session.Str("id").Should().Be(jwt.GetPayloadValue<string>("session"));
        session.GetProperty("machine").Str("name").Should().Be("desk-7");
        session.GetProperty("glue").Str("version").Should().Be("6.10.4");
        session.TryGetProperty("closed", out _).Should().BeFalse("the session is open");
    }

    [Fact]
    public async Task Hello_includes_server_info_and_only_the_asked_categories()
    {
        var user = await _host.CreateUserAsync();
        var answer = await _host.PostJsonAsync("/user/hello", user, new
        {
            includeServerInfo = true,
            initialDataRequest = new { applications = new { include = true }, layouts = new { include = false } },
        });
        answer.GetProperty("serverInfo").Str("product").Should().Be("IoActors Manager");
        var data = answer.GetProperty("data");
        data.GetProperty("applications").GetProperty("hasChanges").GetBoolean().Should().BeTrue();
        data.TryGetProperty("layouts", out _).Should().BeFalse();
        data.TryGetProperty("commands", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("[]", "an object is required")]
    [InlineData("\"hello\"", "an object is required")]
    [InlineData("{ \"machine\": ", "not valid JSON")]
    [InlineData("{ \"machine\": 5 }", "machine: 5 must be an object")]
    [InlineData("{ \"glue\": \"6.1\" }", "glue: \"6.1\" must be an object")]
    [InlineData("{ \"includeServerInfo\": \"yes\" }", "includeServerInfo: \"yes\" must be true or false")]
    [InlineData("{ \"initialDataRequest\": [] }", "initialDataRequest: [] must be an object")]
    [InlineData("{ \"initialDataRequest\": { \"applications\": true } }", "applications: true must be an object")]
    [InlineData("{ \"initialDataRequest\": { \"layouts\": { \"include\": 1 } } }", "include: 1 must be true or false")]
    public async Task Hello_refuses_a_bad_body_naming_the_field(string body, string named)
    {
        var user = await _host.CreateUserAsync();
        await (await _host.PostAsync("/user/hello", user, body)).ShouldBeProblemAsync(400, named);
    }

    [Fact]
    public async Task Hello_refuses_an_empty_body_and_an_oversized_machine_description()
    {
        var user = await _host.CreateUserAsync();
        await (await _host.SendAsync(HttpMethod.Post, "/user/hello", user, new ByteArrayContent([]))).ShouldBeProblemAsync(400, "empty");
        var big = new { machine = new { name = new string('m', 20_000) } };
        await (await _host.PostAsync("/user/hello", user, big)).ShouldBeProblemAsync(400, "machine", "16384");
    }

    [Fact]
    public async Task Goodbye_closes_the_session_and_a_second_goodbye_is_harmless()
    {
        var user = await _host.CreateUserAsync();
        var (token, session) = await _host.HelloAsync(user);
        await (await _host.PostAsync("/user/goodbye", user, new { session })).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await _host.PostAsync("/user/goodbye", user, new { session })).ShouldBeAsync(HttpStatusCode.NoContent);
        var closed = await _host.GetJsonAsync($"/admin/sessions/{session}", ManagerHost.Admin);
        closed.GetProperty("closed").ValueKind.Should().Be(JsonValueKind.String);
        await (await _host.GetAsync("/user", Creds.Session(token))).ShouldBeProblemAsync(401, "closed");
    }

    [Theory]
    [InlineData("{}", "session: required")]
    [InlineData("{ \"session\": 42 }", "session: 42 must be a string")]
    [InlineData("{ \"session\": null }", "session: required")]
    [InlineData("not json", "not valid JSON")]
    public async Task Goodbye_refuses_a_bad_body(string body, string named)
    {
        var user = await _host.CreateUserAsync();
        await (await _host.PostAsync("/user/goodbye", user, body)).ShouldBeProblemAsync(400, named);
    }

    [Fact]
    public async Task Goodbye_for_an_unknown_session_or_one_of_another_user_is_404_and_closes_nothing()
    {
        var alice = await _host.CreateUserAsync();
        var bob = await _host.CreateUserAsync();
        var (bobsToken, bobsSession) = await _host.HelloAsync(bob);
        await (await _host.PostAsync("/user/goodbye", alice, new { session = "no-such-session" })).ShouldBeProblemAsync(404, "no-such-session");
        await (await _host.PostAsync("/user/goodbye", alice, new { session = bobsSession })).ShouldBeProblemAsync(404, bobsSession, "not one of the user's");
        (await _host.GetJsonAsync("/user", Creds.Session(bobsToken))).Str("id").Should().Be(bob.User, "Bob's session is still open");
    }

    [Fact]
    public async Task Refresh_gives_a_new_token_of_the_same_session()
    {
        var user = await _host.CreateUserAsync();
        var (token, session) = await _host.HelloAsync(user);
        var renewed = (await _host.PostJsonAsync("/user/refresh", null, new { token })).Str("token");
        ManagerHost.SessionOf(renewed).Should().Be(session);
        (await _host.GetJsonAsync("/user", Creds.Session(renewed))).Str("id").Should().Be(user.User);

        // With credentials of the same user it works too.
        (await _host.PostJsonAsync("/user/refresh", user, new { token })).Str("token").Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Refresh_refuses_bad_tokens_closed_sessions_and_other_users()
    {
        var user = await _host.CreateUserAsync();
        var other = await _host.CreateUserAsync();
        var (token, session) = await _host.HelloAsync(user);

        await (await _host.PostAsync("/user/refresh", null, "{}")).ShouldBeProblemAsync(400, "token: required");
        await (await _host.PostAsync("/user/refresh", null, new { token = 7 })).ShouldBeProblemAsync(400, "token: 7 must be a string");
        await (await _host.PostAsync("/user/refresh", null, new { token = "a.b.c" })).ShouldBeProblemAsync(401, "token", "not a valid");
        await (await _host.PostAsync("/user/refresh", null, "[1]")).ShouldBeProblemAsync(400, "an object is required");
        await (await _host.PostAsync("/user/refresh", other, new { token })).ShouldBeProblemAsync(403, "another user");

        await (await _host.PostAsync("/user/goodbye", user, new { session })).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await _host.PostAsync("/user/refresh", null, new { token })).ShouldBeProblemAsync(401, "token", "closed");
    }
}
