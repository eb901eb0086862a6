using IoActors.Hocon.Configuration;
using IoActors.Manager.Configuration;
using IoActors.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IoActors.Manager.Tests.Config;

/// <summary>ManagerOptions: validation messages name the key, and the HOCON file binds.</summary>
public sealed class OptionsTests
{
    private static ManagerOptions Valid() => new() { Listen = "127.0.0.1:0" };

    [Fact]
    public void The_defaults_are_valid()
    {
        new ManagerOptions().GetValidationErrors().Should().BeEmpty();
    }

    [Theory]
    [InlineData("nowhere")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("127.0.0.1:-1")]
    [InlineData("example.com:80")]
    [InlineData(":4356")]
    public void A_bad_listen_address_names_manager_listen(string listen)
    {
        var options = Valid();
        options.Listen = listen;
        options.GetValidationErrors().Should().ContainSingle().Which.Should().StartWith("manager.listen:").And.Contain($"'{listen}'");
    }

    [Theory]
    [InlineData("localhost:0")]
    [InlineData("0.0.0.0:4356")]
    [InlineData("[::1]:4356")]
    public void Good_listen_addresses_pass(string listen)
    {
        var options = Valid();
        options.Listen = listen;
        options.GetValidationErrors().Should().BeEmpty();
    }

    [Fact]
    public void A_bad_auth_type_names_manager_auth_type()
    {
        var options = Valid();
        options.Auth.Type = "kerberos";
        options.GetValidationErrors().Should().ContainSingle().Which.Should().Be("manager.auth.type: 'kerberos' must be none, basic or token");
    }

    [Fact]
    public void A_short_or_unprintable_static_token_and_a_missing_user_name_the_entry()
    {
        var options = Valid();
        options.Auth.StaticTokens = [new StaticTokenOptions { Token = "good-token-0123456789", User = "svc" }, new StaticTokenOptions { Token = "short", User = "svc" }, new StaticTokenOptions { Token = "has a space in it 0123" }];
        options.GetValidationErrors().Should().BeEquivalentTo(
            "manager.auth.staticTokens[1].token: at least 16 visible ASCII characters are required",
            "manager.auth.staticTokens[2].token: at least 16 visible ASCII characters are required",
            "manager.auth.staticTokens[2].user: required");
    }

    [Theory]
    [InlineData("c2hvcnQ=", "manager.auth.jwt.signingKeys[0]", "5 bytes; at least 32")]
    [InlineData("not base64 at all!", "manager.auth.jwt.signingKeys[0]", "neither a PEM public key nor base64")]
    [InlineData("", "manager.auth.jwt.signingKeys[0]", "empty")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "manager.auth.jwt.signingKeys[0]", "not a PEM RSA or EC public key")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "manager.auth.jwt.signingKeys[0]", "private key")]
    public void A_bad_signing_key_names_its_entry(string key, string named, string why)
    {
        var options = Valid();
        options.Auth.Type = "token";
        options.Auth.Jwt.Issuers = ["idp"];
        options.Auth.Jwt.SigningKeys = [key];
        var error = options.GetValidationErrors().Should().ContainSingle().Subject;
        error.Should().StartWith(named + ":").And.Contain(why);
    }

    [Fact]
    public void Token_mode_needs_issuers_and_keys()
    {
        var options = Valid();
        options.Auth.Type = "token";
        options.GetValidationErrors().Should().BeEquivalentTo(
            "manager.auth.jwt.issuers: token mode needs at least one issuer",
            "manager.auth.jwt.signingKeys: token mode needs at least one signing key");
    }

    [Fact]
    public void Every_other_bad_value_is_named_too()
    {
        var options = Valid();
        options.BasePath = "api";
        options.DataFolder = " ";
        options.SessionTokenLifetime = IoActors.Hocon.HoconDuration.FromMilliseconds(0);
        options.Auth.Admin = new BootstrapAdminOptions { Username = "", Password = "short" };
        options.Auth.Jwt.UserClaim = "";
        options.Limits.MaxRequestBytes = 10;
        options.Limits.MaxCrashStoreBytes = 1;
        options.Limits.MaxUsers = 0;
        options.Persistence.ConnectionString = "";
        var errors = options.GetValidationErrors();
        errors.Select(e => e[..e.IndexOf(':')]).Should().BeEquivalentTo(
            "manager.basePath",
            "manager.dataFolder",
            "manager.sessionTokenLifetime",
            "manager.auth.admin.username",
            "manager.auth.admin.password",
            "manager.auth.jwt.userClaim",
            "manager.limits.maxRequestBytes",
            "manager.limits.maxCrashStoreBytes",
            "manager.limits.maxUsers",
            "manager.persistence.connectionString");
    }

    [Fact]
    public async Task Start_refuses_invalid_options_listing_every_problem()
    {
        var options = Valid();
        options.Listen = "bad";
        options.Auth.Type = "magic";
        var start = () => ManagerServer.StartAsync(options);
        var thrown = await start.Should().ThrowAsync<OptionsValidationException>();
        thrown.Which.Failures.Should().HaveCount(2);
        thrown.Which.Message.Should().Contain("manager.listen").And.Contain("manager.auth.type");
    }

    [Fact]
    public async Task The_HOCON_file_binds_every_kind_of_setting()
    {
        using var folder = new TempFolder();
        var file = folder.Write("conf/manager.conf", """
            manager {
              listen = "127.0.0.1:0"
              basePath = "/mgr"
              dataFolder = "../state"
              sessionTokenLifetime = 2h
              newAppsVisibleToEveryone = true
              auth {
                type = basic
                admin { username = root, password = "root-password" }
                staticTokens = [ { token = "service-token-0123456789", user = svc, admin = true } ]
                jwt { issuers = [ "a", "b" ], groupsClaim = grp }
              }
              limits { maxApps = 7, maxCrashBytes = 2048 }
            }
            """);
        var configuration = new ConfigurationBuilder().AddHoconFile(file).Build();
        var options = ManagerOptions.Bind(configuration, Path.GetDirectoryName(file));
        options.GetValidationErrors().Should().BeEmpty();
        options.BasePath.Should().Be("/mgr");
        options.ResolvePath(options.DataFolder).Should().Be(Path.Combine(folder.Path, "state"));
        options.SessionTokenLifetime.Value.Should().Be(TimeSpan.FromHours(2));
        options.NewAppsVisibleToEveryone.Should().BeTrue();
        options.Auth.Admin!.Username.Should().Be("root");
        options.Auth.StaticTokens.Should().ContainSingle().Which.Admin.Should().BeTrue();
        options.Auth.Jwt.Issuers.Should().Equal("a", "b");
        options.Auth.Jwt.GroupsClaim.Should().Be("grp");
        options.Limits.MaxApps.Should().Be(7);
        options.Limits.MaxCrashBytes.Should().Be(2048);

        // The bound options run a server: the base path and the admin apply.
        await using var server = await ManagerServer.StartAsync(options);
        server.Url.AbsolutePath.Should().Be("/mgr");
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Url + "/user");
        Creds.Basic("root", "root-password").Apply(request);
        using var response = await http.SendAsync(request);
        (await response.JsonAsync()).Str("id").Should().Be("root");
        using var svc = new HttpRequestMessage(HttpMethod.Get, server.Url + "/admin/users");
        Creds.Bearer("service-token-0123456789").Apply(svc);
        using var svcResponse = await http.SendAsync(svc);
        (await svcResponse.JsonAsync()).Each("id").Should().Equal("root");
    }

    [Theory]
    [InlineData("manager.limits.maxApps = lots", "manager.limits.maxApps: \"lots\" must be an integer")]
    [InlineData("manager.newAppsVisibleToEveryone = perhaps", "manager.newAppsVisibleToEveryone: \"perhaps\" must be true or false")]
    [InlineData("manager.sessionTokenLifetime = forever", "manager.sessionTokenLifetime")]
    public void A_value_of_the_wrong_type_names_the_key(string hocon, string named)
    {
        var configuration = new ConfigurationBuilder().AddHoconString(hocon).Build();
        var bind = () => ManagerOptions.Bind(configuration);
        bind.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle().Which.Should().Contain(named);
    }

    [Fact]
    public void The_documented_file_is_valid_as_shipped()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "hocon", "manager.conf")))
        {
            root = root.Parent;
        }

        root.Should().NotBeNull("hocon/manager.conf is in the repository");
        var file = Path.Combine(root!.FullName, "hocon", "manager.conf");
        var options = ManagerOptions.Bind(new ConfigurationBuilder().AddHoconFile(file).Build(), Path.GetDirectoryName(file));
        options.GetValidationErrors().Should().BeEmpty();
        options.Listen.Should().Be("127.0.0.1:4356");
        options.Auth.Type.Should().Be("basic");
        options.Limits.MaxRequestBytes.Should().Be(4194304);
        options.SessionTokenLifetime.Value.Should().Be(TimeSpan.FromHours(24));
    }
}
