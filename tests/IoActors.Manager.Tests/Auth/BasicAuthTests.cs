using IoActors.Manager.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IoActors.Manager.Tests.Auth;

/// <summary>Basic mode: who may call what, and how each refusal reads.</summary>
public sealed class BasicAuthTests(SharedManager shared) : IClassFixture<SharedManager>
{
    private readonly ManagerHost _host = shared.Host;

    public static TheoryData<string, string> UserRoutes() => new()
    {
        { "GET", "/user" },
        { "POST", "/user" },
        { "GET", "/user/apps" },
        { "POST", "/user/hello" },
        { "POST", "/user/goodbye" },
        { "GET", "/user/layouts" },
        { "POST", "/user/layouts" },
        { "DELETE", "/user/layouts" },
        { "GET", "/user/layouts/default" },
        { "POST", "/user/layouts/default" },
        { "DELETE", "/user/layouts/some-id" },
        { "POST", "/user/layouts/some-id/rename" },
        { "GET", "/user/prefs" },
        { "GET", "/user/prefs/app" },
        { "POST", "/user/prefs" },
        { "DELETE", "/user/prefs" },
        { "DELETE", "/user/prefs/app" },
        { "GET", "/user/commands/some-session" },
        { "POST", "/user/commands/some-command" },
        { "POST", "/user/commands/some-command/file" },
        { "POST", "/user/feedbacks" },
    };

    public static TheoryData<string, string> AdminRoutes() => new()
    {
        { "GET", "/admin/apps" },
        { "POST", "/admin/apps" },
        { "POST", "/admin/apps/import" },
        { "GET", "/admin/apps/x" },
        { "PUT", "/admin/apps/x" },
        { "DELETE", "/admin/apps/x" },
        { "GET", "/admin/apps/x/access" },
        { "PUT", "/admin/apps/x/access" },
        { "GET", "/admin/users" },
        { "POST", "/admin/users" },
        { "GET", "/admin/users/x" },
        { "PUT", "/admin/users/x" },
        { "DELETE", "/admin/users/x" },
        { "GET", "/admin/groups" },
        { "PUT", "/admin/groups/x" },
        { "DELETE", "/admin/groups/x" },
        { "PUT", "/admin/groups/x/users/y" },
        { "DELETE", "/admin/groups/x/users/y" },
        { "GET", "/admin/layouts" },
        { "POST", "/admin/layouts" },
        { "GET", "/admin/layouts/x" },
        { "PUT", "/admin/layouts/x" },
        { "DELETE", "/admin/layouts/x" },
        { "GET", "/admin/sessions" },
        { "GET", "/admin/sessions/x" },
        { "GET", "/admin/sessions/x/commands" },
        { "POST", "/admin/sessions/x/commands" },
        { "GET", "/admin/crashes" },
        { "GET", "/admin/crashes/x" },
        { "GET", "/admin/crashes/x/dump" },
        { "GET", "/admin/feedbacks" },
        { "GET", "/admin/audit" },
    };

    [Theory]
    [MemberData(nameof(UserRoutes))]
    [MemberData(nameof(AdminRoutes))]
    public async Task Without_credentials_every_route_is_401_with_WWW_Authenticate(string method, string path)
    {
        var response = await _host.SendAsync(new HttpMethod(method), path, null, method is "POST" or "PUT" ? "{}" : null);
        response.Headers.WwwAuthenticate.Select(h => h.Scheme).Should().Contain(["Basic", "Bearer"]);
        await response.ShouldBeProblemAsync(401, "credentials are required");
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task A_user_who_is_not_an_admin_gets_403_on_every_admin_route(string method, string path)
    {
        var user = await _host.CreateUserAsync();
        var response = await _host.SendAsync(new HttpMethod(method), path, user, method is "POST" or "PUT" ? "{}" : null);
        await response.ShouldBeProblemAsync(403, user.User, "not an admin");
    }

    [Fact]
    public async Task A_wrong_password_or_an_unknown_user_is_401()
    {
        var user = await _host.CreateUserAsync();
        await (await _host.GetAsync("/user", Creds.Basic(user.User, "wrong-password"))).ShouldBeProblemAsync(401, "wrong password");
        await (await _host.GetAsync("/user", Creds.Basic("nobody-" + Guid.NewGuid(), "whatever1"))).ShouldBeProblemAsync(401, "unknown user");
        await (await _host.GetAsync("/user", Creds.Basic(user.User, string.Empty))).ShouldBeProblemAsync(401, "wrong password");

        // The right password after wrong ones still works (the check is remembered per password).
        (await _host.GetJsonAsync("/user", user)).Str("id").Should().Be(user.User);
    }

    [Fact]
    public async Task A_user_without_a_password_cannot_log_in_with_Basic()
    {
        var name = "nopw-" + Guid.NewGuid().ToString("N")[..6];
        await (await _host.PostAsync("/admin/users", ManagerHost.Admin, new { id = name })).JsonAsync();
        await (await _host.GetAsync("/user", Creds.Basic(name, "anything-at-all"))).ShouldBeProblemAsync(401, "wrong password");
    }

    [Fact]
    public async Task The_user_name_is_case_insensitive_and_the_answer_uses_the_stored_spelling()
    {
        var name = "MixedCase-" + Guid.NewGuid().ToString("N")[..6];
        var user = await _host.CreateUserAsync(name);
        var me = await _host.GetJsonAsync("/user", Creds.Basic(name.ToUpperInvariant(), user.Password));
        me.Str("id").Should().Be(name);
    }

    [Theory]
    [InlineData("Basic !!!not-base64!!!", "not base64")]
    [InlineData("Basic bm9jb2xvbg==", "not user:password")]
    [InlineData("Digest username=x", "only the Basic and Bearer schemes")]
    [InlineData("Bearer not-a-token-of-this-server", "neither a service token nor a session token")]
    public async Task Malformed_credentials_are_401_naming_what_is_wrong(string authorization, string named)
    {
        await (await _host.GetAsync("/user", Creds.Raw(authorization))).ShouldBeProblemAsync(401, "Authorization", named);
    }

    [Fact]
    public async Task A_session_token_authenticates_alone_in_serverx_token_or_as_bearer()
    {
        var user = await _host.CreateUserAsync();
        var (token, _) = await _host.HelloAsync(user);
        (await _host.GetJsonAsync("/user", Creds.Session(token))).Str("id").Should().Be(user.User);
        (await _host.GetJsonAsync("/user", Creds.Bearer(token))).Str("id").Should().Be(user.User);
        (await _host.GetJsonAsync("/user", user.WithSession(token))).Str("id").Should().Be(user.User);
    }

    [Fact]
    public async Task A_closed_session_token_is_401_in_either_header()
    {
        var user = await _host.CreateUserAsync();
        var (token, session) = await _host.HelloAsync(user);
        await (await _host.PostAsync("/user/goodbye", Creds.Session(token), new { session })).ShouldBeAsync(HttpStatusCode.NoContent);

        await (await _host.GetAsync("/user", Creds.Session(token))).ShouldBeProblemAsync(401, "serverx-token", "closed");
        await (await _host.GetAsync("/user", Creds.Bearer(token))).ShouldBeProblemAsync(401, "Authorization", "closed");
        await (await _host.GetAsync("/user/apps", user.WithSession(token))).ShouldBeProblemAsync(401, "serverx-token");
    }

    [Fact]
    public async Task A_session_token_of_another_user_than_the_Basic_credentials_is_403()
    {
        var alice = await _host.CreateUserAsync();
        var bob = await _host.CreateUserAsync();
        var (bobsToken, _) = await _host.HelloAsync(bob);
        await (await _host.GetAsync("/user", alice.WithSession(bobsToken))).ShouldBeProblemAsync(403, "another user", alice.User);
        await (await _host.GetAsync("/user/layouts", alice.WithSession(bobsToken))).ShouldBeProblemAsync(403, "another user");
    }

    [Fact]
    public async Task A_session_token_signed_with_another_key_is_refused()
    {
        var user = await _host.CreateUserAsync();
        var (_, session) = await _host.HelloAsync(user);
        var forged = SessionToken(new byte[32], session, user.User, DateTime.UtcNow.AddHours(1));
        await (await _host.GetAsync("/user", Creds.Session(forged))).ShouldBeProblemAsync(401, "serverx-token", "invalid");
        await (await _host.GetAsync("/user", Creds.Bearer(forged))).ShouldBeProblemAsync(401, "Authorization");
    }

    [Fact]
    public async Task An_expired_session_token_is_401_though_its_session_is_open()
    {
        var user = await _host.CreateUserAsync();
        var (_, session) = await _host.HelloAsync(user);
        var key = await File.ReadAllBytesAsync(Path.Combine(_host.DataFolder, "session-signing.key"));
        var expired = SessionToken(key, session, user.User, DateTime.UtcNow.AddMinutes(-1));
        var fresh = SessionToken(key, session, user.User, DateTime.UtcNow.AddHours(1));

        (await _host.GetJsonAsync("/user", Creds.Session(fresh))).Str("id").Should().Be(user.User, "the same key and claims are accepted while unexpired");
        await (await _host.GetAsync("/user", Creds.Session(expired))).ShouldBeProblemAsync(401, "serverx-token", "expired");
        await (await _host.PostAsync("/user/refresh", null, new { token = expired })).ShouldBeProblemAsync(401, "token");
    }

    [Fact]
    public async Task A_session_token_naming_a_session_of_another_user_is_401()
    {
        var alice = await _host.CreateUserAsync();
        var bob = await _host.CreateUserAsync();
        var (_, bobsSession) = await _host.HelloAsync(bob);
        var key = await File.ReadAllBytesAsync(Path.Combine(_host.DataFolder, "session-signing.key"));
        var crossed = SessionToken(key, bobsSession, alice.User, DateTime.UtcNow.AddHours(1));
        await (await _host.GetAsync("/user", Creds.Session(crossed))).ShouldBeProblemAsync(401, "serverx-token");
    }

    [Fact]
    public async Task Server_info_needs_no_credentials()
    {
        var info = await _host.GetJsonAsync("/v2/server/info", null);
        info.Str("product").Should().Be("IoActors Manager");
        info.Str("base").Should().Be("/api");
        info.GetProperty("start").GetInt64().Should().BeGreaterThan(0);
    }

    internal static string SessionToken(byte[] key, string session, string user, DateTime expires)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "ioactors-manager",
            IssuedAt = expires.AddHours(-2),
            NotBefore = expires.AddHours(-2),
            Expires = expires,
            Claims = new Dictionary<string, object> { ["session"] = session, ["user"] = user },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }
}

/// <summary>Static service tokens: accepted in Basic mode as the user they name, admin only when configured so.</summary>
public sealed class StaticTokenTests : IAsyncLifetime
{
    private const string AdminToken = "svc-admin-token-0123456789";
    private const string UserToken = "svc-user-token-0123456789";
    private ManagerHost _host = null!;

    public async Task InitializeAsync() => _host = await ManagerHost.StartAsync(o => o.Auth.StaticTokens =
    [
        new StaticTokenOptions { Token = AdminToken, User = "svc-deploy", Admin = true },
        new StaticTokenOptions { Token = UserToken, User = "svc-reader" },
    ]);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_admin_service_token_calls_the_admin_API_and_is_named_in_the_audit()
    {
        await (await _host.PutAsync("/admin/groups/svc-group", Creds.Bearer(AdminToken), null)).JsonAsync();
        var audit = await _host.GetJsonAsync("/admin/audit", Creds.Bearer(AdminToken));
        audit.EnumerateArray().Should().Contain(e => e.Str("actor") == "svc-deploy" && e.Str("target") == "svc-group");
    }

    [Fact]
    public async Task A_user_service_token_is_its_user_and_no_admin()
    {
        var me = await _host.GetJsonAsync("/user", Creds.Bearer(UserToken));
        me.Str("id").Should().Be("svc-reader");
        me.GetProperty("admin").GetBoolean().Should().BeFalse();
        await (await _host.GetAsync("/admin/users", Creds.Bearer(UserToken))).ShouldBeProblemAsync(403, "svc-reader");
        var (token, _) = await _host.HelloAsync(Creds.Bearer(UserToken));
        (await _host.GetJsonAsync("/user", Creds.Session(token))).Str("id").Should().Be("svc-reader");
    }

    [Fact]
    public async Task A_token_that_differs_in_one_character_is_refused()
    {
        await (await _host.GetAsync("/user", Creds.Bearer(UserToken[..^1] + "X"))).ShouldBeProblemAsync(401, "Authorization");
        await (await _host.GetAsync("/user", Creds.Bearer(UserToken + "9"))).ShouldBeProblemAsync(401, "Authorization");
    }
}
