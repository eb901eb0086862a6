using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.Singleton;
using IoActors.Manager.Configuration;
using IoActors.Manager.State;
using IoActors.Platform.Hosting;

namespace IoActors.Manager.Cluster;

/// <summary>The actors request handlers talk to, on one node or in a cluster, and what start-up waits for.</summary>
/// <param name="Directory">Takes <see cref="DirectoryCommand"/>s.</param>
/// <param name="Users">Takes <see cref="UserCommand"/>s (a parent of per-user actors, or a shard region).</param>
/// <param name="Sessions">Takes the session messages.</param>
/// <param name="Reports">Takes crash reports and feedback.</param>
/// <param name="Audit">Takes audit entries and <see cref="GetAuditEntries"/>.</param>
/// <param name="SessionsReady">Completes once this node's session index holds the recovered sessions.</param>
/// <param name="UnknownSession">Asks the sessions' owner about a session this node's index does not know; null on one node.</param>
internal sealed record ManagerActors(IActorRef Directory, IActorRef Users, IActorRef Sessions, IActorRef Reports, IActorRef Audit, Task SessionsReady, Func<string, string, Task<bool>>? UnknownSession);

/// <summary>
/// Cluster mode: the directory, the sessions, the reports and the audit log each run as a cluster singleton (one writer
/// of their journal, on the oldest node, moved when it leaves or is downed); the per-user state is sharded
/// (Cluster.Sharding, remember-entities off, idle passivation). Every node keeps read copies of the directory (its
/// <see cref="DirectoryView"/>) and of the open sessions (its <see cref="SessionIndex"/>) with
/// <see cref="JournalReplicaActor"/>s, told of each change through DistributedPubSub, so requests are served from the
/// node's memory whichever node a load balancer picks.
/// </summary>
internal static class ManagerClusterActors
{
    public const string DirectoryTopic = "ioactors-manager-directory";
    public const string SessionsTopic = "ioactors-manager-sessions";
    public const string SessionsPersistenceId = "ioactors-manager-sessions";
    public const string UsersTypeName = "ioactors-manager-user";

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Joins the cluster (waits until this node is Up), then starts the singletons, the shard region and the replicas.</summary>
    /// <exception cref="InvalidOperationException">The node did not join within 60 s; the message names the seed nodes.</exception>
    public static async Task<ManagerActors> StartAsync(ActorSystem system, PlatformJournal journal, ViewHolder holder, SessionIndex index, ManagerOptions options, TimeProvider clock, CancellationToken ct)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        try
        {
            await up.Task.WaitAsync(TimeSpan.FromSeconds(60), ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"manager.cluster.seedNodes: this node ({cluster.SelfAddress}) did not join a cluster through [{string.Join(", ", options.Cluster.SeedNodes)}] within 60 s; is the first seed node up?");
        }

        var limits = options.Limits;
        var mediator = DistributedPubSub.Get(system).Mediator;
        void Notify(string topic, string persistenceId, long sequenceNr) => mediator.Tell(new Publish(topic, new JournalChanged(persistenceId, sequenceNr)));

        var audit = Singleton(system, "audit", Props.Create(() => new AuditActor(limits.MaxAuditEntries, journal)));

        // The singletons keep their own view and index (answering commands, computing changes); the node's copies come from the journal.
        var ownView = new ViewHolder();
        Action<long> directoryChanged = seq => Notify(DirectoryTopic, DirectoryState.PersistenceId, seq);
        var directory = Singleton(system, "directory", Props.Create(() => new DirectoryActor(journal, ownView, audit, options, clock, directoryChanged)));
        var ownIndex = new SessionIndex();
        Action<long> sessionsChanged = seq => Notify(SessionsTopic, SessionsPersistenceId, seq);
        var sessions = Singleton(system, "sessions", Props.Create(() => new SessionsActor(journal, ownIndex, audit, limits, clock, sessionsChanged)));
        var reports = Singleton(system, "reports", Props.Create(() => new ReportsActor(journal, limits)));

        var passivate = options.Cluster.PassivateAfter.Value;
        var users = ClusterSharding.Get(system).Start(
            UsersTypeName,
            entityId => Props.Create(() => new UserStateActor("ioactors-manager-user-" + entityId, journal, limits, clock, null)),
            ClusterShardingSettings.Create(system).WithRememberEntities(false).WithPassivateIdleAfter(passivate),
            new UserShardExtractor(options.Cluster.Shards));

        // The node's copies.
        var poll = options.Cluster.ReplicaPoll.Value;
        var state = new DirectoryState();
        Action<object> loadDirectory = snapshot =>
        {
            if (snapshot is DirectorySnapshot directorySnapshot)
            {
                state.Load(directorySnapshot);
            }
        };
        Action<long> publishDirectory = seq =>
        {
            if (holder.Current.Version != seq || !holder.Ready.IsCompleted)
            {
                holder.Current = state.View(seq);
            }
        };
        Action<object> applyDirectory = state.Apply;
        var directoryReplica = system.ActorOf(Props.Create(() => new JournalReplicaActor(DirectoryState.PersistenceId, loadDirectory, applyDirectory, publishDirectory, poll)), "directory-replica");
        mediator.Tell(new Subscribe(DirectoryTopic, directoryReplica));

        var sessionsReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Action<object> loadSessions = snapshot =>
        {
            if (snapshot is SessionsSnapshot sessionsSnapshot)
            {
                index.Reset(sessionsSnapshot.Sessions);
            }
        };
        Action<long> sessionsRead = _ => sessionsReady.TrySetResult();
        Action<object> applySessions = index.Apply;
        var sessionsReplica = system.ActorOf(Props.Create(() => new JournalReplicaActor(SessionsPersistenceId, loadSessions, applySessions, sessionsRead, poll)), "sessions-replica");
        mediator.Tell(new Subscribe(SessionsTopic, sessionsReplica));

        async Task<bool> UnknownSession(string session, string user)
        {
            try
            {
                return (await sessions.Ask<SessionOpenness>(new IsSessionOpen(session, user), AskTimeout).ConfigureAwait(false)).Open;
            }
            catch (AskTimeoutException)
            {
                throw new ManagerException(503, "Busy", "the sessions could not be asked within 10 s (a cluster node is being replaced); try again");
            }
        }

        return new ManagerActors(directory, users, sessions, reports, audit, sessionsReady.Task, UnknownSession);
    }

    private static IActorRef Singleton(ActorSystem system, string name, Props props)
    {
        system.ActorOf(
            ClusterSingletonManager.Props(props, PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system)),
            name);
        return system.ActorOf(
            ClusterSingletonProxy.Props("/user/" + name, ClusterSingletonProxySettings.Create(system).WithBufferSize(10_000)),
            name + "-proxy");
    }

    /// <summary>Routes a <see cref="UserCommand"/> to the user's entity: the entity id is the user's key, the shard a hash of it.</summary>
    private sealed class UserShardExtractor(int shards) : HashCodeMessageExtractor(shards)
    {
        public override string? EntityId(object message) => message is UserCommand command ? UsersActor.KeyOf(command.User) : null;
    }
}
