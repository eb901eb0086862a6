using System.Text;
using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Util;
using IoActors.Platform.Persistence;

namespace IoActors.Manager.Fleet;

/// <summary>
/// The fleet stream of one node: a live <c>EventsByTag("fleet")</c> query of Akka.Persistence.Sql's read journal per
/// subscriber, from an offset (the journal's global ordering, exclusive: only facts after it), turned into server-sent
/// event frames with a heartbeat comment when idle. Every stage back-pressures: the query reads its next page of
/// <c>max-buffer-size</c> rows only when the frames before it were taken, and the frames are taken only as fast as the
/// HTTP response is written, so a slow subscriber holds at most a page of rows and <see cref="QueueFrames"/> frames.
/// The number of subscribers is bounded (<c>manager.limits.maxEventSubscribers</c>).
/// </summary>
internal sealed class FleetStream
{
    /// <summary>How long an idle stream waits before it sends a heartbeat comment.</summary>
    public static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromSeconds(15);

    /// <summary>The frames a subscription takes ahead of the response.</summary>
    public const int QueueFrames = 16;

    /// <summary>How often an idle query polls the database, and how often the node's sequence actor polls for new orderings.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private static readonly byte[] s_heartbeat = Encoding.UTF8.GetBytes(": keep-alive\n\n");

    private readonly SqlReadJournal _journal;
    private readonly ILoggingAdapter _log;
    private readonly IMaterializer _materializer;
    private readonly int _maxSubscribers;
    private readonly TimeSpan _heartbeat;
    private int _subscribers;

    /// <summary>Creates the node's stream (and the read journal, which waits for the write journal to be ready).</summary>
    /// <param name="system">The actor system with the Sql read journal configured.</param>
    /// <param name="maxSubscribers">How many subscriptions may be open at once.</param>
    /// <param name="heartbeat">How long an idle stream waits before a heartbeat comment.</param>
    public FleetStream(ActorSystem system, int maxSubscribers, TimeSpan heartbeat)
    {
        _journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(PlatformPersistenceConfig.QueryPluginId);
        _materializer = system.Materializer(namePrefix: "fleet-stream");
        _log = Logging.GetLogger(system, "fleet-stream");
        _maxSubscribers = maxSubscribers;
        _heartbeat = heartbeat;
    }

    /// <summary>A subscription ended (its slot is free again); for tests.</summary>
    internal event Action? SubscriberLeft;

    /// <summary>The open subscriptions.</summary>
    public int Subscribers => Volatile.Read(ref _subscribers);

    /// <summary>The bound on open subscriptions.</summary>
    public int MaxSubscribers => _maxSubscribers;

    /// <summary>
    /// The read journal's tuning (under <c>akka.persistence.query.journal.sql</c>): a fact is served about
    /// <see cref="PollInterval"/> to twice that after it is stored; pages of 100 rows bound what a subscription holds.
    /// </summary>
    /// <param name="queryPluginId">The read journal's configuration path.</param>
    /// <returns>The HOCON text.</returns>
    public static string Config(string queryPluginId)
    {
        var poll = $"{(long)PollInterval.TotalMilliseconds}ms";
        // A gap in the journal's ordering (a write that commits after a later one, as cluster nodes' writes can) is
        // waited for up to max-tries × query-delay = 5 s before the stream goes past it.
        return $"{queryPluginId} {{\n  refresh-interval = {poll}\n  max-buffer-size = 100\n  journal-sequence-retrieval {{ query-delay = {poll}, max-tries = 50 }}\n}}\n";
    }

    /// <summary>Opens a subscription, unless <see cref="MaxSubscribers"/> are open already.</summary>
    /// <param name="after">Only facts whose offset is greater are served.</param>
    /// <param name="filter">Which event names are served.</param>
    /// <returns>The subscription, or <see langword="null"/> when the node serves as many as it may.</returns>
    public Subscription? TryOpen(long after, FleetTypeFilter filter)
    {
        if (Interlocked.Increment(ref _subscribers) > _maxSubscribers)
        {
            Interlocked.Decrement(ref _subscribers);
            return null;
        }

        try
        {
            var (kill, queue) = Frames(after, filter)
                .KeepAlive(_heartbeat, () => s_heartbeat)
                .ViaMaterialized(KillSwitches.Single<byte[]>(), Keep.Right)
                .ToMaterialized(Sink.Queue<byte[]>().WithAttributes(Attributes.CreateInputBuffer(1, QueueFrames)), Keep.Both)
                .Run(_materializer);
            return new Subscription(this, kill, queue);
        }
        catch
        {
            Leave();
            throw;
        }
    }

    /// <summary>The frames of the facts after <paramref name="after"/> that pass <paramref name="filter"/>, live (never completes).</summary>
    /// <param name="after">The exclusive offset.</param>
    /// <param name="filter">Which event names pass.</param>
    /// <returns>The source.</returns>
    internal Source<byte[], NotUsed> Frames(long after, FleetTypeFilter filter) =>
        _journal.EventsByTag(FleetFacts.Tag, Offset.Sequence(after))
            .Select(envelope => (Offset: envelope.Offset is Sequence sequence ? sequence.Value : 0L, Fact: Describe(envelope)))
            .Where(item => item.Fact is { } fact && filter.Passes(fact.Name))
            .Select(item => FleetJson.Frame(item.Offset, item.Fact!));

    // A fact that cannot be described (a stored value this version cannot write) is left out and logged, not a broken stream.
    private FleetFact? Describe(EventEnvelope envelope)
    {
        try
        {
            return FleetJson.Describe(envelope.Event);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Text.Json.JsonException)
        {
            _log.Warning("The fleet fact {0} of {1} (offset {2}) cannot be served: {3}", envelope.Event.GetType().Name, envelope.PersistenceId, envelope.Offset, e.Message);
            return null;
        }
    }

    private void Leave()
    {
        Interlocked.Decrement(ref _subscribers);
        SubscriberLeft?.Invoke();
    }

    /// <summary>One subscriber's frames: pull them one at a time; dispose to stop the query and free the slot.</summary>
    internal sealed class Subscription : IDisposable
    {
        private readonly FleetStream _stream;
        private readonly IKillSwitch _kill;
        private readonly ISinkQueue<byte[]> _queue;
        private int _disposed;

        internal Subscription(FleetStream stream, IKillSwitch kill, ISinkQueue<byte[]> queue)
        {
            _stream = stream;
            _kill = kill;
            _queue = queue;
        }

        /// <summary>The next frame (an event or a heartbeat), or none once the subscription is stopped.</summary>
        /// <returns>The frame.</returns>
        /// <exception cref="Exception">The query failed (the database is unreachable).</exception>
        public Task<Option<byte[]>> PullAsync() => _queue.PullAsync();

        /// <summary>Stops the query: a pending <see cref="PullAsync"/> completes with none.</summary>
        public void Stop() => _kill.Shutdown();

        /// <summary>Stops the query and frees the slot.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _kill.Shutdown();
                _stream.Leave();
            }
        }
    }
}

/// <summary>
/// Which event names a subscriber asked for (<c>?types=session.opened,platform.*</c>): exact names, or prefixes ending
/// with <c>*</c>; none given passes every name.
/// </summary>
internal sealed class FleetTypeFilter
{
    private const int MaxEntries = 100;

    private readonly HashSet<string>? _names;
    private readonly string[] _prefixes;

    private FleetTypeFilter(HashSet<string>? names, string[] prefixes)
    {
        _names = names;
        _prefixes = prefixes;
    }

    /// <summary>The filter that passes every name.</summary>
    public static FleetTypeFilter All { get; } = new(null, []);

    /// <summary>Reads <c>?types=</c>.</summary>
    /// <param name="types">The query value: names separated by commas; null or empty passes every name.</param>
    /// <returns>The filter.</returns>
    /// <exception cref="ManagerException">400 naming <c>types</c> and the entry that is not an event name.</exception>
    public static FleetTypeFilter Parse(string? types)
    {
        if (string.IsNullOrWhiteSpace(types))
        {
            return All;
        }

        var entries = types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length > MaxEntries)
        {
            throw ManagerException.BadRequest($"types: {entries.Length} names; at most {MaxEntries} are allowed");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var prefixes = new List<string>();
        foreach (var entry in entries)
        {
            var prefix = entry.EndsWith('*');
            var name = prefix ? entry[..^1] : entry;
            if (name.Length > 80 || (name.Length == 0 && !prefix) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                throw ManagerException.BadRequest($"types: '{State.Names.Printable(entry)}' is not an event name (names are A-Z, a-z, 0-9, '.', '_' and '-', e.g. session.opened, or a prefix ending with '*', e.g. platform.*)");
            }

            if (prefix)
            {
                prefixes.Add(name);
            }
            else
            {
                names.Add(name);
            }
        }

        return new FleetTypeFilter(names, [.. prefixes]);
    }

    /// <summary>Whether an event name passes.</summary>
    /// <param name="name">The event name.</param>
    /// <returns><see langword="true"/> when it is asked for.</returns>
    public bool Passes(string name) =>
        _names is null || _names.Contains(name) || _prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
}
