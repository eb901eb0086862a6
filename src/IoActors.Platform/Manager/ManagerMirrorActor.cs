using Akka.Actor;
using Akka.Event;
using IoActors.Apps.Stores;
using IoActors.Platform.Layouts;
using IoActors.Platform.Preferences;

namespace IoActors.Platform.Manager;

/// <summary>What the mirror needs besides the session and the local actors.</summary>
/// <param name="User">The platform's own user: only this user's preferences are mirrored and imported.</param>
/// <param name="ServerStoreId">The io.Manager app store's id: its first load starts the import.</param>
/// <param name="Clock">The clock of timestamps on imported layouts.</param>
internal sealed record ManagerMirrorSettings(string User, string ServerStoreId, TimeProvider Clock)
{
    /// <summary>The most bytes of changes waiting for io.Manager; a change past it is dropped (and logged). The default is 8 MiB.</summary>
    public long MaxQueueBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>The first retry delay while io.Manager cannot be reached; it doubles up to <see cref="MaxBackoff"/>. The default is 1 s.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest retry delay. The default is 60 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest answer read from io.Manager (<c>server.maxPayloadSize</c>). The default is 64 MiB.</summary>
    public long MaxAnswerBytes { get; init; } = 64L * 1024 * 1024;
}

/// <summary>
/// Keeps io.Manager's copy of the platform user's app preferences and of the layouts in step with the local persistent
/// actors, which stay authoritative (at /user/platform/manager-mirror). After each persisted change (the actors' events) the
/// change is queued and sent, one request at a time, in order; a newer change of the same app or layout replaces one still
/// queued. The queue is bounded in bytes (<see cref="ManagerMirrorSettings.MaxQueueBytes"/>): a change past it is dropped
/// and logged. While io.Manager cannot be reached (network errors, 5xx, 408, 429, a 401 that a new session does not cure) the
/// change at the head is retried with a doubling backoff, and the outage is logged once; any other refusal drops the change,
/// logged with io.Manager's problem details. Nothing here holds up a local answer.
/// At start, once the io.Manager app store loaded from io.Manager itself (so the session is open), the user's preferences and
/// layouts (and the default layout) are read from io.Manager and replace the local ones; the queue waits until then.
/// </summary>
internal sealed partial class ManagerMirrorActor : ReceiveActor, IWithTimers
{
    /// <summary>The token of the layout changes the import makes (their events are not sent back).</summary>
    public const string ImportToken = "ioactors:io.manager-import";

    private const string RetryTimer = "retry";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ManagerSession _session;
    private readonly ManagerMirrorSettings _settings;
    private readonly IActorRef _prefs;
    private readonly IActorRef _layouts;
    private readonly LinkedList<MirrorChange> _queue = new();
    private readonly List<IActorRef> _importWaiters = [];
    private readonly List<IActorRef> _flushWaiters = [];

    // Layout (type, name) → io.Manager's id, from its answers.
    private readonly Dictionary<(string Type, string Name), string> _ids = [];
    private long _queuedBytes;
    private bool _importStarted;
    private bool _imported;
    private bool _sending;
    private int _failures;
    private bool _outageLogged;
    private int _dropped;

    public ManagerMirrorActor(ManagerSession session, ManagerMirrorSettings settings, IActorRef prefs, IActorRef layouts)
    {
        _session = session;
        _settings = settings;
        _prefs = prefs;
        _layouts = layouts;
        Receive<PreferencesChanged>(OnPreferences);
        Receive<LayoutEvent>(OnLayout);
        Receive<StoreLoaded>(m => m.StoreId == _settings.ServerStoreId, m =>
        {
            if (m.FromCache)
            {
                Skip($"the io.Manager store served its cache (io.Manager did not answer at start)");
            }
            else
            {
                StartImport();
            }
        });
        Receive<StoreFailed>(m => m.StoreId == _settings.ServerStoreId, m => Skip($"the io.Manager store could not load: {m.Cause}"));
        Receive<StoreLoaded>(_ => { });
        Receive<StoreFailed>(_ => { });
        Receive<ImportFinished>(OnImported);
        Receive<WaitForManagerImport>(_ =>
        {
            if (_imported)
            {
                Sender.Tell(ManagerImportDone.Instance, Self);
            }
            else
            {
                _importWaiters.Add(Sender);
            }
        });
        Receive<FlushManagerMirror>(_ =>
        {
            _flushWaiters.Add(Sender);
            AnswerFlushWaiters();
        });
        Receive<Delivered>(OnDelivered);
        Receive<RetryNow>(_ => SendNext());
    }

    /// <summary>Injected by Akka.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ManagerSession session, ManagerMirrorSettings settings, IActorRef prefs, IActorRef layouts) =>
        Akka.Actor.Props.Create(() => new ManagerMirrorActor(session, settings, prefs, layouts));

    /// <summary>
    /// Subscribes the mirror to what it follows. Called by its parent right after creating it, before the stores and the
    /// actors that change anything start (an actor's own PreStart runs later, on its mailbox): no change and no store load is missed.
    /// </summary>
    public static void Subscribe(EventStream stream, IActorRef mirror)
    {
        stream.Subscribe(mirror, typeof(PreferencesChanged));
        stream.Subscribe(mirror, typeof(LayoutEvent));
        stream.Subscribe(mirror, typeof(StoreLoaded));
        stream.Subscribe(mirror, typeof(StoreFailed));
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        if (_queue.Count > 0)
        {
            _log.Warning("io.Manager mirror stopped with {Count} changes not delivered ({Bytes} bytes)", _queue.Count, _queuedBytes);
        }
    }

    private void OnPreferences(PreferencesChanged m)
    {
        if (m.FromServer || m.User != _settings.User)
        {
            return;
        }

        // A clear publishes empty preferences that were never updated.
        Enqueue(m.Preferences.LastUpdate is null
            ? new PrefsDeleteChange(m.Preferences.App)
            : new PrefsSetChange(m.Preferences.App, m.Preferences.Data.GetRawText()));
    }

    private void OnLayout(LayoutEvent m)
    {
        if (m.Token == ImportToken)
        {
            return;
        }

        MirrorChange? change = m switch
        {
            LayoutAdded a => new LayoutSaveChange(a.Layout.Type, a.Layout.Name, ManagerWire.Definition(a.Layout)),
            LayoutChanged c => new LayoutSaveChange(c.Layout.Type, c.Layout.Name, ManagerWire.Definition(c.Layout)),
            LayoutRemoved r => new LayoutDeleteChange(r.Layout.Type, r.Layout.Name),
            LayoutRenamed r => new LayoutRenameChange(r.Layout.Type, r.OldName, r.Layout.Name, ManagerWire.Definition(r.Layout)),
            DefaultLayoutChanged d => new DefaultLayoutChange(d.Name),
            _ => null,
        };
        if (change is not null)
        {
            Enqueue(change);
        }
    }

    private void Enqueue(MirrorChange change)
    {
        // A newer change of the same thing replaces a queued one (not the one being sent), when nothing queued after it
        // touches that thing: the order of what reaches io.Manager stays the order of the changes.
        var last = _queue.Last;
        while (last is not null && !(_sending && last == _queue.First) && !Touches(last.Value, change))
        {
            last = last.Previous;
        }

        if (last is not null && !(_sending && last == _queue.First) && last.Value.Key == change.Key)
        {
            _queuedBytes -= last.Value.Bytes;
            _queue.Remove(last);
        }

        if (change.Bytes > _settings.MaxQueueBytes || _queuedBytes + change.Bytes > _settings.MaxQueueBytes)
        {
            _dropped++;
            if (_dropped == 1 || change.Bytes > _settings.MaxQueueBytes)
            {
                _log.Warning("io.Manager mirror: {Change} is dropped: the changes waiting for io.Manager would take {Bytes} bytes, more than {Limit}; io.Manager misses it until it changes again",
                    change.Describe, _queuedBytes + change.Bytes, _settings.MaxQueueBytes);
            }

            return;
        }

        _queue.AddLast(change);
        _queuedBytes += change.Bytes;
        SendNext();
    }

    // Whether two changes touch the same preferences, layout or default.
    private static bool Touches(MirrorChange queued, MirrorChange change) =>
        queued.Key == change.Key || (queued, change) switch
        {
            (LayoutRenameChange r, LayoutSaveChange or LayoutDeleteChange) => Names(r).Contains(change.Key),
            (LayoutSaveChange or LayoutDeleteChange, LayoutRenameChange r) => Names(r).Contains(queued.Key),
            (LayoutRenameChange, LayoutRenameChange) => true,
            (DefaultLayoutChange { Name: { } d }, LayoutSaveChange or LayoutDeleteChange or LayoutRenameChange) => Touches(new LayoutDeleteChange(LayoutTypes.Global, d), change),
            (LayoutSaveChange or LayoutDeleteChange or LayoutRenameChange, DefaultLayoutChange { Name: { } d }) => Touches(queued, new LayoutDeleteChange(LayoutTypes.Global, d)),
            _ => false,
        };

    private static string[] Names(LayoutRenameChange r) => [$"layout:{r.Type}/{r.OldName}", $"layout:{r.Type}/{r.NewName}"];

    private void SendNext()
    {
        if (!_imported || _sending || _queue.First is not { } head || Timers.IsTimerActive(RetryTimer))
        {
            return;
        }

        _sending = true;
        var change = head.Value;
        var ids = new Dictionary<(string, string), string>(_ids);
        SendAsync(change, ids).PipeTo(Self, Self, outcome => new Delivered(change, outcome), e => new Delivered(change, Outcome.Retry($"{e.GetType().Name}: {e.Message}")));
    }

    private void OnDelivered(Delivered m)
    {
        _sending = false;
        if (_queue.First?.Value != m.Change)
        {
            return;
        }

        var outcome = m.Outcome;
        if (outcome.Kind == OutcomeKind.Retry)
        {
            _failures++;
            var delay = TimeSpan.FromTicks(Math.Min(_settings.MaxBackoff.Ticks, _settings.MinBackoff.Ticks * (1L << Math.Min(_failures - 1, 30))));
            if (!_outageLogged)
            {
                _outageLogged = true;
                _log.Warning("io.Manager cannot be reached ({Change} failed: {Cause}); {Count} changes wait and are retried (next in {Delay})", m.Change.Describe, outcome.Cause, _queue.Count, delay);
            }

            Timers.StartSingleTimer(RetryTimer, RetryNow.Instance, delay);
            Context.System.EventStream.Publish(new ManagerChangeRetrying(m.Change.Describe, delay, outcome.Cause!, _queue.Count));
            AnswerFlushWaiters();
            return;
        }

        _queue.RemoveFirst();
        _queuedBytes -= m.Change.Bytes;
        foreach (var (key, id) in outcome.Ids)
        {
            if (id is null)
            {
                _ids.Remove(key);
            }
            else
            {
                _ids[key] = id;
            }
        }

        if (_outageLogged)
        {
            _log.Info("io.Manager is reachable again after {Failures} failed attempts{Dropped}", _failures, _dropped > 0 ? $"; {_dropped} changes were dropped meanwhile (the queue was full)" : string.Empty);
        }

        _failures = 0;
        _outageLogged = false;
        _dropped = 0;
        if (outcome.Kind == OutcomeKind.Refused)
        {
            _log.Warning("io.Manager refused {Change}; it is not sent again: {Cause}", m.Change.Describe, outcome.Cause);
        }

        Context.System.EventStream.Publish(new ManagerChangeDelivered(m.Change.Describe, outcome.Kind == OutcomeKind.Refused ? outcome.Cause : null));
        SendNext();
        AnswerFlushWaiters();
    }

    // A flush is over when nothing waits, when io.Manager cannot be reached (a retry is pending) or before the import (nothing is sent yet).
    private void AnswerFlushWaiters()
    {
        if (_flushWaiters.Count == 0 || (_imported && _queue.Count > 0 && !Timers.IsTimerActive(RetryTimer)))
        {
            return;
        }

        foreach (var waiter in _flushWaiters)
        {
            waiter.Tell(new ManagerMirrorFlushed(_queue.Count), Self);
        }

        _flushWaiters.Clear();
    }

    private enum OutcomeKind
    {
        Done,
        Refused,
        Retry,
    }

    /// <summary>How sending one change ended, with the layout ids io.Manager's answers taught (null: the id is gone).</summary>
    private sealed record Outcome(OutcomeKind Kind, string? Cause, IReadOnlyList<((string Type, string Name) Key, string? Id)> Ids)
    {
        public static Outcome Done(params ((string, string), string?)[] ids) => new(OutcomeKind.Done, null, ids);

        public static Outcome Refused(string cause) => new(OutcomeKind.Refused, cause, []);

        public static Outcome Retry(string cause) => new(OutcomeKind.Retry, cause, []);
    }

    private sealed record Delivered(MirrorChange Change, Outcome Outcome);

    private sealed record RetryNow
    {
        public static RetryNow Instance { get; } = new();
    }
}
