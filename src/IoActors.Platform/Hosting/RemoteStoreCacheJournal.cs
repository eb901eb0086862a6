using Akka.Actor;
using Akka.Event;
using IoActors.Apps.Stores;

namespace IoActors.Platform.Hosting;

/// <summary>
/// Keeps the last good definitions of each remote store (REST stores and the io.Manager store) in the journal, so the
/// platform can boot offline even when the store's persistent cache file is gone. One persistent child per remote store
/// with a persistent cache (<see cref="RemoteStoreCache"/>, persistence id <c>ioactors-remote-store-{id}</c>) recovers
/// the last journaled cache file and writes it back into the cache folder when it is missing there, before the stores
/// start: this actor tells its parent <see cref="Seeded"/> once every child did. After a store loads from its service
/// (or a poll brings a change) the store has written its cache file; the store's child journals that file. A store
/// whose URL changed uses another file name and ignores the seeded one.
/// </summary>
internal sealed class RemoteStoreCacheJournal : ReceiveActor
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(30);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, string> _cacheFolders;
    private readonly PlatformJournal _journal;
    private readonly Dictionary<string, IActorRef> _stores = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seeding = new(StringComparer.Ordinal);

    public RemoteStoreCacheJournal(PlatformJournal journal, Dictionary<string, string> cacheFolders)
    {
        _journal = journal;
        _cacheFolders = cacheFolders;
        Receive<RemoteStoreCache.Seeded>(m =>
        {
            if (_seeding.Remove(m.StoreId) && _seeding.Count == 0)
            {
                Context.Parent.Tell(Seeded.Instance, Self);
            }
        });
        Receive<StoreLoaded>(m =>
        {
            if (!m.FromCache)
            {
                Save(m.StoreId);
            }
        });
        Receive<StorePolled>(m =>
        {
            if (m.Outcome == StorePollOutcome.Changed)
            {
                Save(m.StoreId);
            }
        });
        Receive<Flush>(_ =>
        {
            var sender = Sender;
            Task.WhenAll(_stores.Values.Select(s => s.Ask<Flush>(Flush.Instance, FlushTimeout)))
                .PipeTo(sender, Self, _ => Flush.Instance, e => new Status.Failure(e));
        });
        Receive<Terminated>(m =>
        {
            if (_stores.FirstOrDefault(s => s.Value.Equals(m.ActorRef)) is { Value: not null } gone)
            {
                _log.Warning("App store {Store}: its journal stopped; starting it again", gone.Key);
                _stores[gone.Key] = StartStore(gone.Key, _cacheFolders[gone.Key]);
                if (_seeding.Remove(gone.Key) && _seeding.Count == 0)
                {
                    Context.Parent.Tell(Seeded.Instance, Self);
                }
            }
        });
    }

    public static Props Props(PlatformJournal journal, Dictionary<string, string> cacheFolders) =>
        Akka.Actor.Props.Create(() => new RemoteStoreCacheJournal(journal, cacheFolders));

    public static string PersistenceId(string storeId) => $"ioactors-remote-store-{storeId}";

    /// <summary>The cache folder of every remote store (REST or io.Manager) with a persistent cache, by store id.</summary>
    public static Dictionary<string, string> CacheFolders(AppStoresSettings stores)
    {
        var folders = new Dictionary<string, string>();
        foreach (var store in stores.SystemStores.Concat(stores.Stores).Append(stores.Server))
        {
            var cached = store switch
            {
                RestStoreSettings { EnablePersistentCache: true, Id: { } id } rest => (id, rest.CacheFolder),
                ServerStoreSettings { EnablePersistentCache: true, Id: { } id } server => (id, server.CacheFolder),
                _ => default((string Id, string Folder)?),
            };
            if (cached is var (storeId, folder))
            {
                folders.TryAdd(storeId, folder);
            }
        }

        return folders;
    }

    protected override void PreStart()
    {
        foreach (var (storeId, folder) in _cacheFolders)
        {
            _seeding.Add(storeId);
            _stores[storeId] = StartStore(storeId, folder);
        }

        if (_seeding.Count == 0)
        {
            Context.Parent.Tell(Seeded.Instance, Self);
        }
    }

    private IActorRef StartStore(string storeId, string folder)
    {
        // Store ids are checked actor names (AppStores.CheckStoreId).
        var child = Context.ActorOf(Akka.Actor.Props.Create(() => new RemoteStoreCache(storeId, folder, _journal)), storeId);
        return Context.Watch(child);
    }

    private void Save(string storeId)
    {
        if (_stores.TryGetValue(storeId, out var store))
        {
            store.Tell(RemoteStoreCache.Save.Instance, Self);
        }
    }

    /// <summary>Tells the parent every remote store's cache folder has been seeded from the journal.</summary>
    public sealed record Seeded
    {
        public static Seeded Instance { get; } = new();
    }

    /// <summary>Answered with itself once every store event received before it is journaled.</summary>
    public sealed record Flush
    {
        public static Flush Instance { get; } = new();
    }
}
