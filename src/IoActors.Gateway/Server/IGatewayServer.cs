using System.Text.Json.Nodes;

namespace IoActors.Gateway.Server;

/// <summary>
/// The platform's own peer on the gateway: it registers methods and streams implemented in C# and can invoke
/// methods that clients registered.
/// </summary>
public interface IGatewayServer
{
    /// <summary>The server peer's id.</summary>
    string PeerId { get; }

    /// <summary>Registers a method and announces it to every client.</summary>
    /// <param name="name">The method name; unique for the server peer.</param>
    /// <param name="handler">Runs for each call, off the gateway's actors.</param>
    /// <param name="cancellationToken">Cancels the registration.</param>
    /// <exception cref="ArgumentException">The name is empty or already registered.</exception>
    Task RegisterMethodAsync(string name, GatewayMethodHandler handler, CancellationToken cancellationToken = default);

    /// <summary>Registers a stream and announces it to every client.</summary>
    /// <param name="name">The stream's method name; unique for the server peer.</param>
    /// <param name="onSubscribe">Runs for each new subscription and returns its snapshot; <see langword="null"/> accepts every subscription without one.</param>
    /// <param name="cancellationToken">Cancels the registration.</param>
    /// <returns>The stream, to push data to its subscribers.</returns>
    Task<IGatewayStream> RegisterStreamAsync(string name, GatewaySubscriptionHandler? onSubscribe, CancellationToken cancellationToken = default);

    /// <summary>Removes a method or stream (its subscribers are told the subscription was cancelled).</summary>
    /// <param name="name">The method or stream name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task UnregisterAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Invokes a method on every client that registered it and waits for each result or the timeout.</summary>
    /// <param name="methodName">The method name.</param>
    /// <param name="arguments">The arguments, or <see langword="null"/> for an empty object.</param>
    /// <param name="timeout">How long to wait for each client.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>One result per client that had the method (empty when none had it).</returns>
    Task<IReadOnlyList<GatewayInvokeResult>> InvokeAllAsync(string methodName, JsonObject? arguments, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Invokes a method on one client, when it registered it, and waits for its result or the timeout.</summary>
    /// <param name="peerId">The client's peer id.</param>
    /// <param name="methodName">The method name.</param>
    /// <param name="arguments">The arguments, or <see langword="null"/> for an empty object.</param>
    /// <param name="timeout">How long to wait for the client.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The result, or <see langword="null"/> when that client is gone or has no such method.</returns>
    Task<GatewayInvokeResult?> InvokePeerAsync(string peerId, string methodName, JsonObject? arguments, TimeSpan timeout, CancellationToken cancellationToken = default);
}
