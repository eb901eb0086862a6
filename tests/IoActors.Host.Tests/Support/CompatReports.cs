using System.Text.Json.Nodes;

namespace IoActors.Host.Tests.Support;

/// <summary>
/// A temporary folder for what platform-started compat scripts report (one JSON-lines file per app, written by lib.js
/// when the script gets <c>--report=FILE</c>) and for the gate files the scripts wait for.
/// </summary>
public sealed class CompatReports : IDisposable
{
    private readonly Dictionary<string, ReportFile> _files = new(StringComparer.Ordinal);

    public CompatReports()
    {
        Folder = Path.Combine(Path.GetTempPath(), "ioactors-reports-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    /// <summary>The report file of <paramref name="name"/> (created on first use; the script creates the file itself).</summary>
    public ReportFile this[string name]
    {
        get
        {
            lock (_files)
            {
                if (!_files.TryGetValue(name, out var file))
                {
                    _files[name] = file = new ReportFile(Path.Combine(Folder, name + ".jsonl"));
                }

                return file;
            }
        }
    }

    /// <summary>The <c>--report=FILE</c> argument that makes a script report into <paramref name="name"/>'s file.</summary>
    public string Argument(string name) => "--report=" + this[name].Path;

    /// <summary>The path of a gate file (a script waits for it to exist; <see cref="Open"/> creates it).</summary>
    public string Gate(string name) => Path.Combine(Folder, name + ".gate");

    /// <summary>Creates the gate file, releasing the script that waits for it.</summary>
    public void Open(string gate) => File.WriteAllText(Gate(gate), "open");

    public void Dispose()
    {
        lock (_files)
        {
            foreach (var file in _files.Values)
            {
                file.Dispose();
            }
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>
/// One script's report file: JSON objects, one a line, each with an <c>event</c> name. Reads move forward: each wait
/// starts after the event the previous one returned.
/// </summary>
public sealed class ReportFile : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private readonly FileSystemWatcher _watcher;
    private TaskCompletionSource _changed = NewSignal();
    private int _next;

    internal ReportFile(string path)
    {
        Path = path;
        _watcher = new FileSystemWatcher(System.IO.Path.GetDirectoryName(path)!, System.IO.Path.GetFileName(path));
        _watcher.Created += (_, _) => Signal();
        _watcher.Changed += (_, _) => Signal();
        _watcher.Renamed += (_, _) => Signal();
        _watcher.EnableRaisingEvents = true;
    }

    public string Path { get; }

    /// <summary>Every complete line written so far.</summary>
    public IReadOnlyList<string> Lines => ReadLines();

    /// <summary>
    /// Waits for the next event named <paramref name="eventName"/> (after the last one returned); fails at once when the
    /// script reports <c>error</c>, and after the timeout with the lines seen so far.
    /// </summary>
    public async Task<JsonObject> NextAsync(string eventName, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        using var cts = new CancellationTokenSource(limit);
        while (true)
        {
            // Take the signal before reading: a line appended after the read completes it.
            var changed = Volatile.Read(ref _changed);
            var lines = ReadLines();
            for (var i = _next; i < lines.Count; i++)
            {
                var line = JsonNode.Parse(lines[i])!.AsObject();
                var name = line["event"]?.ToString();
                if (name == eventName)
                {
                    _next = i + 1;
                    return line;
                }

                if (name == "error")
                {
                    throw new InvalidOperationException($"{System.IO.Path.GetFileName(Path)} reported an error while the test waited for '{eventName}': {line["message"]}\n{string.Join('\n', lines)}");
                }
            }

            try
            {
                await changed.Task.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no '{eventName}' in {System.IO.Path.GetFileName(Path)} within {limit}; lines so far:\n{string.Join('\n', ReadLines())}");
            }
        }
    }

    public void Dispose() => _watcher.Dispose();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Signal() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private List<string> ReadLines()
    {
        string text;
        try
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text = reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return [];
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }

        // Only complete lines: a line being appended has no newline yet.
        var end = text.LastIndexOf('\n');
        return end < 0 ? [] : [.. text[..end].Split('\n').Where(l => l.Length > 0)];
    }
}
