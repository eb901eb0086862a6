using System.Text.Json.Nodes;
using Akka.Actor;
using IoActors.Platform.Instances;

namespace IoActors.Platform.Intents;

/// <summary>
/// The in-process Intents API over <c>/user/platform/intents</c>, mirroring io.Connect's <c>io.intents</c>: the intents and
/// their handlers (<see cref="AllAsync"/>, <see cref="FindAsync"/>, <see cref="FilterHandlersAsync"/>), the resolution of
/// a raise to a listening handler (<see cref="ResolveAsync"/>, starting the handler app when needed), and the listeners
/// running instances add (reported by the gateway).
/// </summary>
public sealed class PlatformIntents
{
    private readonly IActorRef _intents;
    private readonly TimeSpan _askTimeout;
    private readonly TimeSpan _listenerTimeout;

    internal PlatformIntents(IActorRef intents, TimeSpan askTimeout, TimeSpan listenerTimeout)
    {
        _intents = intents;
        _askTimeout = askTimeout;
        _listenerTimeout = listenerTimeout;
    }

    /// <summary>Every intent with its handlers: app handlers (apps by name), then instance listeners (in the order added).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The intents.</returns>
    public Task<IReadOnlyList<Intent>> AllAsync(CancellationToken cancellationToken = default) => FindAsync(null, cancellationToken);

    /// <summary>The intents matching a filter (<c>io.intents.find</c>).</summary>
    /// <param name="filter">The filter, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The intents.</returns>
    public async Task<IReadOnlyList<Intent>> FindAsync(IntentFilter? filter, CancellationToken cancellationToken = default) =>
        (await _intents.Ask<IntentList>(new GetIntents(filter), _askTimeout, cancellationToken).ConfigureAwait(false)).Intents;

    /// <summary>The handlers matching a filter (<c>io.intents.filterHandlers</c>), in the raise rule's order.</summary>
    /// <param name="filter">The filter.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The handlers.</returns>
    public async Task<IReadOnlyList<IntentHandler>> FilterHandlersAsync(IntentHandlerFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return (await _intents.Ask<IntentHandlerList>(new FilterIntentHandlers(filter), _askTimeout, cancellationToken).ConfigureAwait(false)).Handlers;
    }

    /// <summary>
    /// Resolves a raise to the listening handler it goes to: a target instance's listener; a target app's first listening
    /// instance, else a new instance of it; without a target the first listener added, else the first app by name that
    /// declares the intent. A handler app is started (<c>startedBy</c> intent, with the raise's context) and the call
    /// waits up to <c>ioactors.intents.listenerTimeout</c> for its listener.
    /// </summary>
    /// <param name="request">The raise.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The handler, and whether it was started for this raise.</returns>
    /// <exception cref="IntentRaiseException">No handler, an unknown target, a failed start or the listener timeout; the message says which.</exception>
    public Task<IntentResolution> ResolveAsync(IntentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Intent);
        return _intents.Ask<IntentResolution>(new ResolveIntent(request), _listenerTimeout + _askTimeout, cancellationToken);
    }

    /// <summary>
    /// Starts an app as an intent handler and waits up to <c>ioactors.intents.listenerTimeout</c> until the started instance
    /// listens for <paramref name="intent"/> (any intent when <see langword="null"/>): what io.Connect clients ask for when
    /// their raise picked a handler app that is not running.
    /// </summary>
    /// <param name="applicationName">The app.</param>
    /// <param name="intent">The intent to wait for, or <see langword="null"/> for any.</param>
    /// <param name="context">The start context, or <see langword="null"/>.</param>
    /// <param name="options">Start options, or <see langword="null"/>.</param>
    /// <param name="startedBy">The instance that raised, and its app, when known (the kind is always intent).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The instance, listening.</returns>
    /// <exception cref="IntentRaiseException">An unknown app, a failed start or the listener timeout.</exception>
    public async Task<InstanceInfo> StartHandlerAsync(string applicationName, string? intent, JsonObject? context, JsonObject? options, StartedBy? startedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(applicationName);
        var by = new StartedBy(startedBy?.ApplicationName, startedBy?.InstanceId, StartedByKind.Intent);
        var started = await _intents.Ask<IntentHandlerStarted>(new StartIntentHandler(applicationName, intent, context, options, by), _listenerTimeout + _askTimeout, cancellationToken).ConfigureAwait(false);
        return started.Instance;
    }

    /// <summary>Records that a running instance listens for an intent (a second listener for the same intent replaces the first).</summary>
    /// <param name="handler">The listener (<see cref="IntentHandler.InstanceId"/> set; a handler without one is ignored).</param>
    public void AddListener(IntentHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _intents.Tell(new AddIntentListener(handler), ActorRefs.NoSender);
    }

    /// <summary>Records that an instance no longer listens for an intent.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="intent">The intent.</param>
    public void RemoveListener(string instanceId, string intent) => _intents.Tell(new RemoveIntentListener(instanceId, intent), ActorRefs.NoSender);

    /// <summary>Removes every listener of an instance (its connection ended).</summary>
    /// <param name="instanceId">The instance.</param>
    public void RemoveListeners(string instanceId) => _intents.Tell(new RemoveInstanceListeners(instanceId), ActorRefs.NoSender);
}
