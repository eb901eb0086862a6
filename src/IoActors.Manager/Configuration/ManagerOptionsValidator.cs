using System.Net;
using IoActors.Manager.Auth;
using IoActors.Manager.Cluster;
using IoActors.Platform.Configuration;

namespace IoActors.Manager.Configuration;

/// <summary>Checks the Manager options; every problem names the key, the value and the rule.</summary>
internal static class ManagerOptionsValidator
{
    public static IReadOnlyList<string> Check(ManagerOptions options)
    {
        var errors = new List<string>();
        if (ParseListen(options.Listen) is null)
        {
            errors.Add($"manager.listen: '{options.Listen}' must be host:port with an IP address or 'localhost' and a port 0-65535 (e.g. 127.0.0.1:4356)");
        }

        if (options.BasePath is not { Length: > 0 } basePath || basePath[0] != '/' || basePath.Contains('?') || basePath.Contains('#') || basePath.Contains(' '))
        {
            errors.Add($"manager.basePath: '{options.BasePath}' must be a path starting with '/' (e.g. /api), without query or spaces");
        }

        if (string.IsNullOrWhiteSpace(options.DataFolder))
        {
            errors.Add("manager.dataFolder: the value is empty; it must name a folder");
        }

        if (options.SessionTokenLifetime.Value <= TimeSpan.Zero)
        {
            errors.Add($"manager.sessionTokenLifetime: {options.SessionTokenLifetime} must be > 0");
        }

        CheckAuth(options.Auth, errors);
        CheckLimits(options.Limits, errors);
        if (options.Persistence.Provider is not (PersistenceProvider.Sqlite or PersistenceProvider.Postgresql))
        {
            errors.Add($"manager.persistence.provider: {options.Persistence.Provider} must be sqlite or postgresql");
        }

        if (string.IsNullOrWhiteSpace(options.Persistence.ConnectionString))
        {
            errors.Add("manager.persistence.connectionString: the value is empty; it must name the database");
        }

        CheckCluster(options, errors);
        return errors;
    }

    private static void CheckCluster(ManagerOptions options, List<string> errors)
    {
        var cluster = options.Cluster;
        if (!cluster.Enabled)
        {
            return;
        }

        if (options.Persistence.Provider != PersistenceProvider.Postgresql)
        {
            errors.Add($"manager.cluster.enabled: cluster mode keeps the nodes' shared state in one PostgreSQL database; manager.persistence.provider is {options.Persistence.Provider.ToString().ToLowerInvariant()} (set it to postgresql)");
        }

        if (string.IsNullOrWhiteSpace(cluster.Hostname) || cluster.Hostname.Any(c => char.IsWhiteSpace(c) || c is '"' or '\\' or '/' or '@'))
        {
            errors.Add($"manager.cluster.hostname: '{cluster.Hostname}' must be a host name or IP address other nodes reach this node on");
        }

        if (cluster.Port is < 0 or > 65535)
        {
            errors.Add($"manager.cluster.port: {cluster.Port} must be 0-65535");
        }

        if (cluster.SeedNodes.Count == 0)
        {
            errors.Add("manager.cluster.seedNodes: cluster mode needs at least one seed node (host:port of a node's Akka.Remote endpoint)");
        }

        for (var i = 0; i < cluster.SeedNodes.Count; i++)
        {
            if (ClusterAddresses.SeedAddress(cluster.SeedNodes[i]) is null)
            {
                errors.Add($"manager.cluster.seedNodes[{i}]: '{cluster.SeedNodes[i]}' must be host:port or akka.tcp://ioactors-manager@host:port");
            }
        }

        if (cluster.StableAfter.Value < TimeSpan.FromSeconds(1))
        {
            errors.Add($"manager.cluster.stableAfter: {cluster.StableAfter} must be at least 1s");
        }

        if (cluster.PassivateAfter.Value < TimeSpan.FromSeconds(1))
        {
            errors.Add($"manager.cluster.passivateAfter: {cluster.PassivateAfter} must be at least 1s");
        }

        if (cluster.Shards is < 1 or > 10_000)
        {
            errors.Add($"manager.cluster.shards: {cluster.Shards} must be 1-10000");
        }

        if (cluster.ReplicaPoll.Value < TimeSpan.FromMilliseconds(100) || cluster.ReplicaPoll.Value > TimeSpan.FromSeconds(60))
        {
            errors.Add($"manager.cluster.replicaPoll: {cluster.ReplicaPoll} must be between 100ms and 60s");
        }
    }

    /// <summary>The endpoint of <c>manager.listen</c>, or <see langword="null"/> when it is not host:port.</summary>
    internal static IPEndPoint? ParseListen(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return null;
        }

        var host = text[..colon].Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        return IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : null;
    }

    private static void CheckAuth(ManagerAuthOptions auth, List<string> errors)
    {
        if (auth.Type is not ("none" or "basic" or "token"))
        {
            errors.Add($"manager.auth.type: '{auth.Type}' must be none, basic or token");
        }

        if (auth.Admin is { } admin)
        {
            if (string.IsNullOrWhiteSpace(admin.Username) || admin.Username.Length > 256)
            {
                errors.Add("manager.auth.admin.username: required (1 to 256 characters)");
            }

            if (string.IsNullOrEmpty(admin.Password) || admin.Password.Length < 8)
            {
                errors.Add("manager.auth.admin.password: required, at least 8 characters");
            }
        }

        for (var i = 0; i < auth.StaticTokens.Count; i++)
        {
            var token = auth.StaticTokens[i];
            if (token.Token is not { Length: >= 16 } value || value.Any(c => c is < '!' or > '~'))
            {
                errors.Add($"manager.auth.staticTokens[{i}].token: at least 16 visible ASCII characters are required");
            }

            if (string.IsNullOrWhiteSpace(token.User))
            {
                errors.Add($"manager.auth.staticTokens[{i}].user: required");
            }
        }

        if (auth.Type == "token")
        {
            if (auth.Jwt.Issuers.Count == 0)
            {
                errors.Add("manager.auth.jwt.issuers: token mode needs at least one issuer");
            }

            if (auth.Jwt.SigningKeys.Count == 0)
            {
                errors.Add("manager.auth.jwt.signingKeys: token mode needs at least one signing key");
            }
        }

        for (var i = 0; i < auth.Jwt.SigningKeys.Count; i++)
        {
            if (JwtKeys.Describe(auth.Jwt.SigningKeys[i]) is { } problem)
            {
                errors.Add($"manager.auth.jwt.signingKeys[{i}]: {problem}");
            }
        }

        foreach (var (name, value) in new[] { ("userClaim", auth.Jwt.UserClaim), ("groupsClaim", auth.Jwt.GroupsClaim), ("rolesClaim", auth.Jwt.RolesClaim), ("adminRole", auth.Jwt.AdminRole) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"manager.auth.jwt.{name}: the value is empty");
            }
        }
    }

    private static void CheckLimits(ManagerLimitsOptions limits, List<string> errors)
    {
        void AtLeast(string key, long value, long min)
        {
            if (value < min)
            {
                errors.Add($"manager.limits.{key}: {value} must be >= {min}");
            }
        }

        AtLeast("maxRequestBytes", limits.MaxRequestBytes, 1024);
        AtLeast("maxCrashBytes", limits.MaxCrashBytes, 1024);
        AtLeast("maxCrashReports", limits.MaxCrashReports, 1);
        AtLeast("maxCrashStoreBytes", limits.MaxCrashStoreBytes, limits.MaxCrashBytes);
        AtLeast("maxLayoutsPerUser", limits.MaxLayoutsPerUser, 1);
        AtLeast("maxUserStateBytes", limits.MaxUserStateBytes, 1024);
        AtLeast("maxSessions", limits.MaxSessions, 1);
        AtLeast("maxCommandsPerSession", limits.MaxCommandsPerSession, 1);
        AtLeast("maxAuditEntries", limits.MaxAuditEntries, 1);
        AtLeast("maxFeedbacks", limits.MaxFeedbacks, 1);
        AtLeast("maxApps", limits.MaxApps, 1);
        AtLeast("maxUsers", limits.MaxUsers, 1);
        AtLeast("maxEventSubscribers", limits.MaxEventSubscribers, 1);
    }
}
