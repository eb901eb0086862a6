using IoActors.Apps.Definitions;
using Akka.Actor;
using Akka.Event;

namespace IoActors.Apps.Stores;

/// <summary>
/// A path store: the <c>*.json</c> files of one folder. A file watcher (debounced on the system clock) and a periodic rescan
/// trigger scans; a file whose bytes did not change is not read again. A file that cannot be read or parsed keeps its last
/// good definitions (a rejected record keeps its last good definition) and reports a StoreError with file and line; a deleted
/// file removes its apps. System path stores are scanned until loaded once and never monitored.
/// </summary>
internal sealed class PathStoreActor : PollingStoreActor
{
    private const string DebounceTimer = "debounce";

    private readonly PathStoreSettings _settings;
    private readonly string _folder;
    private readonly bool _watch;
    private Dictionary<string, FileEntry> _files = new(StringComparer.Ordinal);
    private FileSystemWatcher? _watcher;

    public PathStoreActor(StorePlan plan, PathStoreSettings settings, IActorRef registry, TimeProvider clock)
        : base(plan, registry, clock, plan.Kind != StoreKind.System && settings.RescanInterval > TimeSpan.Zero, settings.RescanInterval, settings.StartRetries, settings.StartRetryInterval)
    {
        _settings = settings;
        _folder = System.IO.Path.GetFullPath(settings.Path);
        _watch = plan.Kind != StoreKind.System && settings.Watch;
        Receive<StoreMessages.FilesChanged>(changed =>
        {
            // The debounce is armed before the observation is published, so whoever reacts to it can advance the clock.
            Timers.StartSingleTimer(DebounceTimer, StoreMessages.Poll.Instance, _settings.DebounceInterval);
            Context.System.EventStream.Publish(new PathStoreChangeObserved(Plan.Id, changed.Path));
        });
    }

    protected override string Source => _folder;

    protected override void PostStop() => _watcher?.Dispose();

    protected override async Task<LoadOutcome> LoadAsync()
    {
        if (!Directory.Exists(_folder))
        {
            var cause = $"the folder {_folder} does not exist";
            return LoadOutcome.Failed(cause, [new StoreProblem(_folder, 0, 0, cause, null)]);
        }

        List<string> paths;
        try
        {
            paths = [.. Directory.EnumerateFiles(_folder, "*.json", SearchOption.TopDirectoryOnly)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var cause = $"cannot list the folder {_folder}: {ex.Message}";
            return LoadOutcome.Failed(cause, [new StoreProblem(_folder, 0, 0, cause, null)]);
        }

        paths.Sort(StringComparer.Ordinal);
        var problems = new List<StoreProblem>();
        var next = new Dictionary<string, FileEntry>(paths.Count, StringComparer.Ordinal);
        var anyFileChanged = paths.Count != _files.Count;
        foreach (var path in paths)
        {
            _files.TryGetValue(path, out var old);
            byte[]? bytes;
            long length;
            try
            {
                (bytes, length) = await ReadBoundedAsync(path, MaxPayloadSize);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (old is not null)
                {
                    next.Add(path, old);
                }

                problems.Add(new StoreProblem(path, 0, 0, $"cannot read the file (its last good definitions are kept): {ex.Message}", null));
                continue;
            }

            if (bytes is null)
            {
                if (old is not null)
                {
                    next.Add(path, old);
                }

                var tooLarge = PayloadReader.TooLarge(path, length, MaxPayloadSize);
                problems.Add(tooLarge with { Message = $"{tooLarge.Message} (its last good definitions are kept)" });
                continue;
            }

            var hash = XxHash64.Hash(bytes, (ulong)bytes.Length);
            if (old is not null && old.Hash == hash && old.Length == bytes.Length)
            {
                next.Add(path, old);
                continue;
            }

            anyFileChanged = true;
            var read = Read(bytes, path);
            foreach (var p in read.Problems)
            {
                if (p.IsError)
                {
                    problems.Add(new StoreProblem(path, p.Line, p.Column, p.Path.Length == 0 ? p.Message : $"{p.Path}: {p.Message}", p.AppName));
                }
            }

            List<AppDefinition> definitions;
            if (read.RecordCount == 0 && read.HasErrors)
            {
                // Half written or not JSON: the file keeps what it last gave.
                definitions = old?.Definitions ?? [];
            }
            else
            {
                definitions = [.. read.Definitions];
                if (old is not null && read.HasErrors)
                {
                    var accepted = new HashSet<string>(definitions.Select(d => d.Name), StringComparer.Ordinal);
                    foreach (var p in read.Problems)
                    {
                        if (p.IsError && p.AppName is { } name && !accepted.Contains(name) && old.Definitions.Find(d => d.Name == name) is { } keep)
                        {
                            definitions.Add(keep);
                            accepted.Add(name);
                        }
                    }
                }
            }

            next.Add(path, new FileEntry(hash, bytes.Length, definitions));
        }

        _files = next;
        var all = new List<AppDefinition>();
        var firstFile = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, entry) in next)
        {
            foreach (var definition in entry.Definitions)
            {
                if (firstFile.TryAdd(definition.Name, path))
                {
                    all.Add(definition);
                }
                else if (anyFileChanged)
                {
                    problems.Add(new StoreProblem(path, 0, 0, $"\"{definition.Name}\" is already defined in {firstFile[definition.Name]}; app names must be unique within a store (this one is ignored)", definition.Name));
                }
            }
        }

        var changed = Set.Update(all, null);
        EnsureWatcher();
        return new LoadOutcome(true, changed, null, problems);
    }

    protected override object? SaveState() => _files;

    protected override void RestoreState(object? state) => _files = (Dictionary<string, FileEntry>)state!;

    // The file's definitions: text that is not UTF-8 is refused as a whole, and nothing the reader throws escapes (the
    // file is then reported as unreadable and keeps what it last gave).
    private AppDefinitionReadResult Read(byte[] bytes, string path)
    {
        var problem = PayloadReader.CheckText(bytes, MaxPayloadSize, path);
        if (problem is null)
        {
            try
            {
                return AppDefinitionReader.ReadJson(bytes, path, Plan.Kind, _settings.Overrides);
            }
            catch (Exception ex)
            {
                problem = new StoreProblem(path, 0, 0, $"the file cannot be read: {ex.Message}", null);
            }
        }

        return new AppDefinitionReadResult(path, [], [new DefinitionProblem(path, problem.Line, problem.Column, string.Empty, null, problem.Message, ProblemSeverity.Error, null, null)], 0);
    }

    // The file's bytes (at most as many as it had when opened), or null when it has more than maxBytes; and its length.
    private static async Task<(byte[]? Bytes, long Length)> ReadBoundedAsync(string path, long maxBytes)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
        if (stream.Length > maxBytes)
        {
            return (null, stream.Length);
        }

        var buffer = new byte[(int)stream.Length];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total));
            if (read == 0)
            {
                // The file shrank while it was read: what was read is what it holds now.
                return (buffer[..total], total);
            }

            total += read;
        }

        return (buffer, buffer.Length);
    }

    private void EnsureWatcher()
    {
        if (!_watch || _watcher is not null)
        {
            return;
        }

        var self = Self;
        try
        {
            var watcher = new FileSystemWatcher(_folder, "*.json")
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, e) => self.Tell(new StoreMessages.FilesChanged(e.FullPath), ActorRefs.NoSender);
            watcher.Created += (_, e) => self.Tell(new StoreMessages.FilesChanged(e.FullPath), ActorRefs.NoSender);
            watcher.Deleted += (_, e) => self.Tell(new StoreMessages.FilesChanged(e.FullPath), ActorRefs.NoSender);
            watcher.Renamed += (_, e) => self.Tell(new StoreMessages.FilesChanged(e.FullPath), ActorRefs.NoSender);
            watcher.Error += (_, _) => self.Tell(StoreMessages.FilesChanged.Overflow, ActorRefs.NoSender);
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // The periodic rescan still covers the folder; retry the watcher after the next successful scan.
            Report(new StoreError(Plan.Id, _folder, 0, 0, $"cannot watch the folder (the periodic rescan still runs): {ex.Message}"));
        }
    }

    private sealed record FileEntry(ulong Hash, int Length, List<AppDefinition> Definitions);
}
