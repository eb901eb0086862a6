using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Pattern;
using IoActors.Manager.Auth;
using IoActors.Manager.Http;
using IoActors.Manager.State;
using IoActors.Platform.Hosting;
using IoActors.Platform.Persistence;

namespace IoActors.Manager.Fleet;

/// <summary>
/// The fleet stream's parts on one node: the writer of the facts platforms report, the stream subscribers read, and a
/// cache of the sessions' machine names. <see cref="AkkaConfig"/> goes into the actor system's configuration (the
/// tagging adapter's bindings, the read journal's polling); <see cref="StartAsync"/> starts the rest once persistence is ready.
/// </summary>
internal sealed class FleetNode
{
    /// <summary>The writer's persistence id on a single node.</summary>
    public const string SingleNodeWriterId = "ioactors-manager-fleet";

    private const int MaxCachedSessions = 100_000;

    private readonly ConcurrentDictionary<string, string?> _machines = new(StringComparer.Ordinal);

    private FleetNode(IActorRef writer, FleetStream stream)
    {
        Writer = writer;
        Stream = stream;
    }

    /// <summary>The HOCON the fleet adds to the actor system's configuration (over the platform's persistence configuration).</summary>
    public static string AkkaConfig =>
        FleetTagger.Config(PlatformPersistenceConfig.JournalPluginId) + FleetStream.Config(PlatformPersistenceConfig.QueryPluginId);

    /// <summary>The <see cref="FleetWriter"/> (behind a supervisor that starts it again, after a pause, when it stops).</summary>
    public IActorRef Writer { get; }

    /// <summary>The node's fleet stream.</summary>
    public FleetStream Stream { get; }

    /// <summary>Starts the writer and the stream.</summary>
    /// <param name="system">The actor system, configured with <see cref="AkkaConfig"/>, persistence ready.</param>
    /// <param name="journal">The journal plugins.</param>
    /// <param name="maxSubscribers">How many stream subscriptions the node serves at once.</param>
    /// <param name="writerId">The writer's persistence id (one per node).</param>
    /// <returns>The node's fleet parts.</returns>
    public static async Task<FleetNode> StartAsync(ActorSystem system, PlatformJournal journal, int maxSubscribers, string writerId)
    {
        var writer = Props.Create(() => new FleetWriter(writerId, journal));
        var supervisor = system.ActorOf(BackoffSupervisor.Props(writer, "writer", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), 0.2), "fleet");
        // The read journal waits (blocking) for the write journal when it is created: off the caller's thread.
        var stream = await Task.Run(() => new FleetStream(system, maxSubscribers, FleetStream.DefaultHeartbeat)).ConfigureAwait(false);
        return new FleetNode(supervisor, stream);
    }

    /// <summary>The machine name of the caller's session (asked of the sessions actor once per session, then cached).</summary>
    /// <param name="m">The route context.</param>
    /// <param name="caller">The caller, with its session.</param>
    /// <param name="ct">Cancels the wait.</param>
    /// <returns>The machine name, or <see langword="null"/> without a session or when the client gave none.</returns>
    public async ValueTask<string?> MachineAsync(ManagerContext m, Caller caller, CancellationToken ct)
    {
        if (caller.Session is not { } session)
        {
            return null;
        }

        if (_machines.TryGetValue(session, out var known))
        {
            return known;
        }

        var sessions = await m.AskAsync<IReadOnlyList<ManagerSession>>(m.Sessions, new GetSessions(caller.User), ct).ConfigureAwait(false);
        if (_machines.Count >= MaxCachedSessions)
        {
            _machines.Clear();
        }

        foreach (var s in sessions)
        {
            _machines[s.Id] = FleetJson.MachineName(s.Machine);
        }

        return _machines.GetValueOrDefault(session);
    }
}
