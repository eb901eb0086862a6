using Akka.Actor;
using Akka.Configuration;
using IoActors.Manager.Auth;
using IoActors.Manager.Cluster;
using IoActors.Manager.Configuration;
using IoActors.Manager.Fleet;
using IoActors.Manager.Http;
using IoActors.Manager.Persistence;
using IoActors.Manager.State;
using IoActors.Platform.Configuration;
using IoActors.Platform.Hosting;
using IoActors.Platform.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IoActors.Manager;

/// <summary>
/// IoActors Manager: an io.Manager-compatible server of apps, layouts, preferences, sessions, commands and crash reports
/// for io.Connect clients (and IoActors platforms with <c>server.enabled</c>), with an admin API. Its state is kept on
/// Akka.Persistence.Sql (a SQLite file in the data folder by default), in actors: the directory, one actor per user,
/// the sessions, the reports and the audit log. With <c>manager.cluster.enabled</c> several nodes on one PostgreSQL
/// database form an Akka cluster: the directory, sessions, reports and audit log run as cluster singletons, the users'
/// state is sharded, and every node serves requests from its own read copies.
/// </summary>
/// <example>
/// <code>
/// await using var server = await ManagerServer.StartAsync(options);
/// Console.WriteLine(server.Url); // http://127.0.0.1:4356/api
/// </code>
/// </example>
public sealed class ManagerServer : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly ActorSystem _system;

    private ManagerServer(WebApplication web, ActorSystem system, Uri url)
    {
        _web = web;
        _system = system;
        Url = url;
    }

    /// <summary>The base URL clients are configured with (<c>server.url</c>), e.g. <c>http://127.0.0.1:4356/api</c>.</summary>
    public Uri Url { get; }

    /// <summary>The server's actor system; its persisted changes are published on its event stream after they are stored.</summary>
    internal ActorSystem System => _system;

    /// <summary>The fleet event stream's parts on this node.</summary>
    internal FleetNode? Fleet { get; private init; }

    /// <summary>Completes when the server has stopped (after <see cref="DisposeAsync"/>).</summary>
    public Task WhenStopped => _system.WhenTerminated;

    /// <summary>Validates the options, recovers the state, creates the first admin when configured and none exists, and starts listening.</summary>
    /// <param name="options">The options.</param>
    /// <param name="loggerFactory">Where the server logs; <see langword="null"/> logs nowhere.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; each failure names the key.</exception>
    /// <exception cref="InvalidOperationException">The database or the data folder cannot be used, or the port is taken.</exception>
    public static async Task<ManagerServer> StartAsync(ManagerOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;
        var clock = TimeProvider.System;
        var dataFolder = options.ResolvePath(options.DataFolder);
        Directory.CreateDirectory(dataFolder);
        var key = SessionTokens.LoadOrCreateKey(dataFolder);

        // The platform's persistence setup, pointed at the Manager's database, plus the Manager's serializer.
        var persistence = new PlatformOptions { ConfigFolder = dataFolder };
        persistence.IoActors.Persistence = options.Persistence;
        var bindings = "akka.actor {\n" + StableJsonSerializer.Bindings(ManagerSerializer.Name, typeof(ManagerSerializer), ManagerSerializer.Types.Select(t => t.Type)) + "}\n"
            + "akka.actor {\n" + StableJsonSerializer.Bindings(ManagerWireSerializer.Name, typeof(ManagerWireSerializer), ManagerWireSerializer.Types.Select(t => t.Type)) + "}\n"
            + "akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING\n" + FleetNode.AkkaConfig
            + (options.Cluster.Enabled ? ClusterAddresses.Render(options.Cluster) : string.Empty);
        var config = ConfigurationFactory.ParseString(bindings).WithFallback(PlatformPersistenceConfig.Create(persistence));
        var system = ActorSystem.Create(ClusterAddresses.SystemName, options.Cluster.Enabled ? ClusterAddresses.WithClusterDefaults(config) : config);
        try
        {
            if (options.Cluster.Enabled)
            {
                await SchemaLock.ReadyAsync(system, persistence, options.Persistence.ConnectionString, cancellationToken);
            }
            else
            {
                await PlatformPersistenceStartup.StartAsync(system, persistence, cancellationToken);
            }
            var journal = new PlatformJournal(true, PlatformPersistenceConfig.JournalPluginId, PlatformPersistenceConfig.SnapshotPluginId);
            var holder = new ViewHolder();
            var index = new SessionIndex();
            var actors = options.Cluster.Enabled
                ? await ManagerClusterActors.StartAsync(system, journal, holder, index, options, clock, cancellationToken)
                : StartLocal(system, journal, holder, index, options, clock);

            // The fleet facts this node learns first-hand (platform reports) go to a writer of its own: one per node address.
            var self = options.Cluster.Enabled ? Akka.Cluster.Cluster.Get(system).SelfAddress : null;
            var writerId = self is null ? FleetNode.SingleNodeWriterId : $"{FleetNode.SingleNodeWriterId}-{self.Host}-{self.Port}";
            var fleet = await FleetNode.StartAsync(system, journal, options.Limits.MaxEventSubscribers, writerId);

            // Recovery: the directory view is published; the sessions have replayed.
            await holder.Ready.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            await actors.SessionsReady.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            var tokens = new SessionTokens(key, options.SessionTokenLifetime.Value, clock);
            var auth = new ManagerAuth(options.Auth, holder, index, tokens, clock, actors.UnknownSession);
            if (options.Auth.Admin is { Username: { } admin, Password: { } password } && holder.Current.Users.Count == 0)
            {
                // Every node of a cluster may try at its first start: a second try stores the same password again.
                var answer = await actors.Directory.Ask<object>(new PutUsers("bootstrap", [new PutUser(admin, auth.Hash(admin, password), true, null, true, null)]), TimeSpan.FromSeconds(30), cancellationToken);
                if (answer is DirectoryChanged changed)
                {
                    await holder.WhenAtAsync(changed.Version, TimeSpan.FromSeconds(30), cancellationToken);
                }
            }

            var context = new ManagerContext(options, auth, tokens, holder, actors.Directory, actors.Users, actors.Sessions, actors.Reports, actors.Audit, clock, clock.GetUtcNow()) { System = system };
            var web = Build(options, context, loggerFactory);
            FleetRoutes.Map(web.MapGroup(options.BasePath.TrimEnd('/')), context, fleet);
            await web.StartAsync(cancellationToken);
            var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var url = new Uri(address.TrimEnd('/') + options.BasePath.TrimEnd('/'));
            loggerFactory.CreateLogger<ManagerServer>().LogInformation("IoActors Manager on {Url} (data in {Folder})", url, dataFolder);
            return new ManagerServer(web, system, url) { Fleet = fleet };
        }
        catch
        {
            await system.Terminate();
            throw;
        }
    }

    /// <summary>One node: the actors are the node's own children; the directory and sessions update the node's view and index themselves.</summary>
    private static ManagerActors StartLocal(ActorSystem system, PlatformJournal journal, ViewHolder holder, SessionIndex index, ManagerOptions options, TimeProvider clock)
    {
        var limits = options.Limits;
        var audit = system.ActorOf(Props.Create(() => new AuditActor(limits.MaxAuditEntries, journal)), "audit");
        var directory = system.ActorOf(Props.Create(() => new DirectoryActor(journal, holder, audit, options, clock, null)), "directory");
        var users = system.ActorOf(Props.Create(() => new UsersActor(journal, limits, clock, TimeSpan.FromMinutes(2))), "users");
        var sessions = system.ActorOf(Props.Create(() => new SessionsActor(journal, index, audit, limits, clock, null)), "sessions");
        var reports = system.ActorOf(Props.Create(() => new ReportsActor(journal, limits)), "reports");
        var ready = sessions.Ask<IReadOnlyList<ManagerSession>>(new GetSessions("\0"), TimeSpan.FromSeconds(60));
        return new ManagerActors(directory, users, sessions, reports, audit, ready, null);
    }

    /// <summary>Stops listening, then the actors.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
        await CoordinatedShutdown.Get(_system).Run(CoordinatedShutdown.ClrExitReason.Instance);
    }

    private static WebApplication Build(ManagerOptions options, ManagerContext context, ILoggerFactory loggerFactory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        var endpoint = ManagerOptionsValidator.ParseListen(options.Listen)!;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(endpoint);
            kestrel.Limits.MaxRequestBodySize = Math.Max(options.Limits.MaxRequestBytes, 64 * 1024);
            kestrel.AddServerHeader = false;
        });
        var web = builder.Build();
        web.UseMiddleware<ProblemMiddleware>();
        // Routing after the problem middleware: a failure while a route is chosen is problem details too.
        web.UseRouting();
        var api = web.MapGroup(options.BasePath.TrimEnd('/'));
        UserRoutes.Map(api, context);
        UserStateRoutes.Map(api, context);
        CrashRoutes.Map(api, context);
        AdminRoutes.Map(api, context);
        ClusterRoutes.Map(api, context);
        return web;
    }
}
