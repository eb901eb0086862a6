using IoActors.Apps.Stores;
using IoActors.Platform.Boot;
using IoActors.Platform.Configuration;

namespace IoActors.Platform.Manager;

/// <summary>
/// How the platform connects to io.Manager (<c>server.enabled</c>): one <see cref="ManagerSession"/> per platform, opened by
/// whichever client needs it first, shared by the io.Manager app store, the preferences and layouts mirror
/// (<see cref="ManagerMirrorActor"/>), the crash reporter (<see cref="CrashReporterActor"/>) and the fleet reporter of instance
/// and boot events (<see cref="FleetReporterActor"/>), and closed (goodbye) when the platform shuts down.
/// </summary>
internal static class ManagerConnection
{
    /// <summary>
    /// The session for the configured io.Manager store, and the stores' settings with that store fetching through it;
    /// no session (and the settings unchanged) when io.Manager is not enabled.
    /// </summary>
    public static (ManagerSession? Session, string? StoreId, AppStoresSettings Stores) Create(IoPlatformOptions options, AppStoresSettings stores)
    {
        var server = stores.Server ?? stores.Stores.OfType<ServerStoreSettings>().FirstOrDefault();
        if (!options.Configuration.Server.Enabled || server?.Url is null)
        {
            return (null, null, stores);
        }

        var configuration = options.Configuration;
        var client = new ManagerClientInfo(configuration.Region ?? ManagerClientInfo.DefaultName, configuration.Env ?? ManagerClientInfo.DefaultName);
        var session = new ManagerSession(server, client, options.TimeProvider);
        var shared = server with { Session = session };
        var updated = stores.Server is not null
            ? stores with { Server = shared }
            : stores with { Stores = [.. stores.Stores.Select(s => ReferenceEquals(s, server) ? shared : s)] };
        return (session, server.Id ?? AppStores.ServerStoreId, updated);
    }

    /// <summary>
    /// The platform's own user, whose preferences are kept in io.Manager: the user of a fixed identity provider (the OS user,
    /// or <c>ioactors.boot.identity.user</c> with <c>provider = static</c>), else (a login provider, whose user is only known
    /// later) the OS user.
    /// </summary>
    public static string PlatformUser(IoPlatformOptions options)
    {
        if (options.IdentityProvider is FixedIdentityProvider fixedIdentity)
        {
            var identity = fixedIdentity.GetIdentityAsync(CancellationToken.None);
            if (identity.IsCompletedSuccessfully)
            {
                return identity.Result.User;
            }
        }

        return Environment.UserName;
    }

    /// <summary>The crash reporter's settings, or <see langword="null"/> when <c>crashReporter.output.type</c> is <c>none</c>.</summary>
    public static CrashReporterSettings? CrashReporter(IoPlatformOptions options, ManagerSession? session, string user)
    {
        var configuration = options.Configuration;
        var output = configuration.CrashReporter.Output;
        if (output.Type != "server")
        {
            return null;
        }

        var url = output.ServerUrl is { } configured
            ? new Uri(configured)
            : session is not null ? session.Resolve("crashes") : null;
        if (url is null)
        {
            return null;
        }

        // The session's credentials go only to io.Manager itself.
        var under = session is not null && url.ToString().StartsWith(session.BaseUrl.ToString().TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase);
        return new CrashReporterSettings(url, under ? session : null, user, configuration.Server.RequestTimeout, options.TimeProvider);
    }

    /// <summary>
    /// The fleet reporter's settings (<c>server.events</c>), or <see langword="null"/> without an io.Manager session or with
    /// <c>server.events.enabled = false</c>.
    /// </summary>
    public static FleetReporterSettings? FleetReporter(IoPlatformOptions options, ManagerSession? session)
    {
        var events = options.Configuration.Server.Events;
        if (session is null || !events.Enabled)
        {
            return null;
        }

        return new FleetReporterSettings(options.TimeProvider)
        {
            BatchSize = events.BatchSize,
            FlushInterval = events.FlushInterval.Value,
            MaxQueued = events.MaxQueued,
            MaxQueuedBytes = events.MaxQueuedBytes.Bytes,
        };
    }

    /// <summary>The mirror's settings.</summary>
    public static ManagerMirrorSettings Mirror(IoPlatformOptions options, string storeId, string user) =>
        new(user, storeId, options.TimeProvider) { MaxAnswerBytes = options.Configuration.Server.MaxPayloadSize.Bytes };
}
