using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using IoActors.Apps.Definitions;
using IoActors.Apps.Stores;
using IoActors.Hocon;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IoActors.Platform.Configuration;

/// <summary>Validates <see cref="PlatformOptions"/> (also usable through the options framework); every problem names key, value and rule.</summary>
public sealed partial class PlatformOptionsValidator : IValidateOptions<PlatformOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static List<string> Check(PlatformOptions options)
    {
        var errors = new List<string>();
        CheckStores(errors, options);
        Positive(errors, "appStoresTimeout", options.AppStoresTimeout);
        if (options.NodePath is { } nodePath && string.IsNullOrWhiteSpace(nodePath))
        {
            errors.Add("nodePath: \"\" must be null or a folder");
        }

        var server = options.Server;
        if (server.Enabled)
        {
            HttpUrl(errors, "server.url", server.Url, required: true);
        }

        Positive(errors, "server.fetchInterval", server.FetchInterval);
        Positive(errors, "server.tokenRefreshInterval", server.TokenRefreshInterval);
        CheckRemote(errors, "server", server);
        if (server.Auth.Basic is { } basic && string.IsNullOrEmpty(basic.Username))
        {
            errors.Add("server.auth.basic.username: null must be set when basic authentication is configured");
        }

        if (server.Auth.Token is { } token && string.IsNullOrEmpty(token.Bearer))
        {
            errors.Add("server.auth.token.bearer: null must be set when token authentication is configured");
        }

        CheckManagerClients(errors, options);
        CheckTitleFormat(errors, options.Applications.TitleFormat);
        Channels.ChannelDefinitions.Read(options.Channels, errors);

        var gw = options.Gw;
        if (gw.Port is { } gwPort)
        {
            Port(errors, "gw.port", gwPort);
        }

        Host(errors, "gw.host", gw.Host);
        if (gw.Url is not null && !(Uri.TryCreate(gw.Url, UriKind.Absolute, out var gwUri) && gwUri.Scheme is "ws" or "wss"))
        {
            errors.Add($"gw.url: \"{gw.Url}\" must be an absolute ws:// or wss:// URL");
        }

        if (gw.SendQueueLimit.Bytes < 4096)
        {
            errors.Add($"gw.sendQueueLimit: {gw.SendQueueLimit} must be at least 4KiB (4096 bytes)");
        }

        var own = options.IoActors;
        NotEmpty(errors, "ioactors.dataFolder", own.DataFolder);
        Positive(errors, "ioactors.boot.defaultTimeout", own.Boot.DefaultTimeout);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lastIndex = -1;
        for (var i = 0; i < own.Boot.Stages.Count; i++)
        {
            var stage = own.Boot.Stages[i];
            var index = BootOptions.KnownStages.ToList().IndexOf(stage);
            if (index < 0)
            {
                errors.Add($"ioactors.boot.stages[{i}]: \"{stage}\" must be one of {string.Join(", ", BootOptions.KnownStages)}");
            }
            else if (!seen.Add(stage))
            {
                errors.Add($"ioactors.boot.stages[{i}]: \"{stage}\" must not be listed twice");
            }
            else if (index < lastIndex)
            {
                errors.Add($"ioactors.boot.stages[{i}]: \"{stage}\" must come in the order {string.Join(", ", BootOptions.KnownStages)}");
            }

            lastIndex = Math.Max(lastIndex, index);
        }

        var identity = own.Boot.Identity;
        if (!IdentityOptions.KnownProviders.Contains(identity.Provider))
        {
            errors.Add($"ioactors.boot.identity.provider: \"{identity.Provider}\" must be one of {string.Join(", ", IdentityOptions.KnownProviders)}");
        }
        else if (identity.Provider == "static" && string.IsNullOrWhiteSpace(identity.User))
        {
            errors.Add("ioactors.boot.identity.user: must name a user when ioactors.boot.identity.provider is \"static\"");
        }

        Positive(errors, "ioactors.shutdown.budget", own.Shutdown.Budget);

        var policy = own.Instances.RestartPolicy;
        if (!RestartPolicyOptions.KnownModes.Contains(policy.Mode))
        {
            errors.Add($"ioactors.instances.restartPolicy.mode: \"{policy.Mode}\" must be one of {string.Join(", ", RestartPolicyOptions.KnownModes)}");
        }

        if (policy.MaxRestarts < 0)
        {
            errors.Add($"ioactors.instances.restartPolicy.maxRestarts: {policy.MaxRestarts} must be >= 0");
        }

        Positive(errors, "ioactors.instances.restartPolicy.withinMs", policy.WithinMs);
        NotNegative(errors, "ioactors.instances.restartPolicy.backoffMs", policy.BackoffMs);
        if (policy.MaxBackoffMs.Value < policy.BackoffMs.Value)
        {
            errors.Add($"ioactors.instances.restartPolicy.maxBackoffMs: {policy.MaxBackoffMs} must be >= backoffMs ({policy.BackoffMs})");
        }
        else if (policy.WithinMs.Value > TimeSpan.Zero
                 && AppRestartPolicy.LimitProblem(policy.MaxRestarts, policy.WithinMs, policy.BackoffMs, policy.MaxBackoffMs) is { } limit)
        {
            errors.Add($"ioactors.instances.restartPolicy.withinMs: {limit}");
        }

        NotNegative(errors, "ioactors.instances.stopGracePeriod", own.Instances.StopGracePeriod);
        if (own.Instances.StopGracePeriod.Value > own.Shutdown.Budget.Value)
        {
            errors.Add($"ioactors.instances.stopGracePeriod: {own.Instances.StopGracePeriod} must be <= ioactors.shutdown.budget ({own.Shutdown.Budget})");
        }

        if (!WindowsOptions.KnownHosts.Contains(own.Windows.Host))
        {
            errors.Add($"ioactors.windows.host: \"{own.Windows.Host}\" must be one of {string.Join(", ", WindowsOptions.KnownHosts)}");
        }

        if (!WindowsOptions.KnownHeadless.Contains(own.Windows.Headless))
        {
            errors.Add($"ioactors.windows.headless: \"{own.Windows.Headless}\" must be one of {string.Join(", ", WindowsOptions.KnownHeadless)}");
        }

        if (!string.IsNullOrWhiteSpace(own.Windows.BrowserPath) && !File.Exists(own.Windows.BrowserPath))
        {
            errors.Add($"ioactors.windows.browserPath: \"{own.Windows.BrowserPath}\" does not exist (leave it empty to look the browser up)");
        }

        Positive(errors, "ioactors.intents.listenerTimeout", own.Intents.ListenerTimeout);

        Host(errors, "ioactors.api.host", own.Api.Host);
        Port(errors, "ioactors.api.port", own.Api.Port);
        if (own.Api.Token is { } apiToken && string.IsNullOrWhiteSpace(apiToken))
        {
            errors.Add("ioactors.api.token: \"\" must be null (no token) or a non-blank token");
        }

        PositiveSize(errors, "ioactors.preferences.maxBytesPerApp", own.Preferences.MaxBytesPerApp);
        PositiveSize(errors, "ioactors.notifications.maxBytes", own.Notifications.MaxBytes);
        if (own.Notifications.MaxCount <= 0)
        {
            errors.Add($"ioactors.notifications.maxCount: {own.Notifications.MaxCount} must be > 0");
        }

        PositiveSize(errors, "ioactors.layouts.maxBytes", own.Layouts.MaxBytes);
        if (own.Layouts.MaxCount <= 0)
        {
            errors.Add($"ioactors.layouts.maxCount: {own.Layouts.MaxCount} must be > 0");
        }

        if (own.Api.MaxRequestBodySize.Bytes <= 0)
        {
            errors.Add($"ioactors.api.maxRequestBodySize: {own.Api.MaxRequestBodySize} must be > 0");
        }

        Positive(errors, "ioactors.api.dashboard.sessionIdleTimeout", own.Api.Dashboard.SessionIdleTimeout);
        Positive(errors, "ioactors.api.dashboard.linkTimeout", own.Api.Dashboard.LinkTimeout);
        if (own.Api.Dashboard.MaxSessions is <= 0 or > 10_000)
        {
            errors.Add($"ioactors.api.dashboard.maxSessions: {own.Api.Dashboard.MaxSessions} must be 1..10000");
        }

        if (!Enum.IsDefined(own.Persistence.Provider))
        {
            errors.Add($"ioactors.persistence.provider: {own.Persistence.Provider} must be sqlite or postgresql");
        }

        NotEmpty(errors, "ioactors.persistence.connectionString", own.Persistence.ConnectionString);
        if (!LoggingOptions.KnownLevels.Contains(own.Logging.Level, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"ioactors.logging.level: \"{own.Logging.Level}\" must be one of {string.Join(", ", LoggingOptions.KnownLevels)}");
        }

        if (own.Logging.File is { } file && string.IsNullOrWhiteSpace(file))
        {
            errors.Add("ioactors.logging.file: \"\" must be null (console only) or a file path");
        }

        return errors;
    }

    // The binder names the property path (IoActors:Api:Port); report the key as configured (ioactors.api.port) with its value.
    internal static string DescribeBindingError(IConfiguration configuration, InvalidOperationException error)
    {
        var match = BinderMessagePattern().Match(error.Message);
        if (!match.Success)
        {
            return error.InnerException is null ? error.Message : $"{error.Message} {error.InnerException.Message}";
        }

        var path = match.Groups["path"].Value;
        var value = match.Groups["value"].Success ? match.Groups["value"].Value : configuration[path];
        var key = configuration.AsEnumerable().Select(pair => pair.Key).FirstOrDefault(k => string.Equals(k, path, StringComparison.OrdinalIgnoreCase)) ?? path;
        var display = string.Join('.', key.Split(':').Select((part, i) => i > 0 && part.All(char.IsAsciiDigit) ? $"[{part}]" : part)).Replace(".[", "[", StringComparison.Ordinal);
        var type = match.Groups["type"].Value;
        var rule = type switch
        {
            "System.Int32" or "System.Int64" => "must be an integer",
            "System.Boolean" => "must be true or false",
            "IoActors.Hocon.HoconDuration" => "must be a duration (a number of milliseconds, or e.g. 30s, 2m)",
            "IoActors.Hocon.HoconByteSize" => "must be a size (a number of bytes, or e.g. 512K, 10MB)",
            _ when type.EndsWith(nameof(PersistenceProvider), StringComparison.Ordinal) => "must be sqlite or postgresql",
            _ => $"cannot be converted to {type}",
        };
        return $"{display}: \"{value}\" {rule}";
    }

    // appStores and systemAppStores: each entry complete for its type, ids usable and unique, at most one io.Manager entry.
    private static void CheckStores(List<string> errors, PlatformOptions options)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal) { [AppStores.InMemoryStoreId] = "the in-memory store" };
        void Id(string at, string? configured, string fallback)
        {
            var id = configured ?? fallback;
            if (configured is not null && AppStores.CheckStoreId(configured) is { } problem)
            {
                errors.Add($"{at}.id: {problem}");
            }
            else if (!ids.TryAdd(id, at))
            {
                errors.Add($"{at}.id: \"{id}\" is already the id of {ids[id]}; store ids must be unique");
            }
        }

        for (var i = 0; i < options.SystemAppStores.Count; i++)
        {
            var store = options.SystemAppStores[i];
            CheckStore(errors, $"systemAppStores[{i}]", store, ["path", "rest"]);
            Id($"systemAppStores[{i}]", store.Id, AppStores.DefaultStoreId(AppStoreType.Path, StoreKind.System, i));
        }

        string? serverEntry = null;
        for (var i = 0; i < options.AppStores.Count; i++)
        {
            var store = options.AppStores[i];
            var at = $"appStores[{i}]";
            CheckStore(errors, at, store, ["path", "rest", "server"]);
            if (store.Type != "server")
            {
                Id(at, store.Id, AppStores.DefaultStoreId(AppStoreType.Path, StoreKind.Regular, i));
                continue;
            }

            if (serverEntry is not null)
            {
                errors.Add($"{at}.type: \"server\" is already listed at {serverEntry}; io.Manager is one store");
                continue;
            }

            serverEntry = at;
            Id(at, store.Id, AppStores.ServerStoreId);
            if (!options.Server.Enabled)
            {
                errors.Add($"{at}.type: \"server\" selects the io.Manager store, which needs server.enabled = true and server.url");
            }

            if (store.HasDetails)
            {
                errors.Add($"{at}.details: a \"server\" store takes no details; io.Manager is configured under server (url, auth, requestTimeout, ...)");
            }

            if (options.Server.IsRequired is { } required && required != store.IsRequired)
            {
                errors.Add($"server.isRequired: {(required ? "true" : "false")} contradicts {at}.isRequired ({(store.IsRequired ? "true" : "false")}), which decides for the io.Manager store listed there; set it in one place");
            }
        }

        if (serverEntry is null && options.Server.Enabled)
        {
            Id("server", null, AppStores.ServerStoreId);
        }
    }

    private static void CheckStore(List<string> errors, string at, AppStoreOptions store, string[] types)
    {
        if (store.Type is null || !types.Contains(store.Type))
        {
            errors.Add($"{at}.type: {Show(store.Type)} must be one of {string.Join(", ", types)}");
            return;
        }

        var details = store.Details;
        switch (store.Type)
        {
            case "path":
                NotEmpty(errors, $"{at}.details.path", details.Path);
                PositiveSize(errors, $"{at}.details.maxPayloadSize", details.MaxPayloadSize);
                break;
            case "rest":
                HttpUrl(errors, $"{at}.details.url", details.Url, required: true);
                Positive(errors, $"{at}.details.pollInterval", details.PollInterval);
                CheckRemote(errors, $"{at}.details", details);
                if (details.Auth is not ("no-auth" or "negotiate" or "kerberos"))
                {
                    errors.Add($"{at}.details.auth: {Show(details.Auth)} must be one of no-auth, negotiate, kerberos");
                }

                if (details.Proxy is not null)
                {
                    HttpUrl(errors, $"{at}.details.proxy", details.Proxy, required: false);
                }

                break;
        }
    }

    // The settings REST stores (at appStores[i].details) and io.Manager (at server) share.
    private static void CheckRemote(List<string> errors, string at, RemoteStoreOptions remote)
    {
        Positive(errors, $"{at}.requestTimeout", remote.RequestTimeout);
        Positive(errors, $"{at}.startRetryInterval", remote.StartRetryInterval);
        NotNegative(errors, $"{at}.readCacheAfter", remote.ReadCacheAfter);
        if (remote.StartRetries < 0)
        {
            errors.Add($"{at}.startRetries: {remote.StartRetries} must be >= 0");
        }

        if (remote.CacheFolder is { } cache && string.IsNullOrWhiteSpace(cache))
        {
            errors.Add($"{at}.cacheFolder: \"\" must be null or a folder");
        }

        PositiveSize(errors, $"{at}.maxPayloadSize", remote.MaxPayloadSize);
        foreach (var (name, value) in remote.Headers)
        {
            if (name.Length == 0 || !name.All(c => c is > ' ' and < '\u007f' and not (':' or '(' or ')' or ',' or '/' or ';' or '<' or '=' or '>' or '?' or '@' or '[' or '\\' or ']' or '{' or '}' or '"')))
            {
                errors.Add($"{at}.headers: {Show(name)} is not a valid HTTP header name");
            }
            else if (value is null || value.Any(c => c is '\r' or '\n' or '\0'))
            {
                errors.Add($"{at}.headers.{name}: the value must be one line of text");
            }
        }
    }

    private static void PositiveSize(List<string> errors, string key, HoconByteSize value)
    {
        if (value.Bytes <= 0)
        {
            errors.Add($"{key}: {value} must be > 0");
        }
    }

    private static void CheckTitleFormat(List<string> errors, string? format)
    {
        if (string.IsNullOrEmpty(format))
        {
            errors.Add($"applications.titleFormat: {Show(format)} must not be empty");
            return;
        }

        foreach (Match match in MacroPattern().Matches(format))
        {
            if (match.Value is not ("{title}" or "{instanceIndex}"))
            {
                errors.Add($"applications.titleFormat: \"{format}\" uses {match.Value}; the macros are {{title}} and {{instanceIndex}}");
            }
        }
    }

    private static void Positive(List<string> errors, string key, HoconDuration value)
    {
        if (value.Value <= TimeSpan.Zero)
        {
            errors.Add($"{key}: {value} must be > 0");
        }
    }

    private static void NotNegative(List<string> errors, string key, HoconDuration value)
    {
        if (value.Value < TimeSpan.Zero)
        {
            errors.Add($"{key}: {value} must be >= 0");
        }
    }

    private static void NotEmpty(List<string> errors, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key}: {Show(value)} must not be empty");
        }
    }

    private static void Port(List<string> errors, string key, int port)
    {
        if (port is < 0 or > 65535)
        {
            errors.Add($"{key}: {port.ToString(CultureInfo.InvariantCulture)} must be between 0 and 65535");
        }
    }

    private static void Host(List<string> errors, string key, string? host)
    {
        if (string.IsNullOrWhiteSpace(host) || !(host == "localhost" || host == "*" || IPAddress.TryParse(host, out _)))
        {
            errors.Add($"{key}: {Show(host)} must be an IP address, localhost or *");
        }
    }

    private static void HttpUrl(List<string> errors, string key, string? url, bool required)
    {
        if (url is null)
        {
            if (required)
            {
                errors.Add($"{key}: null must be an absolute http:// or https:// URL");
            }

            return;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Add($"{key}: \"{url}\" must be an absolute http:// or https:// URL");
        }
    }

    private static string Show(string? value) => value is null ? "null" : $"\"{value}\"";

    [GeneratedRegex(@"^Failed to convert configuration value (?:'(?<value>.*)' )?at '(?<path>[^']*)' to type '(?<type>[^']*)'")]
    private static partial Regex BinderMessagePattern();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex MacroPattern();
}
