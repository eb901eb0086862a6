using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IoActors.Manager.Tests.Auth;

/// <summary>Token mode: JSON Web Tokens of a configured issuer, signed with a configured HMAC key.</summary>
public sealed class TokenAuthTests : IAsyncLifetime
{
    private const string Issuer = "https://idp.example.com";
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private ManagerHost _host = null!;

    public async Task InitializeAsync() => _host = await ManagerHost.StartAsync(o =>
    {
        o.Auth.Type = "token";
        o.Auth.Admin = null;
        o.Auth.Jwt.Issuers = [Issuer];
        o.Auth.Jwt.SigningKeys = [Convert.ToBase64String(Key)];
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    internal static string Jwt(object? user, string[]? groups = null, string[]? roles = null, string issuer = Issuer, byte[]? key = null, DateTime? expires = null, string? audience = null)
    {
        var claims = new Dictionary<string, object>();
        if (user is not null)
        {
            claims["sub"] = user;
        }

        if (groups is not null)
        {
            claims["groups"] = groups;
        }

        if (roles is not null)
        {
            claims["roles"] = roles;
        }

        var until = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = until.AddHours(-2),
            NotBefore = until.AddHours(-2),
            Expires = until,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? Key), SecurityAlgorithms.HmacSha256),
        });
    }

    private static Creds As(string token) => Creds.Bearer(token);

    [Fact]
    public async Task A_token_of_the_issuer_is_accepted_with_its_groups_and_without_the_admin_role_is_no_admin()
    {
        var me = await _host.GetJsonAsync("/user", As(Jwt("carol", groups: ["traders", "emea"])));
        me.Str("id").Should().Be("carol");
        me.Strings("groups").Should().Equal("emea", "traders");
        me.GetProperty("admin").GetBoolean().Should().BeFalse();
        await (await _host.GetAsync("/admin/users", As(Jwt("carol")))).ShouldBeProblemAsync(403, "carol", "not an admin");
    }

    [Fact]
    public async Task The_admin_role_opens_the_admin_API_and_the_groups_claim_entitles_apps()
    {
        var admin = As(Jwt("root", roles: ["user", "admin"]));
        (await _host.GetJsonAsync("/user", admin)).GetProperty("admin").GetBoolean().Should().BeTrue();
        await (await _host.PutAsync("/admin/groups/desk", admin, null)).JsonAsync();
        await (await _host.PostAsync("/admin/apps?groups=desk", admin, Definitions.Window("desk-app"))).JsonAsync();
        await (await _host.PostAsync("/admin/apps?users=dave", admin, Definitions.Window("dave-app"))).JsonAsync();

        (await _host.GetJsonAsync("/user/apps", As(Jwt("erin", groups: ["desk"])))).Each("name").Should().Equal("desk-app");
        (await _host.GetJsonAsync("/user/apps", As(Jwt("erin", groups: ["other"])))).GetArrayLength().Should().Be(0);
        (await _host.GetJsonAsync("/user/apps", As(Jwt("dave")))).Each("name").Should().Equal("dave-app");
        (await _host.GetJsonAsync("/user/apps", As(Jwt("dave", groups: ["desk"])))).Each("name").Should().Equal("dave-app", "desk-app");

        var audit = await _host.GetJsonAsync("/admin/audit", admin);
        audit.EnumerateArray().Should().Contain(e => e.Str("actor") == "root" && e.Str("action") == "group.put");
    }

    [Fact]
    public async Task A_token_user_opens_a_session_whose_token_then_works_alone()
    {
        var (token, session) = await _host.HelloAsync(As(Jwt("frank", groups: ["g"])));
        (await _host.GetJsonAsync("/user", Creds.Session(token))).Str("id").Should().Be("frank");
        await (await _host.GetAsync("/user", As(Jwt("gina")).WithSession(token))).ShouldBeProblemAsync(403, "another user");
        await (await _host.PostAsync("/user/goodbye", Creds.Session(token), new { session })).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await _host.GetAsync("/user", Creds.Session(token))).ShouldBeProblemAsync(401, "closed");
    }

    [Fact]
    public async Task A_wrong_issuer_key_or_an_expired_token_is_401()
    {
        await (await _host.GetAsync("/user", As(Jwt("mallory", issuer: "https://evil.example.com")))).ShouldBeProblemAsync(401, "Authorization", "refused", "Issuer");
        await (await _host.GetAsync("/user", As(Jwt("mallory", key: RandomNumberGenerator.GetBytes(32))))).ShouldBeProblemAsync(401, "Authorization", "refused", "Signature");
        await (await _host.GetAsync("/user", As(Jwt("mallory", expires: DateTime.UtcNow.AddMinutes(-10))))).ShouldBeProblemAsync(401, "Authorization", "refused", "Expired");
        await (await _host.GetAsync("/user", As("not.a.jwt"))).ShouldBeProblemAsync(401, "Authorization", "refused");
        await (await _host.GetAsync("/user", As(new string('a', 20_000)))).ShouldBeProblemAsync(401, "Authorization", "16384");
        await (await _host.GetAsync("/user", null)).ShouldBeProblemAsync(401, "credentials are required", "Bearer");
    }

    [Fact]
    public async Task A_token_with_the_admin_role_of_another_issuer_gets_nothing()
    {
        await (await _host.GetAsync("/admin/users", As(Jwt("mallory", roles: ["admin"], issuer: "https://evil.example.com")))).ShouldBeProblemAsync(401);
    }

    [Fact]
    public async Task A_token_without_the_user_claim_is_401_naming_the_claim()
    {
        await (await _host.GetAsync("/user", As(Jwt(null, groups: ["g"])))).ShouldBeProblemAsync(401, "'sub'", "userClaim");
        await (await _host.GetAsync("/user", As(Jwt("")))).ShouldBeProblemAsync(401, "'sub'");
    }

    [Fact]
    public async Task Basic_credentials_are_refused_for_users_without_a_password()
    {
        await (await _host.GetAsync("/user", Creds.Basic("carol", "whatever-password"))).ShouldBeProblemAsync(401, "unknown user or wrong password");
    }
}

/// <summary>Token mode with an audience and a PEM public key.</summary>
public sealed class TokenAudienceAndPemTests
{
    [Fact]
    public async Task The_audience_is_checked_and_RSA_signed_tokens_are_verified_with_the_PEM_key()
    {
        using var rsa = RSA.Create(2048);
        await using var host = await ManagerHost.StartAsync(o =>
        {
            o.Auth.Type = "token";
            o.Auth.Admin = null;
            o.Auth.Jwt.Issuers = ["idp"];
            o.Auth.Jwt.Audiences = ["manager"];
            o.Auth.Jwt.SigningKeys = [rsa.ExportSubjectPublicKeyInfoPem()];
        });

        string Token(string? audience) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "idp",
            Audience = audience,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "rita" },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256),
        });

        (await host.GetJsonAsync("/user", Creds.Bearer(Token("manager")))).Str("id").Should().Be("rita");
        await (await host.GetAsync("/user", Creds.Bearer(Token("other")))).ShouldBeProblemAsync(401, "Audience");
        await (await host.GetAsync("/user", Creds.Bearer(Token(null)))).ShouldBeProblemAsync(401, "refused");
    }
}

/// <summary>None mode (development): every caller is an admin, the user is the <c>user</c> header.</summary>
public sealed class NoneAuthTests
{
    [Fact]
    public async Task The_user_header_names_the_user_and_every_caller_is_an_admin()
    {
        await using var host = await ManagerHost.StartAsync(o =>
        {
            o.Auth.Type = "none";
            o.Auth.Admin = null;
        });
        var anonymous = await host.GetJsonAsync("/user", null);
        anonymous.Str("id").Should().Be("anonymous");
        anonymous.GetProperty("admin").GetBoolean().Should().BeTrue();

        using var named = await host.GetAsync("/user", null, r => r.Headers.Add("user", "dev-1"));
        (await named.JsonAsync()).Str("id").Should().Be("dev-1");

        await (await host.SendAsync(HttpMethod.Post, "/user/layouts", null, new { name = "L", type = "Global", definition = "{}" }, r => r.Headers.Add("user", "dev-1"))).JsonAsync();
        using var other = await host.GetAsync("/user/layouts", null, r => r.Headers.Add("user", "dev-2"));
        (await other.JsonAsync()).GetArrayLength().Should().Be(0);

        (await host.GetJsonAsync("/admin/users", null)).GetArrayLength().Should().Be(0);
        var (token, _) = await host.HelloAsync(Creds.None);
        (await host.GetJsonAsync("/user", Creds.Session(token))).GetProperty("admin").GetBoolean().Should().BeTrue();

        using var bad = await host.GetAsync("/user", null, r => r.Headers.TryAddWithoutValidation("user", new string('u', 300)));
        await bad.ShouldBeProblemAsync(400, "user header", "300 characters");
    }
}
