using System.Text.Json.Nodes;

namespace IoActors.Gateway.Platform;

/// <summary>
/// The intents part of the platform, for an <see cref="IGatewayPlatform"/> that keeps intent handlers itself (the
/// <c>ioactors</c> host does). When the registered platform implements it, the gateway reports the intent listeners
/// running instances add and remove, answers <c>io.intents</c> with the platform's handlers, and starts a handler app a
/// raise picked through it; otherwise <c>io.intents</c> reads the definitions' <c>intents</c> and a start is a plain start.
/// </summary>
public interface IGatewayIntents
{
    /// <summary>The app handlers (intents declared in definitions), in the order a raise without a target considers them.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The handlers (<see cref="GatewayIntentHandler.InstanceId"/> is <see langword="null"/>).</returns>
    Task<IReadOnlyList<GatewayIntentHandler>> GetIntentHandlersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Starts an app to handle a raised intent (<c>T42.ACS.StartApplication</c> marked <c>startedByIntentAPI</c>) and completes
    /// once the started instance listens for an intent, or fails naming why (the app failed to start, stopped, or added
    /// no listener in time).
    /// </summary>
    /// <param name="request">The start (<see cref="GatewayStartRequest.ByIntent"/> is set).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The listening instance.</returns>
    Task<GatewayInstance> StartIntentHandlerAsync(GatewayStartRequest request, CancellationToken cancellationToken);

    /// <summary>An instance's client registered an intent listener (<c>addIntentListener</c> or <c>register</c>). Must not block.</summary>
    /// <param name="listener">The listener (<see cref="GatewayIntentHandler.InstanceId"/> set).</param>
    void IntentListenerAdded(GatewayIntentHandler listener);

    /// <summary>An instance's client removed its listener for an intent. Must not block.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="intent">The intent.</param>
    void IntentListenerRemoved(string instanceId, string intent);

    /// <summary>An instance's connection ended: none of its listeners remains. Must not block.</summary>
    /// <param name="instanceId">The instance.</param>
    void IntentListenersEnded(string instanceId);
}

/// <summary>An intent handler as the gateway shows it: an app that declares the intent, or an instance that listens for it.</summary>
/// <param name="Intent">The intent's name.</param>
/// <param name="ApplicationName">The app.</param>
/// <param name="InstanceId">The listening instance, or <see langword="null"/> for an app handler.</param>
public sealed record GatewayIntentHandler(string Intent, string ApplicationName, string? InstanceId)
{
    /// <summary>The display name, when given. The default is <see langword="null"/>.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The context types it accepts. The default is none.</summary>
    public IReadOnlyList<string> ContextTypes { get; init; } = [];

    /// <summary>Its result type, when given. The default is <see langword="null"/>.</summary>
    public string? ResultType { get; init; }

    /// <summary>Custom properties, when given. The default is <see langword="null"/>.</summary>
    public JsonObject? CustomConfig { get; init; }
}
