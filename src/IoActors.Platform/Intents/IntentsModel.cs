using System.Text.Json.Nodes;

namespace IoActors.Platform.Intents;

/// <summary>
/// One handler of an intent: an app whose definition declares the intent (<see cref="InstanceId"/> is
/// <see langword="null"/>), or a running instance that added a listener for it (<c>addIntentListener</c>, <c>register</c>).
/// </summary>
/// <param name="Intent">The intent's name.</param>
/// <param name="ApplicationName">The app that handles it (for an instance: the instance's app).</param>
/// <param name="InstanceId">The listening instance, or <see langword="null"/> for an app handler.</param>
public sealed record IntentHandler(string Intent, string ApplicationName, string? InstanceId)
{
    /// <summary>The handler's display name for the intent, when given. The default is <see langword="null"/>.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The context types the handler accepts. The default is none.</summary>
    public IReadOnlyList<string> ContextTypes { get; init; } = [];

    /// <summary>The type of result the handler returns, when given. The default is <see langword="null"/>.</summary>
    public string? ResultType { get; init; }

    /// <summary>Custom properties of the handler, when given. The default is <see langword="null"/>.</summary>
    public JsonObject? CustomConfig { get; init; }

    /// <summary>Whether this is a running instance's listener (io.Connect's handler type <c>instance</c>) rather than an app (<c>app</c>).</summary>
    public bool IsInstance => InstanceId is not null;
}

/// <summary>An intent and its handlers, in the order the raise rule considers them.</summary>
/// <param name="Name">The intent's name.</param>
/// <param name="Handlers">The app handlers (apps by name), then the instance handlers (in the order their listeners were added).</param>
public sealed record Intent(string Name, IReadOnlyList<IntentHandler> Handlers);

/// <summary>What <c>io.intents.find</c> looks for; every criterion given must hold (none given: every intent).</summary>
public sealed record IntentFilter
{
    /// <summary>The intent's name (exact). The default is <see langword="null"/> (any).</summary>
    public string? Name { get; init; }

    /// <summary>A context type some handler accepts (ignoring case). The default is <see langword="null"/> (any).</summary>
    public string? ContextType { get; init; }

    /// <summary>A result type some handler returns (ignoring case). The default is <see langword="null"/> (any).</summary>
    public string? ResultType { get; init; }
}

/// <summary>What <c>io.intents.filterHandlers</c> looks for; every criterion given must hold.</summary>
public sealed record IntentHandlerFilter
{
    /// <summary>The intent's name (exact). The default is <see langword="null"/> (any).</summary>
    public string? Intent { get; init; }

    /// <summary>Context types the handler must all accept. The default is none (any).</summary>
    public IReadOnlyList<string> ContextTypes { get; init; } = [];

    /// <summary>The result type the handler must return (exact). The default is <see langword="null"/> (any).</summary>
    public string? ResultType { get; init; }

    /// <summary>Apps the handler must belong to. The default is none (any).</summary>
    public IReadOnlyList<string> ApplicationNames { get; init; } = [];
}

/// <summary>A raise: the intent, an optional target and the context.</summary>
/// <param name="Intent">The intent's name.</param>
public sealed record IntentRequest(string Intent)
{
    /// <summary>Only handlers of this app (its listening instances first, else a new instance). The default is <see langword="null"/>.</summary>
    public string? TargetApplication { get; init; }

    /// <summary>Only this running instance's listener. The default is <see langword="null"/>.</summary>
    public string? TargetInstance { get; init; }

    /// <summary>The context of the raise, passed as the start context when a handler app is started. The default is <see langword="null"/>.</summary>
    public JsonObject? Context { get; init; }

    /// <summary>The instance that raises, when it is one (the <c>startedBy</c> of a started handler). The default is <see langword="null"/>.</summary>
    public string? RaisedBy { get; init; }
}

/// <summary>The handler a raise goes to, once it listens.</summary>
/// <param name="Handler">The listening instance's handler.</param>
/// <param name="Started">Whether the raise started the instance.</param>
public sealed record IntentResolution(IntentHandler Handler, bool Started);

/// <summary>Why a raise could not reach a handler.</summary>
public enum IntentRaiseFailure
{
    /// <summary>No app declares the intent and no running instance listens for it.</summary>
    NoHandler,

    /// <summary>The target app or instance does not exist or does not handle the intent.</summary>
    UnknownTarget,

    /// <summary>The handler app could not be started, or its instance stopped before it listened.</summary>
    StartFailed,

    /// <summary>The started instance added no listener within <c>ioactors.intents.listenerTimeout</c>.</summary>
    Timeout,
}

/// <summary>A raise that cannot reach a handler; the message says why.</summary>
public sealed class IntentRaiseException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failure">Why.</param>
    /// <param name="message">The reason in words, naming the intent and the app or instance.</param>
    public IntentRaiseException(IntentRaiseFailure failure, string message)
        : base(message) => Failure = failure;

    /// <summary>Why the raise failed.</summary>
    public IntentRaiseFailure Failure { get; }
}
