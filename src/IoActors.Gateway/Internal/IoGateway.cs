using System.Text.Json.Nodes;
using IoActors.Gateway.Server;
using IoActors.Kernel;
using Microsoft.Extensions.Logging;

namespace IoActors.Gateway.Internal;

/// <summary>The gateway: owns the router actor, the tokens and the server peer.</summary>
internal sealed class IoGateway : IIoGateway, IGatewayServer, IAsyncDisposable
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    private readonly ActorSystem _system;
    private readonly bool _ownsSystem;
    private int _stopped;

    public IoGateway(IoGatewayOptions options, ActorSystem? system, ILoggerFactory loggerFactory, string actorName = "gateway")
    {
        options.Validate();
        Options = options;
        _ownsSystem = system is null;
        _system = system ?? ActorSystem.Create("ioactors-gateway", new ActorSystemOptions { LoggerFactory = loggerFactory, RunCoordinatedShutdownOnProcessExit = false });
        Core = new GatewayCore(options, new TokenRegistry(), loggerFactory.CreateLogger("IoActors.Gateway"));
        PeerId = "ioactors-" + Guid.NewGuid().ToString("N")[..12];
        Router = _system.ActorOf(Props.Create(() => new GatewayActor(Core, PeerId)), actorName);
    }

    public IoGatewayOptions Options { get; }

    public GatewayCore Core { get; }

    public IActorRef Router { get; }

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
        Router.Tell(new GetPeers(reply), ActorRefs.NoSender);
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

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Router.Tell(new CloseAll(done), ActorRefs.NoSender);
        try
        {
            await done.Task.WaitAsync(AskTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
        }

        await Core.Stopping.CancelAsync().ConfigureAwait(false);
        if (_ownsSystem)
        {
            await _system.Terminate().ConfigureAwait(false);
        }
        else
        {
            _system.Stop(Router);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    public Task RegisterMethodAsync(string name, GatewayMethodHandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(handler);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Router.Tell(new RegisterServerMethod(name, handler, null, done), ActorRefs.NoSender);
        return done.Task.WaitAsync(AskTimeout, cancellationToken);
    }

    public async Task<IGatewayStream> RegisterStreamAsync(string name, GatewaySubscriptionHandler? onSubscribe, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var stream = new ServerStream(name, onSubscribe, Router);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Router.Tell(new RegisterServerMethod(name, null, stream, done), ActorRefs.NoSender);
        await done.Task.WaitAsync(AskTimeout, cancellationToken).ConfigureAwait(false);
        return stream;
    }

    public Task UnregisterAsync(string name, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Router.Tell(new UnregisterServerMethod(name, done), ActorRefs.NoSender);
        return done.Task.WaitAsync(AskTimeout, cancellationToken);
    }

    public async Task<IReadOnlyList<GatewayInvokeResult>> InvokeAllAsync(string methodName, JsonObject? arguments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(methodName);
        var reply = new TaskCompletionSource<IReadOnlyList<(GatewayPeerInfo Peer, Task<GatewayInvokeResult> Result)>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Router.Tell(new InvokeClients(methodName, arguments, reply), ActorRefs.NoSender);
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
}
