using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using IoActors.Platform.Instances;

namespace IoActors.Platform.Intents;

/// <summary>
/// Raises: the raise rule (a target instance's listener; else a target app's first listening instance, else a new
/// instance of it; without a target the first listener added, else the first app by name that declares the intent),
/// the start of a handler app through the instance manager, and the wait — bounded by
/// <c>ioactors.intents.listenerTimeout</c> from the start request — for the started instance's listener. A raise that
/// cannot succeed fails at once, naming why: no handler, an unknown target, a failed start, its instance stopping.
/// </summary>
internal sealed partial class IntentsActor
{
    // How many ended instances are remembered for starts whose answer has not arrived yet.
    private const int MaxEndedEarly = 256;

    // Raises waiting for a started instance's listener, by request number.
    private readonly Dictionary<long, Pending> _pending = [];

    // Instances that stopped or failed while a start had not been answered yet: instance id → how it ended.
    private readonly Dictionary<string, string> _endedEarly = new(StringComparer.Ordinal);
    private long _nextRequest;

    private void ReceiveStart()
    {
        Receive<ResolveIntent>(m => Resolve(m.Request));
        Receive<StartIntentHandler>(m =>
        {
            if (!_apps.TryGetValue(m.ApplicationName, out var app))
            {
                Fail(Sender, IntentRaiseFailure.UnknownTarget, $"No app named '{m.ApplicationName}' is registered, so it cannot be started to handle {Describe(m.Intent)}.");
                return;
            }

            Start(app, m.Intent, m.Context is null ? null : JsonSerializer.SerializeToElement(m.Context), m.Options, m.StartedBy, Sender, started => new IntentHandlerStarted(started.Instance, started.Handler));
        });
        Receive<HandlerStarted>(OnStarted);
        Receive<HandlerStartFailed>(m =>
        {
            if (_pending.Remove(m.Request, out var pending))
            {
                Timers.Cancel(m.Request);
                var reason = m.Cause is InstanceStartException start ? start.Reason : m.Cause.Message;
                Fail(pending.ReplyTo, IntentRaiseFailure.StartFailed, $"The handler app '{pending.AppName}' of {Describe(pending.Intent)} failed to start: {reason}");
            }
        });
        Receive<ListenerTimedOut>(m =>
        {
            if (_pending.Remove(m.Request, out var pending))
            {
                var instance = pending.Instance is { } i ? $" (instance {i.Id})" : string.Empty;
                Fail(pending.ReplyTo, IntentRaiseFailure.Timeout,
                    $"The handler app '{pending.AppName}'{instance} added no listener for {Describe(pending.Intent)} within {_settings.ListenerTimeout.TotalSeconds:0.###} s ({IntentsSettings.ListenerTimeoutKey}).");
            }
        });
        Receive<InstanceStopped>(m =>
        {
            _listeners.RemoveAll(l => l.InstanceId == m.InstanceId);
            FailWaitingFor(m.InstanceId, $"stopped ({m.Reason})");
        });
        Receive<InstanceStartFailed>(m => FailWaitingFor(m.InstanceId, $"failed to start: {m.Reason}"));
    }

    private void Resolve(IntentRequest request)
    {
        var intent = request.Intent;
        var listeners = _listeners.Where(l => l.Intent == intent).ToList();
        var apps = _apps.Values.Where(a => a.Intents.Any(i => i.Intent == intent)).ToList();
        if (request.TargetInstance is { } instance)
        {
            if (listeners.FirstOrDefault(l => l.InstanceId == instance && (request.TargetApplication is null || l.ApplicationName == request.TargetApplication)) is { } target)
            {
                Sender.Tell(new IntentResolution(target, false));
            }
            else
            {
                Fail(Sender, IntentRaiseFailure.UnknownTarget, $"The instance '{instance}'{Of(request.TargetApplication)} has no listener for {Describe(intent)}.");
            }

            return;
        }

        if (request.TargetApplication is { } appName)
        {
            if (listeners.FirstOrDefault(l => l.ApplicationName == appName) is { } running)
            {
                Sender.Tell(new IntentResolution(running, false));
            }
            else if (!_apps.TryGetValue(appName, out var app))
            {
                Fail(Sender, IntentRaiseFailure.UnknownTarget, $"The target app '{appName}' of {Describe(intent)} is not registered.");
            }
            else if (!app.Intents.Any(i => i.Intent == intent))
            {
                Fail(Sender, IntentRaiseFailure.UnknownTarget, $"The target app '{appName}' does not handle {Describe(intent)}: its definition does not declare it and none of its instances listens for it.");
            }
            else
            {
                StartFor(app, request);
            }

            return;
        }

        if (listeners.Count > 0)
        {
            Sender.Tell(new IntentResolution(listeners[0], false));
        }
        else if (apps.Count > 0)
        {
            StartFor(apps[0], request);
        }
        else
        {
            Fail(Sender, IntentRaiseFailure.NoHandler, $"No app declares {Describe(intent)} and no running instance listens for it.");
        }
    }

    private void StartFor(DeclaredApp app, IntentRequest request)
    {
        var by = new StartedBy(null, request.RaisedBy, StartedByKind.Intent);
        var context = request.Context is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(request.Context);
        Start(app, request.Intent, context, null, by, Sender, started => new IntentResolution(started.Handler, true));
    }

    private void Start(DeclaredApp app, string? intent, JsonElement? context, System.Text.Json.Nodes.JsonObject? options, StartedBy by, IActorRef replyTo, Func<(InstanceInfo Instance, IntentHandler Handler), object> reply)
    {
        var request = ++_nextRequest;
        _pending[request] = new Pending(app.Definition.Name, intent, replyTo, reply);
        // Armed before the start is asked for: the bound covers the start and the listener.
        Timers.StartSingleTimer(request, new ListenerTimedOut(request), _settings.ListenerTimeout);
        _instances.Ask<InstanceStartResult>(new StartInstance(app.Definition, context, options, by), _settings.ListenerTimeout + TimeSpan.FromSeconds(5))
            .PipeTo(Self, Self, r => new HandlerStarted(request, r), ex => new HandlerStartFailed(request, ex is AggregateException { InnerException: { } inner } ? inner : ex));
    }

    private void OnStarted(HandlerStarted m)
    {
        if (!_pending.TryGetValue(m.Request, out var pending))
        {
            return;
        }

        var instance = m.Result.Instance;
        pending.Instance = instance;
        if (_endedEarly.Remove(instance.Id, out var ended))
        {
            // The instance ended before its start's answer got here (the event and the answer travel separately).
            FailWaitingFor(instance.Id, ended);
            return;
        }

        if (_listeners.FirstOrDefault(l => l.InstanceId == instance.Id && (pending.Intent is null || l.Intent == pending.Intent)) is { } listening)
        {
            Complete(m.Request, pending, listening);
        }
    }

    // A listener arrived: it completes the raises waiting for its instance (and for its intent, when they name one).
    private void OnListening(IntentHandler handler)
    {
        foreach (var (request, pending) in _pending.ToList())
        {
            if (pending.Instance?.Id == handler.InstanceId && (pending.Intent is null || pending.Intent == handler.Intent))
            {
                Complete(request, pending, handler);
            }
        }
    }

    private void Complete(long request, Pending pending, IntentHandler handler)
    {
        _pending.Remove(request);
        Timers.Cancel(request);
        pending.ReplyTo.Tell(pending.Reply((pending.Instance!, handler)));
    }

    private void FailWaitingFor(string instanceId, string what)
    {
        var failed = false;
        foreach (var (request, pending) in _pending.ToList())
        {
            if (pending.Instance?.Id == instanceId)
            {
                failed = true;
                _pending.Remove(request);
                Timers.Cancel(request);
                Fail(pending.ReplyTo, IntentRaiseFailure.StartFailed, $"The handler app '{pending.AppName}' (instance {instanceId}) of {Describe(pending.Intent)} {what} before it added a listener.");
            }
        }

        // A start still waiting for its answer may be this instance's: kept (bounded) for OnStarted.
        if (!failed && _pending.Values.Any(p => p.Instance is null))
        {
            if (_endedEarly.Count >= MaxEndedEarly)
            {
                _endedEarly.Remove(_endedEarly.Keys.First());
            }

            _endedEarly[instanceId] = what;
        }
        else if (_endedEarly.Count > 0 && !_pending.Values.Any(p => p.Instance is null))
        {
            _endedEarly.Clear();
        }
    }

    private void Fail(IActorRef replyTo, IntentRaiseFailure failure, string message)
    {
        _log.Info("Raise failed: {Reason}", message);
        replyTo.Tell(new Status.Failure(new IntentRaiseException(failure, message)));
    }

    private static string Describe(string? intent) => intent is null ? "an intent" : $"the intent '{intent}'";

    private static string Of(string? app) => app is null ? string.Empty : $" of app '{app}'";

    private sealed class Pending(string appName, string? intent, IActorRef replyTo, Func<(InstanceInfo Instance, IntentHandler Handler), object> reply)
    {
        public string AppName { get; } = appName;

        public string? Intent { get; } = intent;

        public IActorRef ReplyTo { get; } = replyTo;

        public Func<(InstanceInfo Instance, IntentHandler Handler), object> Reply { get; } = reply;

        // Set once the instance manager answered the start.
        public InstanceInfo? Instance { get; set; }
    }

    private sealed record HandlerStarted(long Request, InstanceStartResult Result);

    private sealed record HandlerStartFailed(long Request, Exception Cause);

    private sealed record ListenerTimedOut(long Request);
}
