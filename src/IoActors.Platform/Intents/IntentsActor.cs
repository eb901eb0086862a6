using System.Text.Json;
using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Event;
using IoActors.Apps.Definitions;
using IoActors.Apps.Registry;
using IoActors.Platform.Instances;

namespace IoActors.Platform.Intents;

/// <summary>
/// /user/platform/intents: the intent handlers of the platform. App handlers are the <c>intents</c> the registered
/// definitions declare (FDC3 <c>interop.intents.listensFor</c> is converted into them), kept in step with the registry's
/// events; instance handlers are the listeners running instances add, removed when they remove them, when their
/// connection ends or when the instance stops. It answers the intents queries and resolves raises: the raise rule,
/// the start of a handler app through the instance manager and the bounded wait for its listener (the Start part).
/// </summary>
internal sealed partial class IntentsActor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _registry;
    private readonly IActorRef _instances;
    private readonly IntentsSettings _settings;

    // Registered apps by name (ordinal order: the order app handlers are listed and chosen in), with their declared intents.
    private readonly SortedDictionary<string, DeclaredApp> _apps = new(StringComparer.Ordinal);

    // Instance listeners in the order they were added (the first is chosen first).
    private readonly List<IntentHandler> _listeners = [];

    public IntentsActor(IActorRef registry, IActorRef instances, IntentsSettings settings)
    {
        _registry = registry;
        _instances = instances;
        _settings = settings;

        Receive<RegistrySubscribed>(_ => { });
        Receive<RegistryReset>(m =>
        {
            _apps.Clear();
            foreach (var app in m.Apps)
            {
                Declare(app.Definition);
            }
        });
        Receive<AppAdded>(m => Declare(m.App.Definition));
        Receive<AppChanged>(m => Declare(m.Current.Definition));
        Receive<AppRemoved>(m => _apps.Remove(m.App.Name));

        Receive<GetIntents>(m => Sender.Tell(new IntentList(Find(m.Filter))));
        Receive<FilterIntentHandlers>(m => Sender.Tell(new IntentHandlerList(Filter(m.Filter))));
        Receive<AddIntentListener>(m => OnListenerAdded(m.Handler));
        Receive<RemoveIntentListener>(m => _listeners.RemoveAll(l => l.InstanceId == m.InstanceId && l.Intent == m.Intent));
        Receive<RemoveInstanceListeners>(m => _listeners.RemoveAll(l => l.InstanceId == m.InstanceId));

        ReceiveStart();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef registry, IActorRef instances, IntentsSettings settings) =>
        Akka.Actor.Props.Create(() => new IntentsActor(registry, instances, settings));

    protected override void PreStart()
    {
        _registry.Tell(new SubscribeRegistry(Self), Self);
        Context.System.EventStream.Subscribe(Self, typeof(InstanceStopped));
        Context.System.EventStream.Subscribe(Self, typeof(InstanceStartFailed));
    }

    /// <summary>
    /// A restart keeps the listeners (they come back to the new instance as messages; the apps come back from the
    /// registry's replay) and fails the raises that wait, naming the cause.
    /// </summary>
    protected override void PreRestart(Exception reason, object message)
    {
        foreach (var listener in _listeners)
        {
            Self.Tell(new AddIntentListener(listener), Self);
        }

        foreach (var pending in _pending.Values)
        {
            Fail(pending.ReplyTo, IntentRaiseFailure.StartFailed, $"The raise of {Describe(pending.Intent)} to the handler app '{pending.AppName}' was interrupted: the intents actor restarted ({reason.Message}).");
        }

        _pending.Clear();
        base.PreRestart(reason, message);
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
    }

    private void Declare(AppDefinition definition) => _apps[definition.Name] = new DeclaredApp(definition, DeclaredIntents(definition));

    /// <summary>The well-formed entries of a definition's <c>intents</c> (a non-empty string <c>name</c>); others are skipped.</summary>
    internal static IReadOnlyList<IntentHandler> DeclaredIntents(AppDefinition definition)
    {
        if (!definition.Json.TryGetProperty("intents", out var intents) || intents.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var handlers = new List<IntentHandler>();
        foreach (var intent in intents.EnumerateArray())
        {
            if (intent.ValueKind != JsonValueKind.Object || !intent.TryGetProperty("name", out var name)
                || name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 } text
                || handlers.Any(h => h.Intent == text))
            {
                continue;
            }

            handlers.Add(new IntentHandler(text, definition.Name, null)
            {
                DisplayName = String(intent, "displayName"),
                ContextTypes = Strings(intent, "contexts"),
                ResultType = String(intent, "resultType"),
                CustomConfig = intent.TryGetProperty("customConfig", out var custom) && custom.ValueKind == JsonValueKind.Object ? JsonObject.Create(custom.Clone()) : null,
            });
        }

        return handlers;
    }

    private static string? String(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IReadOnlyList<string> Strings(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];

    /// <summary>Every handler: app handlers (apps by name, each app's intents in declaration order), then listeners in the order added.</summary>
    private IEnumerable<IntentHandler> Handlers() => _apps.Values.SelectMany(a => a.Intents).Concat(_listeners);

    private List<Intent> All()
    {
        var byName = new Dictionary<string, List<IntentHandler>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var handler in Handlers())
        {
            if (!byName.TryGetValue(handler.Intent, out var list))
            {
                byName[handler.Intent] = list = [];
                order.Add(handler.Intent);
            }

            list.Add(handler);
        }

        return [.. order.Select(n => new Intent(n, byName[n]))];
    }

    private List<Intent> Find(IntentFilter? filter)
    {
        IEnumerable<Intent> intents = All();
        if (filter?.Name is { } name)
        {
            intents = intents.Where(i => i.Name == name);
        }

        if (filter?.ContextType is { } contextType)
        {
            intents = intents.Where(i => i.Handlers.Any(h => h.ContextTypes.Any(c => string.Equals(c, contextType, StringComparison.OrdinalIgnoreCase))));
        }

        if (filter?.ResultType is { } resultType)
        {
            intents = intents.Where(i => i.Handlers.Any(h => string.Equals(h.ResultType, resultType, StringComparison.OrdinalIgnoreCase)));
        }

        return [.. intents];
    }

    private List<IntentHandler> Filter(IntentHandlerFilter filter) =>
        [.. Handlers().Where(h =>
            (filter.Intent is null || h.Intent == filter.Intent)
            && (filter.ResultType is null || h.ResultType == filter.ResultType)
            && (filter.ContextTypes ?? []).All(c => h.ContextTypes.Contains(c, StringComparer.Ordinal))
            && (filter.ApplicationNames is not { Count: > 0 } names || names.Contains(h.ApplicationName, StringComparer.Ordinal)))];

    private void OnListenerAdded(IntentHandler handler)
    {
        if (handler.InstanceId is not { Length: > 0 } instanceId || string.IsNullOrEmpty(handler.Intent) || string.IsNullOrEmpty(handler.ApplicationName))
        {
            return;
        }

        handler = handler with { ContextTypes = [.. (handler.ContextTypes ?? []).Where(c => c is not null)] };

        // Information the listener leaves out comes from the app's declaration of the intent, as the client does it.
        var declared = _apps.TryGetValue(handler.ApplicationName, out var app) ? app.Intents.FirstOrDefault(i => i.Intent == handler.Intent) : null;
        var complete = declared is null ? handler : handler with
        {
            DisplayName = handler.DisplayName ?? declared.DisplayName,
            ContextTypes = handler.ContextTypes.Count > 0 ? handler.ContextTypes : declared.ContextTypes,
            ResultType = declared.ResultType ?? handler.ResultType,
            CustomConfig = handler.CustomConfig ?? declared.CustomConfig,
        };
        var index = _listeners.FindIndex(l => l.InstanceId == instanceId && l.Intent == handler.Intent);
        if (index >= 0)
        {
            _listeners[index] = complete;
        }
        else
        {
            _listeners.Add(complete);
        }

        OnListening(complete);
    }

    private sealed record DeclaredApp(AppDefinition Definition, IReadOnlyList<IntentHandler> Intents);
}
