using IoActors.Hocon;
using IoActors.Platform.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IoActors.Manager.Configuration;

/// <summary>
/// The IoActors Manager server's configuration: the <c>manager</c> section of its HOCON file (hocon/manager.conf
/// documents every key and its default). Call <see cref="Validate"/> once at start.
/// </summary>
public sealed class ManagerOptions
{
    /// <summary>The address the server listens on, <c>host:port</c>; port 0 picks a free port. The default is <c>127.0.0.1:4356</c> (loopback only).</summary>
    public string Listen { get; set; } = "127.0.0.1:4356";

    /// <summary>The path prefix of every route, as in io.Manager's <c>http://host:4356/api</c>. The default is <c>/api</c>.</summary>
    public string BasePath { get; set; } = "/api";

    /// <summary>The folder of the server's database, signing key, crash dumps and command files. The default is <c>manager-data</c>.</summary>
    public string DataFolder { get; set; } = "manager-data";

    /// <summary>Where the server's state is kept (Akka.Persistence.Sql). The default is a SQLite file in the data folder.</summary>
    public PersistenceOptions Persistence { get; set; } = new() { ConnectionString = "Data Source=manager.db" };

    /// <summary>How callers are authenticated. The default is <c>basic</c>.</summary>
    public ManagerAuthOptions Auth { get; set; } = new();

    /// <summary>How long a session token is valid; <c>/user/refresh</c> issues a new one. The default is 24 h.</summary>
    public HoconDuration SessionTokenLifetime { get; set; } = HoconDuration.FromMilliseconds(24 * 3600 * 1000L);

    /// <summary>Whether apps added without an access list are visible to every user. The default is <see langword="false"/> (to no one until granted).</summary>
    public bool NewAppsVisibleToEveryone { get; set; }

    /// <summary>The bounds of what one caller or request may store.</summary>
    public ManagerLimitsOptions Limits { get; set; } = new();

    /// <summary>Cluster mode: several nodes on one PostgreSQL database. Off by default.</summary>
    public ManagerClusterOptions Cluster { get; set; } = new();

    /// <summary>The folder relative paths resolve against: the configuration file's folder. Not a configuration key.</summary>
    public string ConfigFolder { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>Binds the <c>manager</c> section of a configuration root.</summary>
    /// <param name="configuration">The configuration root.</param>
    /// <param name="configFolder">The folder of the configuration file, or <see langword="null"/> for the current directory.</param>
    /// <returns>The options (not yet validated).</returns>
    /// <exception cref="OptionsValidationException">A value cannot be converted to its setting's type; the failure names the key and value.</exception>
    public static ManagerOptions Bind(IConfiguration configuration, string? configFolder = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ManagerOptions();
        if (configFolder is not null)
        {
            options.ConfigFolder = Path.GetFullPath(configFolder);
        }

        try
        {
            configuration.GetSection("manager").Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new OptionsValidationException(nameof(ManagerOptions), typeof(ManagerOptions), [PlatformOptionsValidator.DescribeBindingError(configuration, e)]);
        }

        return options;
    }

    /// <summary>Resolves a path against <see cref="ConfigFolder"/>.</summary>
    /// <param name="path">The path, absolute or relative.</param>
    /// <returns>The full path.</returns>
    public string ResolvePath(string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(ConfigFolder, path));

    /// <summary>Every problem of the settings, each naming the key and value.</summary>
    /// <returns>The problems; empty when valid.</returns>
    public IReadOnlyList<string> GetValidationErrors() => ManagerOptionsValidator.Check(this);

    /// <summary>Throws if any setting is invalid, listing all problems.</summary>
    /// <exception cref="OptionsValidationException">Some settings are invalid.</exception>
    public void Validate()
    {
        var errors = GetValidationErrors();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(nameof(ManagerOptions), typeof(ManagerOptions), errors);
        }
    }
}

/// <summary>How the server authenticates callers (<c>manager.auth</c>).</summary>
public sealed class ManagerAuthOptions
{
    /// <summary>
    /// <c>none</c> (development: the caller is the user named by the <c>user</c> header, or <c>anonymous</c>, and every caller is
    /// an admin), <c>basic</c> (users with stored password hashes), or <c>token</c> (JSON Web Tokens from the configured issuers).
    /// Static service tokens and the server's own session tokens are accepted in every mode. The default is <c>basic</c>.
    /// </summary>
    public string Type { get; set; } = "basic";

    /// <summary>The admin created at the first start when no user exists yet (Basic mode). The default is none.</summary>
    public BootstrapAdminOptions? Admin { get; set; }

    /// <summary>Static bearer tokens for services: each names the user it acts as and whether it is an admin. The default is none.</summary>
    public List<StaticTokenOptions> StaticTokens { get; set; } = [];

    /// <summary>How JSON Web Tokens are validated (<c>token</c> mode).</summary>
    public JwtOptions Jwt { get; set; } = new();
}

/// <summary>The first admin (<c>manager.auth.admin</c>).</summary>
public sealed class BootstrapAdminOptions
{
    /// <summary>The user name. Required.</summary>
    public string? Username { get; set; }

    /// <summary>The password (stored only as a hash). Required.</summary>
    public string? Password { get; set; }
}

/// <summary>A static bearer token for a service (<c>manager.auth.staticTokens[]</c>).</summary>
public sealed class StaticTokenOptions
{
    /// <summary>The token (at least 16 characters). Required.</summary>
    public string? Token { get; set; }

    /// <summary>The user the token acts as. Required.</summary>
    public string? User { get; set; }

    /// <summary>Whether the token may call the admin API. The default is <see langword="false"/>.</summary>
    public bool Admin { get; set; }
}

/// <summary>JSON Web Token validation (<c>manager.auth.jwt</c>).</summary>
public sealed class JwtOptions
{
    /// <summary>The accepted issuers (<c>iss</c>). Required in <c>token</c> mode.</summary>
    public List<string> Issuers { get; set; } = [];

    /// <summary>The accepted audiences (<c>aud</c>); empty accepts any. The default is none.</summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>The signing keys: base64 HMAC secrets (at least 32 bytes) or PEM RSA/EC public keys. Required in <c>token</c> mode.</summary>
    public List<string> SigningKeys { get; set; } = [];

    /// <summary>The claim naming the user. The default is <c>sub</c>.</summary>
    public string UserClaim { get; set; } = "sub";

    /// <summary>The claim listing the user's groups (added to the groups the server knows). The default is <c>groups</c>.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>The claim listing roles. The default is <c>roles</c>.</summary>
    public string RolesClaim { get; set; } = "roles";

    /// <summary>The role that makes a caller an admin. The default is <c>admin</c>.</summary>
    public string AdminRole { get; set; } = "admin";
}

/// <summary>The bounds of what one request, user or session may store (<c>manager.limits</c>).</summary>
public sealed class ManagerLimitsOptions
{
    /// <summary>The largest JSON request body. The default is 4 MiB.</summary>
    public long MaxRequestBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>The largest crash report (all its parts). The default is 32 MiB.</summary>
    public long MaxCrashBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>How many crash reports are kept; the oldest go first. The default is 1000.</summary>
    public int MaxCrashReports { get; set; } = 1000;

    /// <summary>The total size of the crash dumps kept; the oldest go first. The default is 1 GiB.</summary>
    public long MaxCrashStoreBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>How many private layouts one user may have. The default is 500.</summary>
    public int MaxLayoutsPerUser { get; set; } = 500;

    /// <summary>The total size of one user's private layouts and preferences. The default is 16 MiB.</summary>
    public long MaxUserStateBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>How many sessions are kept (closed ones go first, oldest first). The default is 100000.</summary>
    public int MaxSessions { get; set; } = 100_000;

    /// <summary>How many commands one session keeps (the oldest completed go first). The default is 100.</summary>
    public int MaxCommandsPerSession { get; set; } = 100;

    /// <summary>How many audit entries are kept. The default is 10000.</summary>
    public int MaxAuditEntries { get; set; } = 10_000;

    /// <summary>How many feedback reports are kept. The default is 1000.</summary>
    public int MaxFeedbacks { get; set; } = 1000;

    /// <summary>How many apps the server holds. The default is 10000.</summary>
    public int MaxApps { get; set; } = 10_000;

    /// <summary>How many users the server holds. The default is 100000.</summary>
    public int MaxUsers { get; set; } = 100_000;

    /// <summary>How many <c>GET /admin/events</c> streams one node serves at once (more: 503). The default is 256.</summary>
    public int MaxEventSubscribers { get; set; } = 256;
}
