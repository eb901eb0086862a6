using System.Globalization;
using System.Text.Json.Nodes;
using IoActors.Apps.Definitions;
using IoActors.Apps.Stores;
using IoActors.Platform.Boot;
using IoActors.Platform.Configuration;
using IoActors.Platform.Instances;
using IoActors.Platform.Intents;
using Microsoft.Extensions.Configuration;

namespace IoActors.Platform.Hosting;

/// <summary>Maps the typed <see cref="PlatformOptions"/> onto the settings the stores, instances and boot actors take.</summary>
internal static class PlatformSettings
{
    /// <summary>
    /// The stores in conflict-rule order: <c>systemAppStores</c>, then <c>appStores</c> (a <c>server</c> entry is the io.Manager
    /// store at its position), then io.Manager when enabled and not listed, then the in-memory store.
    /// </summary>
    public static AppStoresSettings Stores(PlatformOptions options)
    {
        var listed = options.AppStores.Any(s => s.Type == "server");
        return new AppStoresSettings
        {
            Stores = options.AppStores.Select((s, i) => s.Type == "server" ? Server(options, s) : Store(options, s, StoreKind.Regular, i)).ToList(),
            SystemStores = options.SystemAppStores.Select((s, i) => Store(options, s, StoreKind.System, i)).ToList(),
            Server = options.Server.Enabled && !listed ? Server(options, null) : null,
            EnableInMemoryStore = true,
            AppStoresTimeout = options.AppStoresTimeout,
        };
    }

    public static InstanceManagerSettings Instances(IoPlatformOptions platform)
    {
        var options = platform.Configuration;
        var own = options.IoActors;
        var policy = own.Instances.RestartPolicy;
        var dataFolder = options.ResolvePath(own.DataFolder);
        return new InstanceManagerSettings
        {
            NodePath = string.IsNullOrWhiteSpace(options.NodePath) ? "node" : options.NodePath,
            PlatformDirectory = options.ConfigFolder,
            RemoteAppsFolder = Path.Combine(dataFolder, "remoteApps"),
            CacheFolder = Path.Combine(dataFolder, "remoteNode"),
            TitleFormat = options.Applications.TitleFormat,
            CloseRunningInstancesOnAppRemoved = options.CloseRunningInstancesOnAppRemoved,
            DefaultRestartPolicy = new RestartPolicy(
                RestartPolicyReader.TryParseMode(policy.Mode, out var mode) ? mode : RestartMode.Never,
                policy.MaxRestarts,
                policy.WithinMs,
                policy.BackoffMs,
                policy.MaxBackoffMs),
            StopGracePeriod = own.Instances.StopGracePeriod,
            ApiUrl = platform.ApiUrl,
            ApiToken = platform.ApiToken,
            StartingContextExtension = platform.StartingContextExtension,
            WindowHost = platform.WindowHost,
            Launchers = platform.Launchers ?? new Dictionary<AppType, IInstanceLauncher>(),
            TimeProvider = platform.TimeProvider,
        };
    }

    public static IntentsSettings Intents(IoPlatformOptions platform) =>
        new() { ListenerTimeout = platform.Configuration.IoActors.Intents.ListenerTimeout.Value };

    public static BootSettings Boot(IoPlatformOptions platform, int attempt)
    {
        var own = platform.Configuration.IoActors;
        return new BootSettings
        {
            DefaultTimeout = own.Boot.DefaultTimeout,
            StoresTimeout = platform.Configuration.AppStoresTimeout.Value + TimeSpan.FromSeconds(30),
            Stages = own.Boot.EffectiveStages.Select(ParseStage).ToList(),
            Identity = platform.IdentityProvider ?? IdentityProviders.OsUser,
            Attempt = attempt,
            Clock = platform.TimeProvider,
        };
    }

    private static BootStage ParseStage(string stage) => stage switch
    {
        "core" => BootStage.Core,
        "pre-sso" => BootStage.PreSso,
        "post-sso" => BootStage.PostSso,
        "user" => BootStage.User,
        _ => throw new ArgumentException($"ioactors.boot.stages: '{stage}' is not a boot stage (core, pre-sso, post-sso, user)"),
    };

    private static AppStoreSettings Store(PlatformOptions options, AppStoreOptions store, StoreKind kind, int index)
    {
        var type = store.Type == "rest" ? AppStoreType.Rest : AppStoreType.Path;
        var id = store.Id ?? AppStores.DefaultStoreId(type, kind, index);
        var details = store.Details;
        return store.Type switch
        {
            "rest" => Remote(options, details, new RestStoreSettings
            {
                Id = id,
                IsRequired = store.IsRequired,
                Overrides = Overrides(store),
                Url = details.Url is null ? null : new Uri(Environment.ExpandEnvironmentVariables(details.Url)),
                Auth = details.Auth switch
                {
                    "negotiate" => RestStoreAuth.Negotiate,
                    "kerberos" => RestStoreAuth.Kerberos,
                    _ => RestStoreAuth.NoAuth,
                },
                PollInterval = details.PollInterval,
                Proxy = details.Proxy is null ? null : new Uri(details.Proxy),
            }),
            _ => new PathStoreSettings
            {
                Id = id,
                IsRequired = store.IsRequired,
                Overrides = Overrides(store),
                Path = options.ResolvePath(details.Path ?? string.Empty),
                MaxPayloadSize = details.MaxPayloadSize.Bytes,
            },
        };
    }

    // The io.Manager store: the connection from `server`, isRequired and overrides from its appStores entry when it has one.
    private static ServerStoreSettings Server(PlatformOptions options, AppStoreOptions? entry)
    {
        var server = options.Server;
        return Remote(options, server, new ServerStoreSettings
        {
            Id = entry?.Id ?? AppStores.ServerStoreId,
            IsRequired = entry?.IsRequired ?? server.IsRequired ?? true,
            Overrides = entry is null ? null : Overrides(entry),
            Url = server.Url is null ? null : new Uri(server.Url),
            Username = server.Auth.Basic?.Username,
            Password = server.Auth.Basic?.Password,
            BearerToken = server.Auth.Token?.Bearer,
            PollInterval = server.FetchInterval,
            TokenRefreshInterval = server.TokenRefreshInterval,
        });
    }

    // The settings REST stores and io.Manager share, mapped once for both.
    private static T Remote<T>(PlatformOptions options, RemoteStoreOptions source, T target)
        where T : RemoteStoreSettings =>
        (T)((RemoteStoreSettings)target with
        {
            RequestTimeout = source.RequestTimeout,
            StartRetries = source.StartRetries,
            StartRetryInterval = source.StartRetryInterval,
            EnablePersistentCache = source.EnablePersistentCache,
            CacheFolder = source.CacheFolder is null
                ? Path.Combine(options.ResolvePath(options.IoActors.DataFolder), "configCache")
                : options.ResolvePath(source.CacheFolder),
            ReadCacheAfter = source.ReadCacheAfter,
            RejectUnauthorized = source.RejectUnauthorized,
            Headers = source.Headers,
            MaxPayloadSize = source.MaxPayloadSize.Bytes,
        });

    private static AppDefinitionOverrides? Overrides(AppStoreOptions store) =>
        store.AppDefinitionOverrides is { } section && section.GetChildren().Any()
            ? AppDefinitionOverrides.Parse(ToJson(section)!.ToJsonString())
            : null;

    /// <summary>
    /// Turns a configuration section back into JSON: numeric child keys make an array, "true"/"false" booleans and
    /// numbers their JSON types (the configuration keeps only strings).
    /// </summary>
    internal static JsonNode? ToJson(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return Scalar(section.Value);
        }

        if (children.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            var array = new JsonArray();
            foreach (var child in children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)))
            {
                array.Add(ToJson(child));
            }

            return array;
        }

        var obj = new JsonObject();
        foreach (var child in children)
        {
            obj[child.Key] = ToJson(child);
        }

        return obj;
    }

    private static JsonNode? Scalar(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value is "true" or "True")
        {
            return JsonValue.Create(true);
        }

        if (value is "false" or "False")
        {
            return JsonValue.Create(false);
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && value.Trim() == value)
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(value);
    }
}
