using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.Event;
using IoActors.Platform.AppManagement;
using IoActors.Platform.Boot;
using IoActors.Platform.Channels;
using IoActors.Platform.Configuration;
using IoActors.Platform.Events;
using IoActors.Platform.Hosting;
using IoActors.Platform.Instances;
using IoActors.Platform.Intents;
using IoActors.Platform.Notifications;
using IoActors.Platform.Persistence;
using IoActors.Platform.Preferences;
using IoActors.Platform.Shutdown;
using Microsoft.Extensions.Logging;

using IoActors.Platform.Instances.Windows;

namespace IoActors.Platform;

/// <summary>
/// The composition root a user hosts: an actor system with the platform under /user/platform (stores, registry,
/// instance manager, boot supervisor), the App Management API, the boot report, and shutdown and restart with
/// handlers that may prevent them.
/// </summary>
/// <example>
/// <code>
/// await using var platform = await IoPlatform.StartAsync(new IoPlatformOptions { Configuration = options });
/// var apps = await platform.AppManager.ApplicationsAsync();
/// </code>
/// </example>
public sealed partial class IoPlatform : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan CreationTimeout = TimeSpan.FromSeconds(30);
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ActorSystem, IoPlatform> s_bySystem = new();

    private readonly PlatformRefs _refs;
    private readonly ILogger _log;
    private readonly object _handlersLock = new();
    private readonly List<ShutdownHandler> _handlers = [];
    private readonly SemaphoreSlim _shutdownGate = new(1, 1);
    private readonly LoginIdentityProvider? _login;
    private readonly List<IDisposable> _signals = [];
    private Task<BootReport> _whenBooted;

    // Set once the instances were stopped for the final shutdown: later requests (the signal path) have nothing left to do.
    private bool _stoppedForTermination;

    private IoPlatform(ActorSystem system, IoPlatformOptions options, PlatformRefs refs, Task<BootReport> whenBooted, LoginIdentityProvider? login)
    {
        System = system;
        Options = options;
        _refs = refs;
        _whenBooted = whenBooted;
        _login = login;
        _log = options.LoggerFactory.CreateLogger<IoPlatform>();
        AppManager = new AppManager(system, refs.Registry, refs.Instances, refs.InMemory);
        Preferences = new AppPreferencesManager(system, refs.Preferences, AppManager.Options.AskTimeout);
        Notifications = new NotificationsManager(system, refs.Notifications, AppManager.Options.AskTimeout);
        Layouts = new Layouts.LayoutsManager(system, refs.Layouts, AppManager, AppManager.Options.AskTimeout, options.TimeProvider);
        Intents = new PlatformIntents(refs.Intents, AppManager.Options.AskTimeout, options.Configuration.IoActors.Intents.ListenerTimeout.Value);
        if (options.OwnedWindowHost is { } windowHost)
        {
            _windowHostClosed = new Lazy<Task>(() => windowHost.DisposeAsync().AsTask());
            system.WhenTerminated.ContinueWith(_ => _windowHostClosed.Value, TaskScheduler.Default);
        }
    }

    // Closes the platform's own window host (its browser) once; null when a host supplied the window host.
    private readonly Lazy<Task>? _windowHostClosed;

    /// <summary>The platform actor and its main children (for tests).</summary>
    internal PlatformRefs Refs => _refs;

    /// <summary>The actor system the platform runs in.</summary>
    public ActorSystem System { get; }

    /// <summary>The event stream: registry, store, instance, boot and shutdown events.</summary>
    public EventStream EventStream => System.EventStream;

    /// <summary>The in-process App Management API.</summary>
    public AppManager AppManager { get; }

    /// <summary>The in-process Intents API: intents, handlers, raises (<c>/user/platform/intents</c>).</summary>
    public PlatformIntents Intents { get; }

    /// <summary>The options the platform was created with.</summary>
    public IoPlatformOptions Options { get; }

    /// <summary>
    /// The windows the platform's window host has open (what <c>io.windows</c> lists and acts on); empty when the window
    /// host opens no real windows.
    /// </summary>
    public Instances.Windows.IPlatformWindows Windows => Options.WindowHost as Instances.Windows.IPlatformWindows ?? Instances.Windows.NoPlatformWindows.Instance;

    /// <summary>
    /// Completes with the boot report when the current boot finishes, or faults with <see cref="BootFailedException"/>.
    /// A restart replaces it: read it again after <see cref="RestartAsync"/>.
    /// </summary>
    public Task<BootReport> WhenBooted => Volatile.Read(ref _whenBooted);

    /// <summary>Whether the current boot finished successfully.</summary>
    public bool IsBooted => WhenBooted.IsCompletedSuccessfully;

    /// <summary>Completes when the actor system has terminated (after a shutdown).</summary>
    public Task WhenTerminated => System.WhenTerminated;

    /// <summary>
    /// Subscribes non-actor code to the platform's events of <typeparamref name="T"/> (and subtypes) through a bounded
    /// buffer (see <see cref="EventSubscription{T}"/>); no event published after this returns is missed.
    /// </summary>
    /// <typeparam name="T">The event type, e.g. <see cref="InstanceEvent"/> or <see cref="object"/> for every event.</typeparam>
    /// <param name="options">Buffer capacity and overflow policy; <see langword="null"/> for the defaults.</param>
    /// <returns>The active subscription; dispose it to unsubscribe.</returns>
    public EventSubscription<T> Subscribe<T>(EventSubscriptionOptions? options = null) => EventSubscription<T>.Create(System, options);

    /// <summary>
    /// Creates the platform and starts the boot; returns once the platform's actors have started: the host's
    /// <see cref="IoPlatformOptions.Children"/>, the stores, registry, instance manager, history and journals, then the
    /// boot supervisor, each confirmed its start (the boot starts only after the host's children confirmed). The boot
    /// goes on: see <see cref="WhenBooted"/>. A host that serves readiness signals during the boot uses this.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <returns>The running platform.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The configuration is invalid; every problem is listed.</exception>
    /// <exception cref="ArgumentException">A child in <see cref="IoPlatformOptions.Children"/> has a bad or reserved name.</exception>
    /// <exception cref="InvalidOperationException">A child failed to start (the message names it and the cause); the platform has shut down.</exception>
    /// <exception cref="TimeoutException">The start did not finish within 30 s (the message says what it waited for); the platform has shut down.</exception>
    public static IoPlatform Create(IoPlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = Prepare(options);

        // The signal path runs the whole platform shutdown in before-service-unbind, whose timeout the config sets to
        // the handlers' budget plus the stops.
        var config = PlatformAkkaConfig.Create(options);
        var system = ActorSystem.Create(options.SystemName, config);
        var signals = options.HandleProcessSignals ? HandleSignals(system) : [];
        try
        {
            var platform = StartInAsync(system, options, ownsSystem: true).GetAwaiter().GetResult();
            platform._signals.AddRange(signals);
            system.WhenTerminated.ContinueWith(_ => platform.DisposeSignals(), TaskScheduler.Default);
            return platform;
        }
        catch
        {
            foreach (var signal in signals)
            {
                signal.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// The platform that runs in <paramref name="system"/> (started there by <see cref="Create"/>, <see cref="StartAsync"/>
    /// or the Akka.Hosting extensions of <see cref="IoActorsHosting"/>), or <see langword="null"/> when none does.
    /// </summary>
    /// <param name="system">The actor system.</param>
    /// <returns>The platform, or <see langword="null"/>.</returns>
    public static IoPlatform? Of(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return s_bySystem.TryGetValue(system, out var platform) ? platform : null;
    }

    /// <summary>Validates the options and fills in the identity provider.</summary>
    internal static IoPlatformOptions Prepare(IoPlatformOptions options)
    {
        options.Configuration.Validate();
        PlatformChild.Validate(options.Children ?? []);
        var identity = options.IdentityProvider ?? IdentityFromConfiguration(options.Configuration);
        options = options with { IdentityProvider = identity };
        var windows = options.Configuration.IoActors.Windows;
        if (options.WindowHost is null && windows.Host == "chromium")
        {
            // The platform's own window host: disposed (the browser closed) when the platform stops.
            var headless = windows.Headless switch { "on" => HeadlessMode.On, "off" => HeadlessMode.Off, _ => HeadlessMode.Auto };
            var host = new ChromiumWindowHost(
                new ChromiumHostOptions(string.IsNullOrWhiteSpace(windows.BrowserPath) ? null : windows.BrowserPath, headless),
                options.LoggerFactory.CreateLogger<ChromiumWindowHost>());
            options = options with { WindowHost = host, OwnedWindowHost = host };
        }

        return options;
    }

    /// <summary>
    /// Starts the platform's actors in a running actor system: persistence readied (when the platform persists), then
    /// /user/platform with its children, each confirmed; the boot goes on in the background. On failure the platform's
    /// actors are stopped, and the system terminated when <paramref name="ownsSystem"/>.
    /// </summary>
    internal static async Task<IoPlatform> StartInAsync(ActorSystem system, IoPlatformOptions options, bool ownsSystem)
    {
        async Task<Exception> GiveUpAsync(Exception e, IActorRef? platformActor)
        {
            if (ownsSystem)
            {
                await system.Terminate().WaitAsync(CreationTimeout).ConfigureAwait(false);
            }
            else if (platformActor is not null)
            {
                await platformActor.GracefulStop(CreationTimeout).ConfigureAwait(false);
            }

            return e;
        }

        try
        {
            options.OnSystemCreated?.Invoke(system);
        }
        catch (Exception e)
        {
            throw await GiveUpAsync(e, null).ConfigureAwait(false);
        }

        var journal = PlatformJournal.InMemory;
        if (options.Configuration.IoActors.InMemoryStore.Persist)
        {
            journal = new PlatformJournal(true, PlatformPersistenceConfig.JournalPluginId, PlatformPersistenceConfig.SnapshotPluginId);
            try
            {
                // The database is ready (WAL, an earlier journal imported, tables created) before any persistent actor recovers.
                await PlatformPersistenceStartup.StartAsync(system, options.Configuration).WaitAsync(CreationTimeout).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                throw await GiveUpAsync(e, null).ConfigureAwait(false);
            }
        }

        var startup = new PlatformStartup();
        var boot = new TaskCompletionSource<BootReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        var platformActor = system.ActorOf(PlatformActor.Props(options, journal, startup, boot), "platform");
        PlatformRefs created;
        try
        {
            created = await startup.Refs.Task.WaitAsync(CreationTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var waitingFor = startup.WaitingFor;
            throw await GiveUpAsync(new TimeoutException($"The platform did not start within {CreationTimeout.TotalSeconds:0} s: it was waiting for {waitingFor}."), platformActor).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw await GiveUpAsync(e, platformActor).ConfigureAwait(false);
        }

        var platform = new IoPlatform(system, options, created, boot.Task, options.IdentityProvider as LoginIdentityProvider);
        s_bySystem.AddOrUpdate(system, platform);
        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "platform-shutdown", async () =>
        {
            await platform.RunShutdownAsync(restarting: false, "signal", shutdown.ShutdownReason?.ToString(), preventable: false, terminate: false).ConfigureAwait(false);
            return Akka.Done.Instance;
        });
        platform.WatchBoot(boot.Task);
        return platform;
    }

    /// <summary>Creates the platform and waits for its boot to finish.</summary>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">Stops waiting (the platform is shut down).</param>
    /// <returns>The booted platform.</returns>
    /// <exception cref="BootFailedException">The boot failed (the platform has shut down).</exception>
    public static async Task<IoPlatform> StartAsync(IoPlatformOptions options, CancellationToken cancellationToken = default)
    {
        var platform = Create(options);
        try
        {
            await platform.WhenBooted.WaitAsync(cancellationToken).ConfigureAwait(false);
            return platform;
        }
        catch
        {
            await platform.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The current boot report (also while the boot runs).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The report.</returns>
    public Task<BootReport> GetBootReportAsync(CancellationToken cancellationToken = default) =>
        _refs.Platform.Ask<BootReport>(GetBootReport.Instance, TimeSpan.FromSeconds(30), cancellationToken);

    /// <summary>
    /// The instance lifecycle history, oldest first: starts, restarts (with the restart count), stops (with the exit code
    /// and reason) and failed starts. When the platform persists (<c>ioactors.inMemoryStore.persist</c>) the history is
    /// journaled and survives restarts; the last 1 000 entries are kept.
    /// </summary>
    /// <param name="max">The largest number of entries to return (the latest ones).</param>
    /// <param name="appName">Only entries of this app, or <see langword="null"/> for every app.</param>
    /// <param name="instanceId">Only entries of this instance, or <see langword="null"/> for every instance.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The entries, oldest first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is negative.</exception>
    public Task<IReadOnlyList<InstanceHistoryEntry>> GetInstanceHistoryAsync(int max = 1000, string? appName = null, string? instanceId = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        return _refs.History.Ask<IReadOnlyList<InstanceHistoryEntry>>(new GetInstanceHistory(max, appName, instanceId), TimeSpan.FromSeconds(30), cancellationToken);
    }

    /// <summary>
    /// The reports of the boots that ended (completed or failed), oldest first, including the current one once it ended.
    /// When the platform persists (<c>ioactors.inMemoryStore.persist</c>) they survive restarts; the last 20 are kept.
    /// </summary>
    /// <param name="max">The largest number of reports to return (the latest ones).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The reports, oldest first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is negative.</exception>
    public Task<IReadOnlyList<BootReport>> GetPreviousBootReportsAsync(int max = 20, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        return _refs.History.Ask<IReadOnlyList<BootReport>>(new GetPreviousBootReports(max), TimeSpan.FromSeconds(30), cancellationToken);
    }

    /// <summary>
    /// The io.Connect channels from the configuration (<c>channels.definitions</c>; none when <c>channels.enabled</c> is
    /// false), in configuration order, as the channels actor (/user/platform/channels) holds them.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The channels.</returns>
    public async Task<IReadOnlyList<ChannelDefinition>> GetChannelsAsync(CancellationToken cancellationToken = default) =>
        (await _refs.Channels.Ask<ChannelList>(GetChannels.Instance, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false)).Channels;

    /// <summary>An instance signalled readiness ("signal-app-ready"); routed to the instance and the boot.</summary>
    /// <param name="instanceId">The instance.</param>
    public void SignalAppReady(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        _refs.Platform.Tell(new InstanceSignalled(instanceId, ReadinessSignal.AppSignal), null);
    }

    /// <summary>An instance's interop connection is up; routed to the instance and the boot.</summary>
    /// <param name="instanceId">The instance.</param>
    public void SignalInteropReady(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        _refs.Platform.Tell(new InstanceSignalled(instanceId, ReadinessSignal.InteropReady), null);
    }

    /// <summary>Logs a user in when the identity gate waits for a login (<c>ioactors.boot.identity.provider = login</c>).</summary>
    /// <param name="user">The user name.</param>
    /// <returns><see langword="true"/> when this call logged the user in; <see langword="false"/> when a user already had.</returns>
    /// <exception cref="InvalidOperationException">The platform does not take logins (another identity provider is configured).</exception>
    public bool Login(string user)
    {
        if (_login is null)
        {
            throw new InvalidOperationException("This platform does not take logins: its identity provider is not 'login' (ioactors.boot.identity.provider).");
        }

        return _login.Login(user);
    }

    /// <summary>
    /// Registers a shutdown handler (seed 05, <c>onShuttingDown</c>). Handlers run together before a shutdown or restart,
    /// within the shutdown budget (<c>ioactors.shutdown.budget</c>, 60 s); any returning <see cref="ShutdownDecision.Prevent"/>
    /// cancels it, except for a signal-initiated shutdown.
    /// </summary>
    /// <param name="handler">The handler; the token is cancelled when the budget runs out.</param>
    /// <param name="name">A name for logs and <see cref="ShutdownOutcome.PreventedBy"/>.</param>
    /// <returns>Dispose to unregister.</returns>
    public IDisposable OnShuttingDown(Func<ShuttingDownEventArgs, CancellationToken, Task<ShutdownDecision>> handler, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var entry = new ShutdownHandler(name ?? $"handler-{Guid.NewGuid():N}"[..16], handler);
        lock (_handlersLock)
        {
            _handlers.Add(entry);
        }

        return new Unregister(() =>
        {
            lock (_handlersLock)
            {
                _handlers.Remove(entry);
            }
        });
    }

    /// <summary>
    /// Shuts the platform down: handlers (which may prevent it), then every instance stops in reverse boot order
    /// (user → core), then the actor system terminates.
    /// </summary>
    /// <param name="reason">Why, or <see langword="null"/>.</param>
    /// <param name="initiator">Who asks ("api", "gateway", ...).</param>
    /// <returns>Whether a handler prevented it.</returns>
    public Task<ShutdownOutcome> ShutdownAsync(string? reason = null, string initiator = "api") =>
        RunShutdownAsync(restarting: false, initiator, reason, preventable: true, terminate: true);

    /// <summary>
    /// Restarts the platform in the same process: handlers (restarting = true, may prevent it), every instance stops in
    /// reverse boot order, then the boot runs again (stores and registry stay). <see cref="WhenBooted"/> is replaced.
    /// </summary>
    /// <param name="reason">Why, or <see langword="null"/>.</param>
    /// <param name="initiator">Who asks.</param>
    /// <returns>Whether a handler prevented it.</returns>
    public Task<ShutdownOutcome> RestartAsync(string? reason = null, string initiator = "api") =>
        RunShutdownAsync(restarting: true, initiator, reason, preventable: true, terminate: false);

    /// <summary>Shuts down without asking handlers for permission (they still run) and waits for the actor system to terminate.</summary>
    /// <returns>A task that completes when the platform has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (!System.WhenTerminated.IsCompleted)
        {
            await RunShutdownAsync(restarting: false, "host", "disposed", preventable: false, terminate: true).ConfigureAwait(false);
        }

        await System.WhenTerminated.ConfigureAwait(false);
        if (_windowHostClosed is not null)
        {
            await _windowHostClosed.Value.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// As <see cref="DisposeAsync"/>, blocking until the platform has stopped (a host's service container disposes the
    /// platform this way; after the host stopped the platform, it returns at once).
    /// </summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static IIdentityProvider IdentityFromConfiguration(PlatformOptions configuration)
    {
        var identity = configuration.IoActors.Boot.Identity;
        return identity.Provider switch
        {
            "static" => IdentityProviders.Static(identity.User!),
            "login" => IdentityProviders.Login(),
            _ => IdentityProviders.OsUser,
        };
    }

    // SIGINT and SIGTERM run the coordinated shutdown (and so the platform's shutdown) before the process exits.
    private static List<IDisposable> HandleSignals(ActorSystem system)
    {
        var registrations = new List<IDisposable>();
        void OnSignal(PosixSignalContext context)
        {
            var shutdown = CoordinatedShutdown.Get(system);
            shutdown.Run(CoordinatedShutdown.ClrExitReason.Instance).Wait(shutdown.TotalTimeout);
        }

        try
        {
            registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
            registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
        }
        catch (PlatformNotSupportedException)
        {
            // No signals here (browser, some sandboxes); process exit still runs the shutdown (run-by-clr-shutdown-hook).
        }

        return registrations;
    }

    private void DisposeSignals()
    {
        foreach (var registration in _signals)
        {
            registration.Dispose();
        }
    }

    private void WatchBoot(Task<BootReport> boot)
    {
        // A failed boot shuts the platform down, as a required store that cannot be loaded does in the seeds.
        boot.ContinueWith(
            t =>
            {
                if (t.Exception?.GetBaseException() is BootFailedException failed && !failed.Message.StartsWith("the boot was abandoned", StringComparison.Ordinal))
                {
                    _log.LogError("The boot failed; shutting down: {Error}", failed.Message);
                    _ = RunShutdownAsync(restarting: false, "boot", failed.Message, preventable: false, terminate: true);
                }
                else if (t.IsCompletedSuccessfully)
                {
                    _ = RestoreDefaultLayoutAsync();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    // io.Connect loads the default Global layout on startup: once booted (and, with io.Manager, once its layouts are in), its
    // components start beside what the boot started.
    private async Task RestoreDefaultLayoutAsync()
    {
        try
        {
            await WaitForManagerImportAsync().ConfigureAwait(false);
            if (await Layouts.RestoreDefaultAsync(CancellationToken.None).ConfigureAwait(false) is { } restored)
            {
                _log.LogInformation("Restored the default layout '{Layout}': {Status}, {Started} started{Failed}", restored.Layout.Name, restored.Status, restored.Started.Count,
                    restored.Failed.Count == 0 ? string.Empty : "; failed: " + string.Join(", ", restored.Failed.Select(f => $"{f.Application} ({f.Reason})")));
            }
        }
        catch (Exception e) when (!System.WhenTerminated.IsCompleted)
        {
            _log.LogWarning("Could not restore the default layout: {Error}", e.Message);
        }
        catch (Exception)
        {
            // The platform stopped meanwhile.
        }
    }

    private async Task<ShutdownOutcome> RunShutdownAsync(bool restarting, string initiator, string? reason, bool preventable, bool terminate)
    {
        ShutdownOutcome outcome;
        await _shutdownGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stoppedForTermination || System.WhenTerminated.IsCompleted)
            {
                return ShutdownOutcome.Proceeded;
            }

            var args = new ShuttingDownEventArgs(restarting, initiator, reason);
            System.EventStream.Publish(new ShutdownRequested(restarting, initiator, reason));
            _log.LogInformation("{Kind} requested by {Initiator}: {Reason}", restarting ? "Restart" : "Shutdown", initiator, reason ?? "no reason given");
            outcome = await RunHandlersAsync(args).ConfigureAwait(false);
            if (outcome.Prevented && preventable)
            {
                System.EventStream.Publish(new ShutdownPrevented(restarting, initiator, reason, outcome.PreventedBy));
                _log.LogInformation("{Kind} prevented by {Handlers}", restarting ? "Restart" : "Shutdown", string.Join(", ", outcome.PreventedBy));
                return outcome;
            }

            var stopped = await StopInstancesInReverseBootOrderAsync().ConfigureAwait(false);
            System.EventStream.Publish(new InstancesStoppedForShutdown(restarting, initiator, reason, stopped));
            if (restarting)
            {
                var next = new TaskCompletionSource<BootReport>(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _whenBooted, next.Task);
                WatchBoot(next.Task);
                _refs.Platform.Tell(new RestartBoot(next), null);
            }
            else
            {
                _stoppedForTermination = true;
                if (_windowHostClosed is not null)
                {
                    await _windowHostClosed.Value.ConfigureAwait(false);
                }

                await SayGoodbyeAsync().ConfigureAwait(false);
            }

            outcome = ShutdownOutcome.Proceeded;
        }
        finally
        {
            _shutdownGate.Release();
        }

        if (!restarting && terminate)
        {
            await System.Terminate().ConfigureAwait(false);
        }

        return outcome;
    }

    private async Task<ShutdownOutcome> RunHandlersAsync(ShuttingDownEventArgs args)
    {
        ShutdownHandler[] handlers;
        lock (_handlersLock)
        {
            handlers = _handlers.ToArray();
        }

        if (handlers.Length == 0)
        {
            return ShutdownOutcome.Proceeded;
        }

        var budget = Options.Configuration.IoActors.Shutdown.Budget.Value;
        using var cts = new CancellationTokenSource(budget, Options.TimeProvider);
        var runs = handlers.Select(h => RunHandlerAsync(h, args, cts.Token)).ToArray();
        try
        {
            await Task.WhenAll(runs).WaitAsync(budget, Options.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log.LogWarning("Shutdown handlers overran the {Budget} budget; going on without them", budget);
        }

        var preventedBy = handlers.Zip(runs)
            .Where(p => p.Second.IsCompletedSuccessfully && p.Second.Result == ShutdownDecision.Prevent)
            .Select(p => p.First.Name)
            .ToList();
        return preventedBy.Count == 0 ? ShutdownOutcome.Proceeded : new ShutdownOutcome(true, preventedBy);
    }

    private async Task<ShutdownDecision> RunHandlerAsync(ShutdownHandler handler, ShuttingDownEventArgs args, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(() => handler.Handler(args, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "Shutdown handler {Handler} failed; it does not prevent the shutdown", handler.Name);
            return ShutdownDecision.Proceed;
        }
    }

    private async Task<int> StopInstancesInReverseBootOrderAsync()
    {
        var askTimeout = TimeSpan.FromSeconds(30);
        var list = await _refs.Instances.Ask<InstanceList>(new GetInstances(), askTimeout).ConfigureAwait(false);
        BootReport? report = null;
        try
        {
            report = await GetBootReportAsync().ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            // No boot supervisor answers (it is being replaced): every instance stops in one group.
        }

        var stopGroups = StopOrder.Groups(list.Instances, report);
        var grace = Options.Configuration.IoActors.Instances.StopGracePeriod.Value;
        var stopTimeout = (2 * grace) + TimeSpan.FromSeconds(10);
        var stopped = 0;
        foreach (var group in stopGroups)
        {
            var stops = group.Select(async id =>
            {
                try
                {
                    await _refs.Instances.Ask<InstanceStopped>(new StopInstance(id, "platform shutdown"), stopTimeout).ConfigureAwait(false);
                    Interlocked.Increment(ref stopped);
                }
                catch (InstanceNotFoundException)
                {
                    // Already gone.
                }
                catch (Exception ex)
                {
                    _log.LogWarning(ex, "Instance {Instance} did not stop cleanly during shutdown", id);
                }
            });
            await Task.WhenAll(stops).ConfigureAwait(false);
        }

        return stopped;
    }

    private sealed record ShutdownHandler(string Name, Func<ShuttingDownEventArgs, CancellationToken, Task<ShutdownDecision>> Handler);

    private sealed class Unregister(Action action) : IDisposable
    {
        private Action? _action = action;

        public void Dispose() => Interlocked.Exchange(ref _action, null)?.Invoke();
    }
}
