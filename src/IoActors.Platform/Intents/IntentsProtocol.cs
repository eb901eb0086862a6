using System.Text.Json.Nodes;
using IoActors.Platform.Instances;

namespace IoActors.Platform.Intents;

// ---- queries and commands to /user/platform/intents ----

/// <summary>Query: the intents with their handlers, those matching <paramref name="Filter"/>. Replies <see cref="IntentList"/>.</summary>
/// <param name="Filter">The filter, or <see langword="null"/> for every intent.</param>
internal sealed record GetIntents(IntentFilter? Filter = null);

/// <summary>Reply to <see cref="GetIntents"/>: intents in the order their first handler comes (apps by name, then listeners).</summary>
/// <param name="Intents">The intents.</param>
internal sealed record IntentList(IReadOnlyList<Intent> Intents);

/// <summary>Query: the handlers matching a filter (<c>filterHandlers</c>). Replies <see cref="IntentHandlerList"/>.</summary>
/// <param name="Filter">The filter.</param>
internal sealed record FilterIntentHandlers(IntentHandlerFilter Filter);

/// <summary>Reply to <see cref="FilterIntentHandlers"/>.</summary>
/// <param name="Handlers">The handlers, in the raise rule's order.</param>
internal sealed record IntentHandlerList(IReadOnlyList<IntentHandler> Handlers);

/// <summary>
/// A running instance added a listener for an intent (the gateway saw it register the intent's interop method). No reply.
/// A second listener of the same instance for the same intent replaces the first.
/// </summary>
/// <param name="Handler">The instance's handler (<see cref="IntentHandler.InstanceId"/> set).</param>
internal sealed record AddIntentListener(IntentHandler Handler);

/// <summary>An instance removed its listener for an intent. No reply.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Intent">The intent.</param>
internal sealed record RemoveIntentListener(string InstanceId, string Intent);

/// <summary>An instance's connection ended: all its listeners go. No reply.</summary>
/// <param name="InstanceId">The instance.</param>
internal sealed record RemoveInstanceListeners(string InstanceId);

/// <summary>
/// Resolves a raise to the handler it goes to (the raise rule), starting the handler app when the chosen handler is an
/// app, and waiting (<c>ioactors.intents.listenerTimeout</c>) for the started instance's listener. Replies
/// <see cref="IntentResolution"/>, or <c>Status.Failure</c> with an <see cref="IntentRaiseException"/>.
/// </summary>
/// <param name="Request">The raise.</param>
internal sealed record ResolveIntent(IntentRequest Request);

/// <summary>
/// Starts an app as an intent handler (the client picked it and asks the platform to start it) and waits
/// (<c>ioactors.intents.listenerTimeout</c>) until the started instance adds a listener — for <paramref name="Intent"/>, or
/// for any intent when it is <see langword="null"/>. Replies <see cref="IntentHandlerStarted"/>, or <c>Status.Failure</c>
/// with an <see cref="IntentRaiseException"/>.
/// </summary>
/// <param name="ApplicationName">The app to start.</param>
/// <param name="Intent">The intent to wait for, or <see langword="null"/>.</param>
/// <param name="Context">The start context, or <see langword="null"/>.</param>
/// <param name="Options">Start options, or <see langword="null"/>.</param>
/// <param name="StartedBy">Who starts it (kind <see cref="StartedByKind.Intent"/>).</param>
internal sealed record StartIntentHandler(string ApplicationName, string? Intent, JsonObject? Context, JsonObject? Options, StartedBy StartedBy);

/// <summary>Reply to <see cref="StartIntentHandler"/>: the instance runs and listens.</summary>
/// <param name="Instance">The started (or, for an app without <c>allowMultiple</c>, the running) instance.</param>
/// <param name="Handler">Its listener.</param>
internal sealed record IntentHandlerStarted(InstanceInfo Instance, IntentHandler Handler);
