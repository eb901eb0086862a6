using IoActors.Apps.Stores;
using Akka.Actor;
using Akka.Event;
using IoActors.Persistence;
using Microsoft.Extensions.Logging;

namespace IoActors.Platform.Hosting;

/// <summary>
/// Keeps the last good definitions of each remote store (REST stores and the io.Manager store) in the journal, so the
/// platform can boot offline even when the
/// store's persistent cache file is gone. After a store loads from its service (or a poll brings a change) the store has
/// written its cache file; this actor journals that file (its name carries the store id and a hash of the URL) under
/// <c>ioactors-remote-store-{id}</c>. <see cref="SeedCacheFoldersAsync"/> runs before the stores start and writes the last
/// journaled file back when it is missing; a store whose URL changed uses another file name and ignores it.
/// </summary>
internal sealed class RemoteStoreCacheJournal : ReceiveActor
{
    private readonly IJournal _journal;
    private readonly Dictionary<string, string> _cacheFolders;
    private readonly Dictionary<string, long> _sequenceNrs = [];

    public RemoteStoreCacheJournal(IJournal journal, Dictionary<string, string> cacheFolders)
    {
        _journal = journal;
        _cacheFolders = cacheFolders;
        ReceiveAsync<StoreLoaded>(m => m.FromCache ? Task.CompletedTask : SaveAsync(m.StoreId));
        Receive<Flush>(_ => Sender.Tell(Flush.Instance, Self));
        ReceiveAsync<StorePolled>(m => m.Outcome == StorePollOutcome.Changed ? SaveAsync(m.StoreId) : Task.CompletedTask);
    }

    public static Props Props(IJournal journal, Dictionary<string, string> cacheFolders) =>
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

    /// <summary>Writes each store's last journaled cache file back into its cache folder when it is missing there.</summary>
    public static async Task SeedCacheFoldersAsync(IJournal journal, Dictionary<string, string> cacheFolders, ILogger log)
    {
        foreach (var (storeId, folder) in cacheFolders)
        {
            try
            {
                var id = PersistenceId(storeId);
                var highest = await journal.ReadHighestSequenceNrAsync(id);
                RemoteStoreCachePersisted? last = null;
                if (highest > 0)
                {
                    await journal.ReplayAsync(id, highest, highest, 1, r => last = r.Payload as RemoteStoreCachePersisted);
                }

                if (last is null || Path.GetFileName(last.FileName) != last.FileName)
                {
                    continue;
                }

                var path = Path.Combine(folder, last.FileName);
                if (!File.Exists(path))
                {
                    Directory.CreateDirectory(folder);
                    await File.WriteAllTextAsync(path, last.Content);
                    log.LogInformation("App store {Store}: restored its cache file {Path} from the journal", storeId, path);
                }
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "App store {Store}: could not restore its cache file from the journal", storeId);
            }
        }
    }

    private async Task SaveAsync(string storeId)
    {
        if (!_cacheFolders.TryGetValue(storeId, out var folder))
        {
            return;
        }

        try
        {
            var file = new DirectoryInfo(folder).Exists
                ? new DirectoryInfo(folder).GetFiles($"{storeId}-????????????????.json").OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault()
                : null;
            if (file is null)
            {
                return;
            }

            var content = await File.ReadAllTextAsync(file.FullName);
            var id = PersistenceId(storeId);
            if (!_sequenceNrs.TryGetValue(id, out var sequenceNr))
            {
                sequenceNr = await _journal.ReadHighestSequenceNrAsync(id);
            }

            await _journal.WriteAsync(id, [new PersistentRepr(id, sequenceNr + 1, new RemoteStoreCachePersisted(file.Name, content))]);
            _sequenceNrs[id] = sequenceNr + 1;
            if (sequenceNr > 0)
            {
                // Each event holds the whole set: older ones are not needed any more.
                await _journal.DeleteToAsync(id, sequenceNr);
            }
        }
        catch (Exception ex)
        {
            _log.Warning(ex, "App store {Store}: could not journal its definitions", storeId);
        }
    }

    /// <summary>Answered with itself once every store event received before it is journaled.</summary>
    public sealed record Flush
    {
        public static Flush Instance { get; } = new();
    }
}
