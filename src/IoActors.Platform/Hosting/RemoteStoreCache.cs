using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace IoActors.Platform.Hosting;

/// <summary>
/// The journal of one remote store's cache file (see <see cref="RemoteStoreCacheJournal"/>): after recovery it writes
/// the last journaled file back when the cache folder lacks it and tells its parent <see cref="Seeded"/>; on
/// <see cref="Save"/> it reads the store's newest cache file and persists it. One save runs at a time (later commands
/// wait in the stash); each event holds the whole file, so older ones are deleted.
/// </summary>
internal sealed class RemoteStoreCache : ReceivePersistentActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _storeId;
    private readonly string _folder;
    private RemoteStoreCachePersisted? _last;
    private bool _busy;

    public RemoteStoreCache(string storeId, string folder, PlatformJournal journal)
    {
        _storeId = storeId;
        _folder = folder;
        JournalPluginId = journal.JournalPluginId;
        SnapshotPluginId = journal.SnapshotPluginId;
        Recover<RemoteStoreCachePersisted>(m => _last = m);
        Recover<RecoveryCompleted>(_ =>
        {
            _busy = true;
            SeedAsync(_last, _folder).PipeTo(Self, Self, path => new SeedDone(path, null), e => new SeedDone(null, e));
        });
        Command<SeedDone>(done =>
        {
            if (done.Failure is { } failure)
            {
                _log.Warning(failure, "App store {Store}: could not restore its cache file from the journal", _storeId);
            }
            else if (done.Path is { } path)
            {
                _log.Info("App store {Store}: restored its cache file {Path} from the journal", _storeId, path);
            }

            Context.Parent.Tell(new Seeded(_storeId), Self);
            Idle();
        });
        Command<Save>(_ =>
        {
            if (_busy)
            {
                Stash.Stash();
                return;
            }

            _busy = true;
            ReadNewestAsync(_storeId, _folder).PipeTo(Self, Self, file => new Read(file, null), e => new Read(null, e));
        });
        Command<Read>(read =>
        {
            if (read.File is not { } file)
            {
                if (read.Failure is { } failure)
                {
                    _log.Warning(failure, "App store {Store}: could not journal its definitions", _storeId);
                }

                Idle();
                return;
            }

            Persist(file, _ =>
            {
                if (LastSequenceNr > 1)
                {
                    // Each event holds the whole set: older ones are not needed any more.
                    DeleteMessages(LastSequenceNr - 1);
                }

                Idle();
            });
        });
        Command<RemoteStoreCacheJournal.Flush>(m =>
        {
            if (_busy)
            {
                Stash.Stash();
            }
            else
            {
                Sender.Tell(m, Self);
            }
        });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(m => _log.Warning("App store {Store}: could not delete its older journaled definitions: {Error}", _storeId, m.Cause.Message));
    }

    /// <inheritdoc />
    public override string PersistenceId => RemoteStoreCacheJournal.PersistenceId(_storeId);

    /// <inheritdoc />
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        // The stores must not wait for a seed that cannot be done.
        _log.Warning(reason, "App store {Store}: could not read its journaled definitions", _storeId);
        Context.Parent.Tell(new Seeded(_storeId), Self);
    }

    /// <inheritdoc />
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _log.Warning(cause, "App store {Store}: the journal rejected its definitions", _storeId);
        Idle();
    }

    /// <summary>Writes the journaled file back when it is missing; returns its path when it did.</summary>
    private static async Task<string?> SeedAsync(RemoteStoreCachePersisted? last, string folder)
    {
        if (last is null || Path.GetFileName(last.FileName) != last.FileName)
        {
            return null;
        }

        var path = Path.Combine(folder, last.FileName);
        if (File.Exists(path))
        {
            return null;
        }

        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(path, last.Content).ConfigureAwait(false);
        return path;
    }

    /// <summary>The store's newest cache file, or <see langword="null"/> when it has none.</summary>
    private static async Task<RemoteStoreCachePersisted?> ReadNewestAsync(string storeId, string folder)
    {
        var directory = new DirectoryInfo(folder);
        var file = directory.Exists
            ? directory.GetFiles($"{storeId}-????????????????.json").OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault()
            : null;
        return file is null ? null : new RemoteStoreCachePersisted(file.Name, await File.ReadAllTextAsync(file.FullName).ConfigureAwait(false));
    }

    private void Idle()
    {
        _busy = false;
        Stash.UnstashAll();
    }

    /// <summary>Journal the store's newest cache file.</summary>
    public sealed record Save
    {
        public static Save Instance { get; } = new();
    }

    /// <summary>Tells the parent the store's cache folder was seeded (or had nothing to seed).</summary>
    public sealed record Seeded(string StoreId);

    private sealed record SeedDone(string? Path, Exception? Failure);

    private sealed record Read(RemoteStoreCachePersisted? File, Exception? Failure);
}
