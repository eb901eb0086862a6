using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using IoActors.Gateway.Platform;
using IoActors.Gateway.Server;

namespace IoActors.Gateway.Tests.Support;

/// <summary>
/// An in-memory platform core for gateway tests: an app list, instances, readiness signals as awaitable tasks, and
/// node apps started as real processes with the starting context (so the compat tests exercise real instances).
/// </summary>
public class FakePlatform : IGatewayPlatform
{
    private readonly object _gate = new();
    private readonly List<GatewayApplication> _apps = [];
    private readonly List<GatewayApplication> _inMemory = [];
    private readonly Dictionary<string, GatewayInstance> _instances = new();
    private readonly Dictionary<string, Process> _processes = new();
    private readonly List<Action<GatewayPlatformEvent>> _handlers = [];
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _interopReady = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _appSignal = new();
    private int _next;

    /// <summary>Set by the test host: used to build the starting context for node apps.</summary>
    public Func<string, string, string>? StartingContext { get; set; }

    public TaskCompletionSource<bool> ShutdownCalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<string> Log { get; } = new();

    public void AddApp(string name, string type = "node", string? script = null, string? title = null)
    {
        var definition = new JsonObject { ["name"] = name, ["type"] = type, ["title"] = title ?? name, ["details"] = new JsonObject { ["path"] = script ?? "" } };
        Add(new GatewayApplication(name, type, title ?? name, definition));
    }

    /// <summary>Adds an app with this exact definition (its <c>name</c>, <c>type</c> and <c>title</c> are read from it).</summary>
    public void AddDefinition(JsonObject definition)
    {
        var name = definition["name"]!.ToString();
        Add(new GatewayApplication(name, definition["type"]?.ToString() ?? "node", definition["title"]?.ToString(), definition));
    }

    // As the platform's registry does: the app is listed, then its addition is published.
    private void Add(GatewayApplication app)
    {
        lock (_gate)
        {
            _apps.Add(app);
        }

        Raise(new GatewayAppAdded(app));
    }

    /// <summary>Registers an instance the test starts itself (so the client finds its instance in the snapshot).</summary>
    public GatewayInstance AddInstance(string applicationName, string? id = null)
    {
        var instance = new GatewayInstance(id ?? $"inst-{Interlocked.Increment(ref _next)}", applicationName);
        lock (_gate)
        {
            _instances[instance.Id] = instance;
        }

        Raise(new GatewayInstanceStarted(instance));
        return instance;
    }

    /// <summary>Lists an instance without reporting its start, as the platform lists one that is still starting (<see cref="ReportStarted"/> reports it).</summary>
    public GatewayInstance AddStartingInstance(string applicationName, string id)
    {
        var instance = new GatewayInstance(id, applicationName);
        lock (_gate)
        {
            _instances[instance.Id] = instance;
        }

        return instance;
    }

    /// <summary>Reports an instance listed by <see cref="AddStartingInstance"/> as started.</summary>
    public void ReportStarted(GatewayInstance instance) => Raise(new GatewayInstanceStarted(instance));

    public Task InteropReadyTask(string instanceId) => _interopReady.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public Task AppSignalTask(string instanceId) => _appSignal.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>The channels the platform offers (none unless the test adds some before the gateway starts).</summary>
    public List<GatewayChannel> Channels { get; } = [];

    public Task<IReadOnlyList<GatewayChannel>> GetChannelsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<GatewayChannel>>([.. Channels]);

    public Task<IReadOnlyList<GatewayApplication>> GetApplicationsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<GatewayApplication>>(_apps.Concat(_inMemory).ToList());
        }
    }

    /// <summary>While set, a read of the instances waits for it.</summary>
    public TaskCompletionSource? HoldInstanceReads { get; set; }

    public async Task<IReadOnlyList<GatewayInstance>> GetInstancesAsync(CancellationToken cancellationToken)
    {
        if (HoldInstanceReads is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        lock (_gate)
        {
            return _instances.Values.ToList();
        }
    }

    public Task<GatewayInstance> StartApplicationAsync(GatewayStartRequest request, CancellationToken cancellationToken)
    {
        var applicationName = request.ApplicationName;
        GatewayApplication app;
        lock (_gate)
        {
            app = _apps.Concat(_inMemory).FirstOrDefault(a => a.Name == applicationName) ?? throw new GatewayMethodException($"No app named '{applicationName}'.");
        }

        var instance = new GatewayInstance($"inst-{Interlocked.Increment(ref _next)}", app.Name) { Context = request.Context, StartedBy = request.StartedBy, StartedByKind = request.ByIntent ? GatewayInstance.StartedByIntent : GatewayInstance.StartedByApplicationKind };
        var script = app.Definition["details"]?["path"]?.ToString();
        if (app.Type == "node" && !string.IsNullOrEmpty(script))
        {
            var info = new ProcessStartInfo("node", script)
            {
                WorkingDirectory = Path.GetDirectoryName(script)!,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.Environment[GatewayStartingContext.EnvironmentVariable] = StartingContext!(instance.Id, app.Name);
            var process = Process.Start(info)!;
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) Log.Enqueue(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Log.Enqueue(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.EnableRaisingEvents = true;
            process.Exited += (_, _) => Stopped(instance.Id);
            instance = instance with { ProcessId = process.Id };
            lock (_gate)
            {
                _processes[instance.Id] = process;
            }
        }

        lock (_gate)
        {
            _instances[instance.Id] = instance;
        }

        Raise(new GatewayInstanceStarted(instance));
        return Task.FromResult(instance);
    }

    public Task StopInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        Process? process;
        lock (_gate)
        {
            if (!_instances.ContainsKey(instanceId))
            {
                throw new GatewayMethodException($"No instance '{instanceId}'.");
            }

            _processes.TryGetValue(instanceId, out process);
        }

        if (process is null)
        {
            Stopped(instanceId);
        }
        else
        {
            process.Kill(entireProcessTree: true);
        }

        return Task.CompletedTask;
    }

    private void Stopped(string instanceId)
    {
        GatewayInstance? instance;
        lock (_gate)
        {
            if (_instances.Remove(instanceId, out instance))
            {
                _processes.Remove(instanceId);
            }
        }

        if (instance is not null)
        {
            Raise(new GatewayInstanceStopped(instance));
        }
    }

    public Task InteropReadyAsync(string instanceId, CancellationToken cancellationToken)
    {
        _interopReady.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return Task.CompletedTask;
    }

    public Task SignalAppReadyAsync(string instanceId, CancellationToken cancellationToken)
    {
        _appSignal.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return Task.CompletedTask;
    }

    public Task<GatewayInstance> RegisterInstanceAsync(string applicationName, int? processId, string? instanceId, CancellationToken cancellationToken)
    {
        var instance = new GatewayInstance(instanceId ?? $"reg-{Interlocked.Increment(ref _next)}", applicationName) { ProcessId = processId };
        lock (_gate)
        {
            _instances[instance.Id] = instance;
        }

        Raise(new GatewayInstanceStarted(instance));
        return Task.FromResult(instance);
    }

    public Task<GatewayInMemoryResult> InMemoryStoreAsync(GatewayInMemoryCommand command, CancellationToken cancellationToken)
    {
        var events = new List<GatewayPlatformEvent>();
        GatewayInMemoryResult result;
        lock (_gate)
        {
            switch (command.Kind)
            {
                case "import":
                    var imported = new List<string>();
                    var errors = new List<GatewayInMemoryError>();
                    if (command.Replace)
                    {
                        events.AddRange(_inMemory.Select(a => new GatewayAppRemoved(a)));
                        _inMemory.Clear();
                    }

                    for (var i = 0; i < command.Apps.Count; i++)
                    {
                        var d = command.Apps[i];
                        var name = d["name"]?.ToString();
                        var type = d["type"]?.ToString();
                        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(type))
                        {
                            errors.Add(new GatewayInMemoryError(name ?? $"#{i}", "'name' and 'type' are required"));
                            continue;
                        }

                        _inMemory.RemoveAll(a => a.Name == name);
                        var app = new GatewayApplication(name, type, d["title"]?.ToString(), (JsonObject)d.DeepClone());
                        _inMemory.Add(app);
                        imported.Add(name);
                        events.Add(new GatewayAppAdded(app));
                    }

                    result = new GatewayInMemoryResult(imported, errors, []);
                    break;
                case "export":
                    result = new GatewayInMemoryResult([], [], _inMemory.Select(a => a.Definition).ToList());
                    break;
                case "remove":
                    foreach (var app in _inMemory.Where(a => command.Names.Contains(a.Name)).ToList())
                    {
                        _inMemory.Remove(app);
                        events.Add(new GatewayAppRemoved(app));
                    }

                    result = GatewayInMemoryResult.Empty;
                    break;
                default:
                    events.AddRange(_inMemory.Select(a => new GatewayAppRemoved(a)));
                    _inMemory.Clear();
                    result = GatewayInMemoryResult.Empty;
                    break;
            }
        }

        foreach (var e in events)
        {
            Raise(e);
        }

        return Task.FromResult(result);
    }

    public Task ShutdownAsync(bool restart, CancellationToken cancellationToken)
    {
        ShutdownCalled.TrySetResult(restart);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Action<GatewayPlatformEvent> handler)
    {
        lock (_gate)
        {
            _handlers.Add(handler);
        }

        return new Unsubscriber(this, handler);
    }

    public void Raise(GatewayPlatformEvent e)
    {
        Action<GatewayPlatformEvent>[] handlers;
        lock (_gate)
        {
            handlers = _handlers.ToArray();
            foreach (var handler in handlers)
            {
                handler(e);
            }
        }
    }

    public void KillAll()
    {
        lock (_gate)
        {
            foreach (var p in _processes.Values)
            {
                try
                {
                    p.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                }
            }
        }
    }

    private sealed class Unsubscriber(FakePlatform owner, Action<GatewayPlatformEvent> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._handlers.Remove(handler);
            }
        }
    }
}
