using System.Text.Json.Nodes;
using IoActors.Gateway.Server;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace IoActors.Gateway.Internal;

/// <summary>
/// The gateway: owns the router actor, the tokens and the server peer. Standalone, it creates its router at once (in
/// the given actor system, or its own). With <see cref="IoGatewayOptions.HostedByPlatform"/> the platform creates the
/// router from <see cref="RouterProps"/>; until then new connections and server-peer calls wait for it.
/// </summary>
internal sealed class IoGateway : IIoGateway, IGatewayServer, IAsyncDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    private readonly TaskCompletionSource<IActorRef> _router = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _routerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorSystem? _system;
    private readonly bool _ownsSystem;
    private int _stopped;

    public IoGateway(IoGatewayOptions options, ActorSystem? system, ILoggerFactory loggerFactory, string actorName = "gateway")
    {
        options.Validate();
        Options = options;
        Core = new GatewayCore(options, new TokenRegistry(), loggerFactory.CreateLogger("IoActors.Gateway"));
        PeerId = "ioactors-" + Guid.NewGuid().ToString("N")[..12];
        RouterName = actorName;
        RouterProps = Props.Create(() => new GatewayActor(Core, PeerId, OnRouterStarted, OnRouterStopped));
        if (!options.HostedByPlatform)
        {
            _ownsSystem = system is null;
            _system = system ?? ActorSystem.Create("ioactors-gateway", OwnSystemConfig);
            _system.ActorOf(RouterProps, actorName);
        }
    }

    public IoGatewayOptions Options { get; }

    public GatewayCore Core { get; }

    public Props RouterProps { get; }

    public string RouterName { get; }

    // The gateway's own system: no shutdown hook on process exit (the host owns the process).
    private static Akka.Configuration.Config OwnSystemConfig =>
        Akka.Configuration.ConfigurationFactory.ParseString("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off");

    /// <summary>The router; only valid once it started (<see cref="RouterAsync"/>): used from inside calls it delivered.</summary>
    public IActorRef Router => _router.Task.IsCompletedSuccessfully ? _router.Task.Result : throw new InvalidOperationException("The gateway's router has not started.");

    /// <summary>Completes when the router has started and the platform methods are registered: connections wait for it.</summary>
    public Task WhenReady => _ready.Task;

    /// <summary>Completes with the router once it has started (no time limit).</summary>
    public Task<IActorRef> RouterStarted => _router.Task;

    /// <summary>Completes with the router once it has started; fails after 10 s.</summary>
    public Task<IActorRef> RouterAsync(CancellationToken cancellationToken = default) => _router.Task.WaitAsync(AskTimeout, cancellationToken);

    /// <summary>Marks the gateway ready for connections (after the platform methods are registered, if they are).</summary>
    public void MarkReady() => _ready.TrySetResult();

    public string PeerId { get; }

    public IGatewayServer Server => this;

    public string IssueToken(string instanceId, string applicationName) => Core.Tokens.Issue(instanceId, applicationName);

    public void RevokeTokens(string instanceId) => Core.Tokens.Revoke(instanceId);

    public JsonObject CreateStartingContext(Uri gatewayUrl, string instanceId, string applicationName)
    {
        ArgumentNullException.ThrowIfNull(gatewayUrl);
        var token = IssueToken(instanceId, applicationName);
        var context = new JsonObject
        {
            ["gwURL"] = gatewayUrl.ToString(),
            ["gwToken"] = token,
            ["instanceId"] = instanceId,
            ["applicationConfig"] = new JsonObject { ["name"] = applicationName },
            ["env"] = Options.Environment,
            ["region"] = Options.Region,
        };
        return context;
    }

    public async Task<IReadOnlyList<GatewayPeerInfo>> GetPeersAsync(CancellationToken cancellationToken = default)
    {
        var reply = new TaskCompletionSource<IReadOnlyList<GatewayPeerInfo>>(TaskCreationOptions.RunContinuationsAsynchronously);
        (await RouterAsync(cancellationToken).ConfigureAwait(false)).Tell(new GetPeers(reply), ActorRefs.NoSender);
        return await reply.Task.WaitAsync(AskTimeout, cancellationToken).ConfigureAwait(false);
    }

    public async Task<GatewayShutdownDecision> RequestShutdownAsync(bool restarting, CancellationToken cancellationToken = default)
    {
        var results = await InvokeAllAsync("T42.ACS.OnGDShutdown", new JsonObject { ["restarting"] = restarting }, Options.ShutdownHandlerTimeout, cancellationToken).ConfigureAwait(false);
        var preventedBy = results
            .Where(r => r.Succeeded && r.Result is JsonObject o && o["prevent"] is JsonValue v && v.TryGetValue<bool>(out var prevent) && prevent)
            .Select(r => r.Server)
            .ToList();
        return new GatewayShutdownDecision(preventedBy.Count > 0, preventedBy);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        if (_router.Task.IsCompletedSuccessfully && !_routerStopped.Task.IsCompleted)
        {
            // A router that stopped with the platform cannot answer: stop waiting when it is gone.
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Router.Tell(new CloseAll(done), ActorRefs.NoSender);
            try
            {
                await Task.WhenAny(done.Task, _routerStopped.Task).WaitAsync(AskTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
            }
        }

        await Core.Stopping.CancelAsync().ConfigureAwait(false);
        if (_system is null)
        {
            // The platform owns the router: it stops with the platform.
            return;
        }

        if (_ownsSystem)
        {
            await _system.Terminate().ConfigureAwait(false);
        }
        else if (_router.Task.IsCompletedSuccessfully)
        {
            _system.Stop(Router);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    public Task RegisterMethodAsync(string name, GatewayMethodHandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(handler);
        return TellAndWaitAsync(done => new RegisterServerMethod(name, handler, null, done), cancellationToken);
    }

    public async Task<IGatewayStream> RegisterStreamAsync(string name, GatewaySubscriptionHandler? onSubscribe, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var stream = new ServerStream(name, onSubscribe, await RouterAsync(cancellationToken).ConfigureAwait(false));
        await TellAndWaitAsync(done => new RegisterServerMethod(name, null, stream, done), cancellationToken).ConfigureAwait(false);
        return stream;
    }

    /// <summary>Registers a stream with branches: <paramref name="branchOf"/> gives each subscription's branch from its arguments.</summary>
    internal async Task<ServerStream> RegisterBranchedStreamAsync(string name, GatewaySubscriptionHandler? onSubscribe, Func<JsonObject, string?> branchOf, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var stream = new ServerStream(name, onSubscribe, await RouterAsync(cancellationToken).ConfigureAwait(false), branchOf);
        await TellAndWaitAsync(done => new RegisterServerMethod(name, null, stream, done), cancellationToken).ConfigureAwait(false);
        return stream;
    }

    /// <summary>Registers a stream whose subscription handler returns its snapshot as a sequence of events (see <see cref="ServerStream.SnapshotSequence"/>).</summary>
    internal async Task<ServerStream> RegisterSequencedStreamAsync(string name, GatewaySubscriptionHandler onSubscribe, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var stream = new ServerStream(name, onSubscribe, await RouterAsync(cancellationToken).ConfigureAwait(false)) { SnapshotSequence = true };
        await TellAndWaitAsync(done => new RegisterServerMethod(name, null, stream, done), cancellationToken).ConfigureAwait(false);
        return stream;
    }

    /// <summary>Registers a versioned stream: its pushes carry versions and each snapshot says the last one it includes (see <see cref="ServerStream.OnVersionedSubscribe"/>).</summary>
    internal async Task<ServerStream> RegisterVersionedStreamAsync(string name, Func<GatewayInvocation, CancellationToken, ValueTask<(JsonNode? Snapshot, long Version)>> onSubscribe, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(onSubscribe);
        var stream = new ServerStream(name, null, await RouterAsync(cancellationToken).ConfigureAwait(false)) { OnVersionedSubscribe = onSubscribe };
        await TellAndWaitAsync(done => new RegisterServerMethod(name, null, stream, done), cancellationToken).ConfigureAwait(false);
        return stream;
    }

    public Task UnregisterAsync(string name, CancellationToken cancellationToken = default)
    {
        return TellAndWaitAsync(done => new UnregisterServerMethod(name, done), cancellationToken);
    }

    public Task<IReadOnlyList<GatewayInvokeResult>> InvokeAllAsync(string methodName, JsonObject? arguments, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        InvokeClientsAsync(methodName, arguments, null, timeout, cancellationToken);

    public async Task<GatewayInvokeResult?> InvokePeerAsync(string peerId, string methodName, JsonObject? arguments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(peerId);
        return (await InvokeClientsAsync(methodName, arguments, peerId, timeout, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    private async Task<IReadOnlyList<GatewayInvokeResult>> InvokeClientsAsync(string methodName, JsonObject? arguments, string? onlyPeer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(methodName);
        var reply = new TaskCompletionSource<IReadOnlyList<(GatewayPeerInfo Peer, Task<GatewayInvokeResult> Result)>>(TaskCreationOptions.RunContinuationsAsynchronously);
        (await RouterAsync(cancellationToken).ConfigureAwait(false)).Tell(new InvokeClients(methodName, arguments, reply, onlyPeer), ActorRefs.NoSender);
        var pending = await reply.Task.WaitAsync(AskTimeout, cancellationToken).ConfigureAwait(false);
        var results = new List<GatewayInvokeResult>(pending.Count);
        foreach (var (peer, task) in pending)
        {
            try
            {
                results.Add(await task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false));
            }
            catch (TimeoutException)
            {
                results.Add(new GatewayInvokeResult(peer, false, null, $"No answer within {timeout}."));
            }
        }

        return results;
    }

    private async Task TellAndWaitAsync(Func<TaskCompletionSource, object> message, CancellationToken cancellationToken)
    {
        var router = await RouterAsync(cancellationToken).ConfigureAwait(false);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        router.Tell(message(done), ActorRefs.NoSender);
        await done.Task.WaitAsync(AskTimeout, cancellationToken).ConfigureAwait(false);
    }

    private void OnRouterStarted(IActorRef router) => _router.TrySetResult(router);

    private void OnRouterStopped() => _routerStopped.TrySetResult();
}
