using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using IoActors.Apps.Definitions;
using IoActors.Hocon;
using IoActors.Apps.Stores;
using IoActors.Platform.Boot;
using IoActors.Platform.Configuration;
using IoActors.Platform.Events;
using IoActors.Platform.Instances;
using IoActors.Platform.Manager;
using IoActors.Platform.Shutdown;
using IoActors.Testing;

namespace IoActors.Platform.Tests.Support;

/// <summary>
/// A platform on virtual time (actor timers on Akka's TestScheduler, the rest on a fake clock) with instant fake launchers, a system store and a regular store in a temp folder, and
/// every boot, instance and shutdown event captured from the moment the actor system exists.
/// </summary>
internal sealed class BootHarness : IAsyncDisposable
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(10);
    private readonly List<object> _seen = [];
    private readonly List<object> _unconsumed = [];
    private EventSubscription<object>? _events;

    public BootHarness()
    {
        Root = Directory.CreateTempSubdirectory("ioactors-boot-").FullName;
        SystemFolder = Directory.CreateDirectory(Path.Combine(Root, "system-apps")).FullName;
        AppsFolder = Directory.CreateDirectory(Path.Combine(Root, "apps")).FullName;
    }

    public string Root { get; }

    public string SystemFolder { get; }

    public string AppsFolder { get; }

    public VirtualTime Clock { get; } = new();

    public RecordingLauncher Launcher { get; } = new();

    public IoPlatform Platform { get; private set; } = null!;

    /// <summary>Completes once <see cref="Start"/> has the platform (launches may run before Create returns).</summary>
    public TaskCompletionSource<IoPlatform> Created { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PlatformOptions Configuration { get; } = new();

    /// <summary>Writes a definition into the system store.</summary>
    public void SystemApp(string name, string type, object? runPriority, bool autoStart = true) => Write(SystemFolder, name, type, runPriority, autoStart);

    /// <summary>Writes a definition into the regular store.</summary>
    public void UserApp(string name, string type, object? runPriority, bool autoStart = true) => Write(AppsFolder, name, type, runPriority, autoStart);

    public static JsonObject Definition(string name, string type, object? runPriority, bool autoStart = true)
    {
        var details = type switch
        {
            "exe" => new JsonObject { ["path"] = "/bin", ["command"] = "true" },
            "node" => new JsonObject { ["path"] = "/tmp/app.js" },
            _ => new JsonObject { ["url"] = "http://127.0.0.1/app" },
        };
        var json = new JsonObject { ["name"] = name, ["type"] = type, ["autoStart"] = autoStart, ["details"] = details };
        if (runPriority is not null)
        {
            json["runPriority"] = System.Text.Json.JsonSerializer.SerializeToNode(runPriority);
        }

        return json;
    }

    /// <summary>Actors the platforms of this harness run as their children.</summary>
    public IReadOnlyList<PlatformChild> Children { get; set; } = [];

    public IoPlatform Start(Action<PlatformOptions>? configure = null, IIdentityProvider? identity = null, string? apiUrl = null, bool realLaunchers = false)
    {
        Configuration.ConfigFolder = Root;
        Configuration.SystemAppStores = [new AppStoreOptions { Type = "path", Details = new AppStoreDetailsOptions { Path = SystemFolder } }];
        Configuration.AppStores = [new AppStoreOptions { Type = "path", Details = new AppStoreDetailsOptions { Path = AppsFolder } }];
        Configuration.IoActors.DataFolder = Path.Combine(Root, "data");
        Configuration.IoActors.Boot.DefaultTimeout = new HoconDuration(TimeSpan.FromSeconds(30));
        configure?.Invoke(Configuration);
        Platform = CreatePlatform(identity, apiUrl, realLaunchers);
        Created.TrySetResult(Platform);
        return Platform;
    }

    /// <summary>Shuts the platform down and starts a new one on the same folders and data (a process restart).</summary>
    public async Task<IoPlatform> StartAgainAsync(IIdentityProvider? identity = null)
    {
        await Platform.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await _events!.DisposeAsync();
        _seen.Clear();
        _unconsumed.Clear();
        Platform = CreatePlatform(identity, apiUrl: null, realLaunchers: false);
        return Platform;
    }

    /// <summary>
    /// The next event of type <typeparamref name="T"/> that matches, in publication order, from those not yet returned
    /// (events that arrive in another order than asked for are kept for later calls); fails naming what arrived instead.
    /// </summary>
    public async Task<T> NextAsync<T>(Func<T, bool>? match = null, string? what = null)
    {
        for (var i = 0; i < _unconsumed.Count; i++)
        {
            if (_unconsumed[i] is T t0 && (match is null || match(t0)))
            {
                _unconsumed.RemoveAt(i);
                return t0;
            }
        }

        using var timeout = new CancellationTokenSource(EventTimeout);
        try
        {
            while (true)
            {
                var e = await _events!.Reader.ReadAsync(timeout.Token);
                Record(e);
                if (e is T t && (match is null || match(t)))
                {
                    _unconsumed.Remove(e);
                    return t;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {what ?? typeof(T).Name} within {EventTimeout.TotalSeconds} s. Seen so far:\n{Describe()}");
        }
    }

    /// <summary>Waits (in real time, bounded) for the current boot to finish; fails listing the events seen.</summary>
    public async Task<BootReport> BootedAsync()
    {
        try
        {
            return await Platform.WhenBooted.WaitAsync(EventTimeout);
        }
        catch (TimeoutException)
        {
            Drain();
            throw new TimeoutException($"The boot did not finish within {EventTimeout.TotalSeconds} s. Seen so far:\n{Describe()}");
        }
    }

    public Task<AppBootRequested> RequestedAsync(string app) => NextAsync<AppBootRequested>(e => e.App.Name == app, $"AppBootRequested({app})");

    public Task<AppBootStarted> StartedAsync(string app) => NextAsync<AppBootStarted>(e => e.App.Name == app, $"AppBootStarted({app})");

    public async Task<AppBootRecord> ReportOfAsync(string app) => (await Platform.GetBootReportAsync()).Apps.Single(a => a.Name == app);

    /// <summary>The events published so far, of the given type, in order.</summary>
    public IReadOnlyList<T> Seen<T>()
    {
        Drain();
        return _seen.OfType<T>().ToList();
    }

    private void Drain()
    {
        while (_events!.Reader.TryRead(out var e))
        {
            Record(e);
        }
    }

    private void Record(object e)
    {
        if (e is BootEvent or ShutdownEvent or InstanceEvent or StorePolled or FleetReporterEvent)
        {
            _seen.Add(e);
            _unconsumed.Add(e);
        }
    }

    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var e in _seen)
        {
            text.AppendLine(e switch
            {
                AppBootEvent a => $"{a.GetType().Name}({a.App.Name})",
                StageStarted s => $"StageStarted({s.Stage})",
                StageCompleted s => $"StageCompleted({s.Stage})",
                _ => e.GetType().Name,
            });
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (Platform is not null)
        {
            await Platform.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        }

        if (_events is not null)
        {
            await _events.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Writes a node app running <paramref name="script"/> into a store folder.</summary>
    public static void NodeApp(string folder, string name, string script, object runPriority)
    {
        var json = new JsonObject
        {
            ["name"] = name,
            ["type"] = "node",
            ["autoStart"] = true,
            ["details"] = new JsonObject { ["path"] = script },
            ["runPriority"] = System.Text.Json.JsonSerializer.SerializeToNode(runPriority),
        };
        File.WriteAllText(Path.Combine(folder, name + ".json"), json.ToJsonString());
    }

    // Every platform of the harness: virtual time, no signal handling, the recording launcher, events captured from the start.
    private IoPlatform CreatePlatform(IIdentityProvider? identity, string? apiUrl, bool realLaunchers) => IoPlatform.Create(new IoPlatformOptions
    {
        Configuration = Configuration,
        TimeProvider = Clock.Provider,
        AkkaConfig = VirtualTime.SchedulerConfig,
        HandleProcessSignals = false,
        IdentityProvider = identity,
        WindowHost = Launcher,
        Launchers = realLaunchers ? null : new Dictionary<AppType, IInstanceLauncher> { [AppType.Exe] = Launcher, [AppType.Node] = Launcher },
        ApiUrl = apiUrl,
        Children = Children,
        OnSystemCreated = system =>
        {
            Clock.Attach(system);
            _events = EventSubscription<object>.Create(system, new EventSubscriptionOptions { Capacity = 100_000 });
        },
    });

    private static void Write(string folder, string name, string type, object? runPriority, bool autoStart) =>
        File.WriteAllText(Path.Combine(folder, name + ".json"), Definition(name, type, runPriority, autoStart).ToJsonString());
}

/// <summary>An instant launcher (and window host) that records launches and the order of stop requests.</summary>
internal sealed class RecordingLauncher : IInstanceLauncher, IWindowHost
{
    private int _pid = 200_000;

    public ConcurrentQueue<LaunchRequest> Launches { get; } = new();

    public ConcurrentQueue<string> StopOrder { get; } = new();

    /// <summary>When it returns an error for a request, that launch fails with it.</summary>
    public Func<LaunchRequest, string?>? Fail { get; set; }

    /// <summary>Called with each successful launch before it returns.</summary>
    public Action<LaunchRequest>? OnLaunch { get; set; }

    public Task<IRunningInstance> LaunchAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        if (Fail?.Invoke(request) is { } error)
        {
            throw new LaunchException(error);
        }

        Launches.Enqueue(request);
        OnLaunch?.Invoke(request);
        return Task.FromResult<IRunningInstance>(new Run(this, request.Definition.Name, Interlocked.Increment(ref _pid)));
    }

    public Task<IRunningInstance> OpenAsync(LaunchRequest request, CancellationToken cancellationToken) => LaunchAsync(request, cancellationToken);

    private sealed class Run(RecordingLauncher owner, string app, int pid) : IRunningInstance
    {
        private readonly TaskCompletionSource<InstanceExit> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int? ProcessId => pid;

        public Task<InstanceExit> Exited => _exit.Task;

        public void RequestStop()
        {
            owner.StopOrder.Enqueue(app);
            _exit.TrySetResult(new InstanceExit(0, null, "exit code 0"));
        }

        public void Kill() => _exit.TrySetResult(new InstanceExit(null, 9, "signal 9 (SIGKILL)"));
    }
}
