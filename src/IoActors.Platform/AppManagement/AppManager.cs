using System.Text.Json;
using System.Text.Json.Nodes;
using IoActors.Apps.Definitions;
using IoActors.Apps.Registry;
using IoActors.Apps.Stores;
using Akka.Actor;
using Akka.Event;
using IoActors.Platform.Instances;

namespace IoActors.Platform.AppManagement;

/// <summary>
/// The in-process App Management API for code that hosts the platform, mirroring io.Connect's <c>io.appManager</c>
/// (seed 05): apps, instances, start/stop, <c>startedBy</c>, definitions, the in-memory store and events. Every
/// <c>On…</c> method returns an <see cref="IDisposable"/> that unsubscribes; handlers run one at a time per subscription.
/// </summary>
public sealed class AppManager
{
    private readonly ActorSystem _system;
    private readonly IActorRef _registry;
    private readonly IActorRef _instances;
    private readonly IActorRef _stores;

    /// <summary>Creates the facade over the platform's actors.</summary>
    /// <param name="system">The actor system (its event stream carries the events).</param>
    /// <param name="registry">The registry actor (<c>/user/platform/registry</c>).</param>
    /// <param name="instances">The instance manager (<c>/user/platform/instances</c>).</param>
    /// <param name="stores">The stores actor (<c>/user/platform/stores</c>), which forwards in-memory store operations.</param>
    /// <param name="options">Timeouts. The default is <see langword="null"/>: <see cref="AppManagerOptions"/>' defaults.</param>
    public AppManager(ActorSystem system, IActorRef registry, IActorRef instances, IActorRef stores, AppManagerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(stores);
        _system = system;
        _registry = registry;
        _instances = instances;
        _stores = stores;
        Options = options ?? new AppManagerOptions();
        InMemory = new InMemoryStore(stores, registry, Options.AskTimeout);
    }

    /// <summary>The timeouts in use.</summary>
    public AppManagerOptions Options { get; }

    /// <summary>The in-memory store: import, export, remove and clear definitions provided at runtime.</summary>
    public InMemoryStore InMemory { get; }

    /// <summary>The state of every app store: loaded or not, its last poll and outcome, cache use and recent errors.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The stores in rule order (system stores, configured stores, server, in-memory).</returns>
    public async Task<IReadOnlyList<StoreStatus>> StoresAsync(CancellationToken cancellationToken = default) =>
        (await _stores.Ask<StoresStatus>(GetStoresStatus.Instance, Options.AskTimeout, cancellationToken).ConfigureAwait(false)).Stores;

    /// <summary>Every registered app (<c>applications()</c>), ordered by name.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The apps.</returns>
    public async Task<IReadOnlyList<Application>> ApplicationsAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await _registry.Ask<AppsSnapshot>(GetApps.Instance, Options.AskTimeout, cancellationToken).ConfigureAwait(false);
        return snapshot.Apps.Select(a => new Application(this, a.Definition)).ToList();
    }

    /// <summary>
    /// The registry's current set with its sequence number: the sequence of the last app event, so an equal number means
    /// an equal set. For callers that cache what they derive from the apps (the host's <c>GET /api/apps</c> does).
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The snapshot, apps ordered by name.</returns>
    public Task<AppsSnapshot> SnapshotAsync(CancellationToken cancellationToken = default) =>
        _registry.Ask<AppsSnapshot>(GetApps.Instance, Options.AskTimeout, cancellationToken);

    /// <summary>One app by name (<c>application(name)</c>), or <see langword="null"/> when none is registered.</summary>
    /// <param name="name">The app name.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The app, or <see langword="null"/>.</returns>
    public async Task<Application?> ApplicationAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var lookup = await _registry.Ask<AppLookup>(new GetApp(name), Options.AskTimeout, cancellationToken).ConfigureAwait(false);
        return lookup.App is { } app ? new Application(this, app.Definition) : null;
    }

    /// <summary>Every running instance of every app (<c>instances()</c>), in start order.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The instances.</returns>
    public Task<IReadOnlyList<InstanceInfo>> InstancesAsync(CancellationToken cancellationToken = default) => InstancesOfAsync(null, cancellationToken);

    /// <summary>Starts an app by name (<c>application(name).start(context, options)</c>).</summary>
    /// <param name="name">The app name.</param>
    /// <param name="context">The start context, or <see langword="null"/>.</param>
    /// <param name="options">Start options overriding the definition's <c>details</c>, or <see langword="null"/>.</param>
    /// <param name="startedBy">Who starts it. The default is <see langword="null"/>: <see cref="StartedBy.Host"/>.</param>
    /// <param name="cancellationToken">Cancels the wait (not the start).</param>
    /// <returns>The running instance (the existing one for an app with <c>allowMultiple: false</c>).</returns>
    /// <exception cref="AppNotFoundException">No such app.</exception>
    /// <exception cref="InstanceStartException">The start failed; <see cref="InstanceStartException.Reason"/> says why.</exception>
    public async Task<InstanceInfo> StartAsync(string name, JsonElement? context = null, JsonObject? options = null, StartedBy? startedBy = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var lookup = await _registry.Ask<AppLookup>(new GetApp(name), Options.AskTimeout, cancellationToken).ConfigureAwait(false);
        var app = lookup.App ?? throw new AppNotFoundException(name);
        return await StartAsync(app.Definition, context, options, startedBy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops an instance (<c>instance.stop()</c>) and waits until it is gone.</summary>
    /// <param name="instanceId">The instance ID.</param>
    /// <param name="cancellationToken">Cancels the wait (not the stop).</param>
    /// <returns>The final event, with the exit code or signal.</returns>
    /// <exception cref="InstanceNotFoundException">No such running instance.</exception>
    public Task<InstanceStopped> StopAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return _instances.Ask<InstanceStopped>(new StopInstance(instanceId), Options.StopTimeout, cancellationToken);
    }

    /// <summary>Stops an instance (<c>instance.stop()</c>) and waits until it is gone.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="cancellationToken">Cancels the wait (not the stop).</param>
    /// <returns>The final event.</returns>
    /// <exception cref="InstanceNotFoundException">No such running instance.</exception>
    public Task<InstanceStopped> StopAsync(InstanceInfo instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return StopAsync(instance.Id, cancellationToken);
    }

    /// <summary>How an instance was started (<c>instance.startedBy()</c>).</summary>
    /// <param name="instanceId">The instance ID.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The app and instance that started it, and how.</returns>
    /// <exception cref="InstanceNotFoundException">No such running instance.</exception>
    public async Task<StartedBy> StartedByAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var lookup = await _instances.Ask<InstanceLookup>(new GetInstance(instanceId), Options.AskTimeout, cancellationToken).ConfigureAwait(false);
        return (lookup.Instance ?? throw new InstanceNotFoundException(instanceId)).StartedBy;
    }

    /// <summary>The definitions of all apps, or of the named ones (<c>getConfigurations(names?)</c>); unknown names are skipped.</summary>
    /// <param name="names">The app names, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The definitions, ordered by name (all) or in the order of <paramref name="names"/>.</returns>
    public async Task<IReadOnlyList<AppDefinition>> GetConfigurationsAsync(IEnumerable<string>? names = null, CancellationToken cancellationToken = default)
    {
        var snapshot = await _registry.Ask<AppsSnapshot>(GetApps.Instance, Options.AskTimeout, cancellationToken).ConfigureAwait(false);
        if (names is null)
        {
            return snapshot.Apps.Select(a => a.Definition).ToList();
        }

        var byName = snapshot.Apps.ToDictionary(a => a.Name, a => a.Definition, StringComparer.Ordinal);
        return names.Where(byName.ContainsKey).Select(n => byName[n]).ToList();
    }

    /// <summary>Calls <paramref name="handler"/> with each app added to the registry (<c>onAppAdded</c>).</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable OnAppAdded(Action<AppDefinition> handler) => EventHandlerSubscription.Create<AppAdded>(_system, e => handler(e.App.Definition));

    /// <summary>Calls <paramref name="handler"/> with each app removed from the registry (<c>onAppRemoved</c>).</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable OnAppRemoved(Action<AppDefinition> handler) => EventHandlerSubscription.Create<AppRemoved>(_system, e => handler(e.App.Definition));

    /// <summary>Calls <paramref name="handler"/> with the new definition of each changed app (<c>onAppChanged</c>).</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable OnAppChanged(Action<AppDefinition> handler) => EventHandlerSubscription.Create<AppChanged>(_system, e => handler(e.Current.Definition));

    /// <summary>Calls <paramref name="handler"/> with each instance that started (<c>onInstanceStarted</c>).</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable OnInstanceStarted(Action<InstanceInfo> handler) => EventHandlerSubscription.Create<InstanceStarted>(_system, e => handler(e.Instance));

    /// <summary>Calls <paramref name="handler"/> with each instance that stopped for good (<c>onInstanceStopped</c>).</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable OnInstanceStopped(Action<InstanceInfo> handler) => EventHandlerSubscription.Create<InstanceStopped>(_system, e => handler(e.Instance));

    /// <summary>Calls <paramref name="handler"/> with each updated instance: ready, title, context, restarted (<c>onInstanceUpdated</c>).</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable OnInstanceUpdated(Action<InstanceInfo> handler) => EventHandlerSubscription.Create<InstanceUpdated>(_system, e => handler(e.Instance));

    /// <summary>
    /// Calls <paramref name="handler"/> with every app event (<see cref="AppAdded"/>, <see cref="AppRemoved"/>,
    /// <see cref="AppChanged"/>) and every instance event (<see cref="InstanceEvent"/>: started, updated, restarting,
    /// stopped, start failed) in the order they were published, through one subscription: for a consumer that mirrors
    /// the state (the io.Connect gateway), an instance's update or stop never arrives before its start.
    /// </summary>
    /// <param name="handler">The handler; the event is a <see cref="RegistryEvent"/> or an <see cref="InstanceEvent"/>.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable OnAppOrInstanceEvent(Action<object> handler) => EventHandlerSubscription.Create(_system, handler, typeof(RegistryEvent), typeof(InstanceEvent));

    /// <summary>Sets an instance's title; the instance publishes <see cref="InstanceUpdated"/> (<c>onInstanceUpdated</c>). An unknown instance is ignored.</summary>
    /// <param name="instanceId">The instance ID.</param>
    /// <param name="title">The new title.</param>
    public void SetTitle(string instanceId, string title)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(title);
        _instances.Tell(new SetInstanceTitle(instanceId, title), ActorRefs.NoSender);
    }

    /// <summary>Replaces an instance's context; the instance publishes <see cref="InstanceUpdated"/> (<c>onInstanceUpdated</c>). An unknown instance is ignored.</summary>
    /// <param name="instanceId">The instance ID.</param>
    /// <param name="context">The new context.</param>
    public void SetContext(string instanceId, JsonElement context)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        _instances.Tell(new SetInstanceContext(instanceId, context.Clone()), ActorRefs.NoSender);
    }

    /// <summary>
    /// Makes a process the platform did not start an instance of an app (an io.Connect client registering itself): it
    /// is watched until it exits (or, without a process id, until stopped), never restarted. See <see cref="AdoptInstance"/>.
    /// </summary>
    /// <param name="name">The app name.</param>
    /// <param name="processId">The process id, or <see langword="null"/>.</param>
    /// <param name="instanceId">The id to give it when free (the id its client goes by), or <see langword="null"/> for a new one.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The instance.</returns>
    /// <exception cref="AppNotFoundException">No such app.</exception>
    /// <exception cref="InstanceStartException">The process is not running, or the app does not allow another instance.</exception>
    public async Task<InstanceInfo> RegisterAsync(string name, int? processId, string? instanceId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var lookup = await _registry.Ask<AppLookup>(new GetApp(name), Options.AskTimeout, cancellationToken).ConfigureAwait(false);
        var app = lookup.App ?? throw new AppNotFoundException(name);
        var result = await _instances.Ask<InstanceStartResult>(new AdoptInstance(app.Definition, processId, instanceId), Options.AskTimeout, cancellationToken).ConfigureAwait(false);
        return result.Instance;
    }

    /// <summary>Calls <paramref name="handler"/> with each failed start and its reason.</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>Dispose to unsubscribe.</returns>
    public IDisposable OnInstanceStartFailed(Action<InstanceStartFailed> handler) => EventHandlerSubscription.Create<InstanceStartFailed>(_system, handler);

    internal async Task<InstanceInfo> StartAsync(AppDefinition definition, JsonElement? context, JsonObject? options, StartedBy? startedBy, CancellationToken cancellationToken)
    {
        var result = await _instances.Ask<InstanceStartResult>(new StartInstance(definition, context, options, startedBy), Options.StartTimeout, cancellationToken).ConfigureAwait(false);
        return result.Instance;
    }

    internal async Task<IReadOnlyList<InstanceInfo>> InstancesOfAsync(string? appName, CancellationToken cancellationToken)
    {
        var list = await _instances.Ask<InstanceList>(new GetInstances(appName), Options.AskTimeout, cancellationToken).ConfigureAwait(false);
        return list.Instances;
    }

    internal IDisposable OnInstanceStarted(string appName, Action<InstanceInfo> handler) =>
        EventHandlerSubscription.Create<InstanceStarted>(_system, e =>
        {
            if (string.Equals(e.AppName, appName, StringComparison.Ordinal))
            {
                handler(e.Instance);
            }
        });

    internal IDisposable OnInstanceStopped(string appName, Action<InstanceInfo> handler) =>
        EventHandlerSubscription.Create<InstanceStopped>(_system, e =>
        {
            if (string.Equals(e.AppName, appName, StringComparison.Ordinal))
            {
                handler(e.Instance);
            }
        });
}
