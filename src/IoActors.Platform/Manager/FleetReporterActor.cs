using System.Net.Http.Headers;
using System.Text;
using Akka.Actor;
using Akka.Event;
using IoActors.Apps.Stores;
using IoActors.Platform.Boot;
using IoActors.Platform.Instances;

namespace IoActors.Platform.Manager;

/// <summary>
/// Sends the platform's instance and boot events to io.Manager (at /user/platform/fleet-reporter, with <c>server.enabled</c>
/// and <c>server.events.enabled</c>): <c>POST {server.url}/user/events</c> through the platform's session, the body
/// <c>{"batch": id, "events": [{type, at, data}], "dropped": n}</c> (see <see cref="FleetEventJson"/>). A batch goes when
/// <see cref="FleetReporterSettings.BatchSize"/> events wait or <see cref="FleetReporterSettings.FlushInterval"/> after its
/// oldest event was seen; one batch is in flight at a time. The waiting events are bounded by count and bytes
/// (<see cref="FleetEventQueue"/>): when full the oldest are dropped, and <c>dropped</c> tells io.Manager how many since the
/// last accepted batch. A 2xx answer delivers the batch; network errors, timeouts, 5xx, 408, 429 and a 401 that a new session
/// does not cure send the same batch (same id) again after a jittered backoff from 1 s doubling to 60 s, or after
/// <c>Retry-After</c> when io.Manager asks for longer; any other 4xx refuses it for good (logged once, dropped; the same
/// refusal again only at debug level until a batch is accepted). Nothing here waits: the requests run on the pool and their
/// results come back as messages.
/// </summary>
internal sealed class FleetReporterActor : ReceiveActor, IWithTimers
{
    private const string BatchTimer = "batch";
    private const string RetryTimer = "retry";
    private const string DeadlineTimer = "deadline";
    private const long MaxAnswerBytes = 64 * 1024;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ManagerSession _session;
    private readonly FleetReporterSettings _settings;
    private readonly Uri _url;
    private readonly FleetEventQueue _queue;
    private readonly List<IActorRef> _flushWaiters = [];
    private Batch? _batch;
    private bool _sending;
    private bool _waitingForRetryAfter;
    private CancellationTokenSource? _request;
    private int _failures;
    private bool _outageLogged;
    private bool _dropsLogged;
    private string? _lastRefusal;

    public FleetReporterActor(ManagerSession session, FleetReporterSettings settings)
    {
        _session = session;
        _settings = settings;
        _url = session.Resolve("user/events");
        _queue = new FleetEventQueue(settings.MaxQueued, settings.MaxQueuedBytes);
        Receive<InstanceEvent>(OnEvent);
        Receive<BootEvent>(OnEvent);
        Receive<BatchDue>(_ => Schedule());
        Receive<RetryDue>(_ =>
        {
            _waitingForRetryAfter = false;
            Send();
        });
        Receive<Sent>(OnSent);
        Receive<FlushFleetReport>(_ => OnFlush());
        Receive<FlushDeadline>(_ => AnswerFlush(timedOut: true));
        Receive<GetFleetReporterState>(_ => Sender.Tell(new FleetReporterState(_queue.Count, _queue.Bytes, _queue.Dropped, _batch?.Id, _sending, Timers.IsTimerActive(RetryTimer)), Self));
    }

    /// <summary>Injected by Akka.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ManagerSession session, FleetReporterSettings settings) =>
        Akka.Actor.Props.Create(() => new FleetReporterActor(session, settings));

    /// <summary>
    /// Subscribes the reporter to every instance and boot event. Called by its parent right after creating it, before the
    /// boot and the instance manager exist (an actor's own PreStart runs later, on its mailbox): no event is missed.
    /// </summary>
    public static void Subscribe(EventStream stream, IActorRef reporter)
    {
        stream.Subscribe(reporter, typeof(InstanceEvent));
        stream.Subscribe(reporter, typeof(BootEvent));
    }

    protected override void PostRestart(Exception reason)
    {
        // PreRestart's PostStop unsubscribed it; what was queued is lost with the failed incarnation.
        base.PostRestart(reason);
        Subscribe(Context.System.EventStream, Self);
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _request?.Cancel();
        _request?.Dispose();
        var left = _queue.Count + (_batch?.Events ?? 0);
        if (left > 0)
        {
            _log.Warning("{Count} platform events were not delivered to io.Manager ({Url}) before the reporter stopped", left, _url);
        }
    }

    private void OnEvent(object e)
    {
        var now = _settings.Clock.GetUtcNow();
        var json = FleetEventJson.Serialize(e, now);
        if (json is null)
        {
            return;
        }

        if (_queue.Enqueue(json, now) > 0 && !_dropsLogged)
        {
            _dropsLogged = true;
            _log.Warning("Platform events for io.Manager are dropped, the oldest first: {Count} wait ({Bytes} bytes; server.events.maxQueued {MaxCount}, maxQueuedBytes {MaxBytes}); io.Manager is told how many with the next batch it accepts",
                _queue.Count, _queue.Bytes, _settings.MaxQueued, _settings.MaxQueuedBytes);
        }

        Schedule();
    }

    // Starts the next batch when one is due (full, old enough, or a flush), else arms the batch timer once.
    private void Schedule()
    {
        if (_batch is not null || _queue.OldestAt is not { } oldest)
        {
            return;
        }

        var due = oldest + _settings.FlushInterval - _settings.Clock.GetUtcNow();
        if (_flushWaiters.Count > 0 || _queue.Count >= _settings.BatchSize || due <= TimeSpan.Zero)
        {
            Timers.Cancel(BatchTimer);
            StartBatch();
            return;
        }

        if (!Timers.IsTimerActive(BatchTimer))
        {
            Timers.StartSingleTimer(BatchTimer, BatchDue.Instance, due);
            Context.System.EventStream.Publish(new FleetBatchScheduled(_queue.Count, due));
        }
    }

    private void StartBatch()
    {
        var (events, dropped) = _queue.Take(_settings.BatchSize, _settings.MaxBatchBytes);
        var id = Guid.NewGuid().ToString("N");
        var body = new StringBuilder(events.Sum(e => e.Json.Length) + events.Count + 96);
        body.Append("{\"batch\":\"").Append(id).Append("\",\"events\":[");
        for (var i = 0; i < events.Count; i++)
        {
            body.Append(i == 0 ? string.Empty : ",").Append(events[i].Json);
        }

        body.Append("],\"dropped\":").Append(dropped).Append('}');
        _batch = new Batch(id, body.ToString(), events.Count, dropped);
        Send();
    }

    private void Send()
    {
        if (_batch is not { } batch || _sending)
        {
            return;
        }

        _sending = true;
        _request?.Dispose();
        _request = new CancellationTokenSource();
        var body = batch.Body;
        HttpContent Content()
        {
            var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return content;
        }

        _session.SendAsync(HttpMethod.Post, _url, Content, MaxAnswerBytes, "the limit of an events answer", null, _request.Token)
            .PipeTo(Self, Self, result => new Sent(batch, result), e => new Sent(batch, FetchResult.Failure(_url.ToString(),
                e is OperationCanceledException ? $"POST {_url} was abandoned (the shutdown's deadline passed)" : $"POST {_url} failed: {e.GetType().Name}: {e.Message}")));
    }

    private void OnSent(Sent m)
    {
        if (!ReferenceEquals(m.Batch, _batch))
        {
            return;
        }

        _sending = false;
        var result = m.Result;
        if (result.IsSuccess)
        {
            Delivered(m.Batch, result);
        }
        else if (result.Error is not null || result.Status is 401 or 408 or 429 or >= 500)
        {
            Retry(m.Batch, result);
        }
        else
        {
            // Refused for good: logged once, dropped; its drop count goes with the next batch.
            // The same refusal again (an io.Manager without the route answers 404 to every batch) is logged at debug level
            // until a batch is accepted.
            var cause = ManagerWire.Describe(result, "POST");
            if (cause != _lastRefusal)
            {
                _log.Warning("io.Manager refused a batch of {Count} platform events (batch {Batch}); it is dropped and not sent again: {Cause}", m.Batch.Events, m.Batch.Id, cause);
                _lastRefusal = cause;
            }
            else
            {
                _log.Debug("io.Manager refused a batch of {Count} platform events (batch {Batch}) as the one before: {Cause}", m.Batch.Events, m.Batch.Id, cause);
            }

            _queue.Restore(m.Batch.Dropped);
            Done(new FleetBatchSent(m.Batch.Id, m.Batch.Events, m.Batch.Dropped, result.Status, cause));
        }
    }

    private void Delivered(Batch batch, FetchResult result)
    {
        if (_outageLogged)
        {
            _log.Info("io.Manager takes platform events again after {Failures} failed attempts", _failures);
        }

        _failures = 0;
        _outageLogged = false;
        _dropsLogged = false;
        _lastRefusal = null;
        Done(new FleetBatchSent(batch.Id, batch.Events, batch.Dropped, result.Status, null));
    }

    private void Done(FleetBatchSent sent)
    {
        _batch = null;
        Context.System.EventStream.Publish(sent);
        Schedule();
        if (_flushWaiters.Count > 0 && _batch is null && _queue.Count == 0)
        {
            AnswerFlush(timedOut: false);
        }
    }

    private void Retry(Batch batch, FetchResult result)
    {
        _failures++;
        var backoff = Math.Min(_settings.MaxBackoff.Ticks, _settings.MinBackoff.Ticks * (1L << Math.Min(_failures - 1, 30)));
        var delay = TimeSpan.FromTicks((long)(backoff * (0.5 + (0.5 * Math.Clamp(_settings.Jitter(), 0, 1)))));
        var asked = result.Error is null && result.RetryAfter is { } retryAfter ? (retryAfter < _settings.MaxRetryAfter ? retryAfter : _settings.MaxRetryAfter) : TimeSpan.Zero;
        _waitingForRetryAfter = asked > TimeSpan.Zero;
        if (asked > delay)
        {
            delay = asked;
        }

        var cause = ManagerWire.Describe(result, "POST");
        if (!_outageLogged)
        {
            _outageLogged = true;
            _log.Warning("io.Manager does not take platform events ({Cause}); the batch of {Count} is sent again in {Delay}, {Queued} more wait", cause, batch.Events, delay, _queue.Count);
        }

        Timers.StartSingleTimer(RetryTimer, RetryDue.Instance, delay);
        Context.System.EventStream.Publish(new FleetBatchRetrying(batch.Id, batch.Events, delay, result.Status, cause));
        if (_flushWaiters.Count > 0)
        {
            // io.Manager cannot be reached: the flush is over.
            AnswerFlush(timedOut: false);
        }
    }

    private void OnFlush()
    {
        _flushWaiters.Add(Sender);
        if (_batch is null && _queue.Count == 0)
        {
            AnswerFlush(timedOut: false);
            return;
        }

        if (_flushWaiters.Count > 1)
        {
            return;
        }

        if (_batch is not null && !_sending && _waitingForRetryAfter)
        {
            // io.Manager asked to wait longer than a shutdown can.
            AnswerFlush(timedOut: false);
            return;
        }

        Timers.StartSingleTimer(DeadlineTimer, FlushDeadline.Instance, _settings.ShutdownDeadline);
        Context.System.EventStream.Publish(new FleetFlushStarted(_queue.Count + (_batch?.Events ?? 0), _settings.ShutdownDeadline));
        if (_batch is not null && !_sending)
        {
            // Waiting for a backoff: one more attempt now.
            Timers.Cancel(RetryTimer);
            Send();
        }
        else
        {
            Schedule();
        }
    }

    private void AnswerFlush(bool timedOut)
    {
        if (_flushWaiters.Count == 0)
        {
            return;
        }

        Timers.Cancel(DeadlineTimer);
        if (timedOut && _sending)
        {
            // The request in flight is abandoned; its batch is retried (if the platform still runs).
            _request?.Cancel();
        }

        var flushed = new FleetReportFlushed(_queue.Count + (_batch?.Events ?? 0), timedOut);
        foreach (var waiter in _flushWaiters)
        {
            waiter.Tell(flushed, Self);
        }

        _flushWaiters.Clear();
        Context.System.EventStream.Publish(flushed);
    }

    /// <summary>One batch: its id and body, kept for every attempt, how many events it holds and the drop count it tells.</summary>
    private sealed record Batch(string Id, string Body, int Events, long Dropped);

    private sealed record Sent(Batch Batch, FetchResult Result);

    private sealed record BatchDue
    {
        public static BatchDue Instance { get; } = new();
    }

    private sealed record RetryDue
    {
        public static RetryDue Instance { get; } = new();
    }

    private sealed record FlushDeadline
    {
        public static FlushDeadline Instance { get; } = new();
    }
}
