using System.Text.Json.Nodes;

namespace IoActors.Gateway.Platform;

/// <summary>An app as the gateway shows it to clients.</summary>
/// <param name="Name">The app's unique name.</param>
/// <param name="Type">The app type ("node", "exe", "window", ...).</param>
/// <param name="Title">The display title, when set.</param>
/// <param name="Definition">The app definition as JSON, returned by <c>getConfigurations()</c> and <c>inMemory.export()</c>.</param>
public sealed record GatewayApplication(string Name, string Type, string? Title, JsonObject Definition)
{
    /// <summary>Whether the app may run more than one instance. The default is <see langword="true"/>.</summary>
    public bool AllowMultiple { get; init; } = true;

    /// <summary>Whether the app starts at boot. The default is <see langword="false"/>.</summary>
    public bool AutoStart { get; init; }

    /// <summary>Whether the app is hidden from launchers. The default is <see langword="false"/>.</summary>
    public bool Hidden { get; init; }

    /// <summary>The app's caption, when set. The default is <see langword="null"/>.</summary>
    public string? Caption { get; init; }

    /// <summary>The app's version, when set. The default is <see langword="null"/>.</summary>
    public string? Version { get; init; }

    /// <summary>The app's icon URL, when set. The default is <see langword="null"/>.</summary>
    public string? Icon { get; init; }

    /// <summary>The app's custom properties. The default is <see langword="null"/> (none).</summary>
    public JsonObject? UserProperties { get; init; }

    /// <summary>The app's keywords. The default is none.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];
}

/// <summary>A running instance as the gateway shows it to clients.</summary>
/// <param name="Id">The instance id.</param>
/// <param name="ApplicationName">The app it is an instance of.</param>
public sealed record GatewayInstance(string Id, string ApplicationName)
{
    /// <summary>The OS process id, when there is one. The default is <see langword="null"/>.</summary>
    public int? ProcessId { get; init; }

    /// <summary>The start context, when one was given. The default is <see langword="null"/>.</summary>
    public JsonObject? Context { get; init; }

    /// <summary>When the instance was started, when known. The default is <see langword="null"/>.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The instance's title, when known. The default is <see langword="null"/>.</summary>
    public string? Title { get; init; }

    /// <summary>The instance id of the instance that started this one, when known. The default is <see langword="null"/>.</summary>
    public string? StartedBy { get; init; }

    /// <summary>The name of the app that started this one, when known. The default is <see langword="null"/>.</summary>
    public string? StartedByApplication { get; init; }

    /// <summary>How it was started, as <c>startedBy()</c> reports it: <see cref="StartedByApplicationKind"/>, <see cref="StartedByIntent"/> or <see cref="StartedByAutoStart"/>. The default is <see cref="StartedByApplicationKind"/>.</summary>
    public string StartedByKind { get; init; } = StartedByApplicationKind;

    /// <summary>Started by an app, or by whoever hosts the platform (its API).</summary>
    public const string StartedByApplicationKind = "application";

    /// <summary>Started to handle a raised intent.</summary>
    public const string StartedByIntent = "intent";

    /// <summary>Started by the platform at boot.</summary>
    public const string StartedByAutoStart = "autoStart";
}

/// <summary>A request to start an instance (<c>T42.ACS.StartApplication</c>).</summary>
/// <param name="ApplicationName">The app to start.</param>
public sealed record GatewayStartRequest(string ApplicationName)
{
    /// <summary>The start context the caller passed. The default is <see langword="null"/>.</summary>
    public JsonObject? Context { get; init; }

    /// <summary>The start options the caller passed (without the gateway's own markers). The default is <see langword="null"/>.</summary>
    public JsonObject? Options { get; init; }

    /// <summary>The instance id of the caller, when the caller is an instance. The default is <see langword="null"/>.</summary>
    public string? StartedBy { get; init; }

    /// <summary>Whether the start handles a raised intent (the client marks it <c>startedByIntentAPI</c>). The default is <see langword="false"/>.</summary>
    public bool ByIntent { get; init; }
}

/// <summary>An in-memory store command from <c>T42.ACS.InMemoryStoreCommand</c>.</summary>
/// <param name="Kind">"import", "export", "remove" or "clear".</param>
/// <param name="Apps">The app definitions (import) as JSON objects; empty otherwise.</param>
/// <param name="Names">The app names (remove); empty otherwise.</param>
/// <param name="Replace">For import: replace all in-memory definitions (true) or merge (false).</param>
public sealed record GatewayInMemoryCommand(string Kind, IReadOnlyList<JsonObject> Apps, IReadOnlyList<string> Names, bool Replace);

/// <summary>The result of an in-memory store command.</summary>
/// <param name="Imported">Names of the definitions imported (import).</param>
/// <param name="Errors">Per-app errors (import): app name and message.</param>
/// <param name="Exported">The in-memory definitions (export).</param>
public sealed record GatewayInMemoryResult(IReadOnlyList<string> Imported, IReadOnlyList<GatewayInMemoryError> Errors, IReadOnlyList<JsonObject> Exported)
{
    /// <summary>An empty result.</summary>
    public static GatewayInMemoryResult Empty { get; } = new([], [], []);

    /// <summary>
    /// For import: the definitions stored but not in effect, because a store the conflict rule ranks higher defines the
    /// same name (they are not in <see cref="Imported"/>). The default is none.
    /// </summary>
    public IReadOnlyList<GatewayInMemoryShadowed> Shadowed { get; init; } = [];
}

/// <summary>An imported definition that another store's definition of the same name hides.</summary>
/// <param name="App">The app name.</param>
/// <param name="By">The id of the store whose definition is in effect.</param>
/// <param name="Reason">Why, in words (the conflict rule).</param>
public sealed record GatewayInMemoryShadowed(string App, string By, string Reason);

/// <summary>One definition an import rejected.</summary>
/// <param name="App">The app name (or its index when it has none).</param>
/// <param name="Error">Why it was rejected.</param>
public sealed record GatewayInMemoryError(string App, string Error);

/// <summary>Something that happened in the platform that clients hear about on <c>T42.ACS.OnEvent</c>.</summary>
public abstract record GatewayPlatformEvent;

/// <summary>An app was added to the registry.</summary>
/// <param name="Application">The new app.</param>
public sealed record GatewayAppAdded(GatewayApplication Application) : GatewayPlatformEvent;

/// <summary>An app was removed from the registry.</summary>
/// <param name="Application">The removed app.</param>
public sealed record GatewayAppRemoved(GatewayApplication Application) : GatewayPlatformEvent;

/// <summary>An app's definition changed.</summary>
/// <param name="Application">The app as it is now.</param>
public sealed record GatewayAppChanged(GatewayApplication Application) : GatewayPlatformEvent;

/// <summary>An app became available (or unavailable).</summary>
/// <param name="Application">The app.</param>
/// <param name="IsReady">Whether it is available.</param>
public sealed record GatewayAppReady(GatewayApplication Application, bool IsReady) : GatewayPlatformEvent;

/// <summary>An instance started.</summary>
/// <param name="Instance">The instance.</param>
public sealed record GatewayInstanceStarted(GatewayInstance Instance) : GatewayPlatformEvent;

/// <summary>An instance stopped.</summary>
/// <param name="Instance">The instance.</param>
public sealed record GatewayInstanceStopped(GatewayInstance Instance) : GatewayPlatformEvent;

/// <summary>An instance changed (title, context, ...).</summary>
/// <param name="Instance">The instance as it is now.</param>
public sealed record GatewayInstanceUpdated(GatewayInstance Instance) : GatewayPlatformEvent;

/// <summary>Starting an instance failed.</summary>
/// <param name="Instance">The instance that failed to start.</param>
/// <param name="Reason">Why.</param>
public sealed record GatewayInstanceStartFailed(GatewayInstance Instance, string Reason) : GatewayPlatformEvent;
