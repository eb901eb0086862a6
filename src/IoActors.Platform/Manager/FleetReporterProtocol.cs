namespace IoActors.Platform.Manager;

/// <summary>How the fleet reporter batches, bounds and retries (<c>server.events</c>, and fixed rules of the wire contract).</summary>
/// <param name="Clock">The clock of the events' times and of the batch deadlines (the actor timers run on Akka's scheduler).</param>
internal sealed record FleetReporterSettings(TimeProvider Clock)
{
    /// <summary>The default <see cref="ShutdownDeadline"/>: 2 s.</summary>
    public static readonly TimeSpan DefaultShutdownDeadline = TimeSpan.FromSeconds(2);

    /// <summary>A batch goes as soon as this many events wait (<c>server.events.batchSize</c>). The default is 200.</summary>
    public int BatchSize { get; init; } = 200;

    /// <summary>A batch goes at the latest this long after its oldest event was seen (<c>server.events.flushInterval</c>). The default is 1 s.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The most events waiting (<c>server.events.maxQueued</c>). The default is 10000.</summary>
    public int MaxQueued { get; init; } = 10_000;

    /// <summary>The most bytes of event JSON waiting (<c>server.events.maxQueuedBytes</c>). The default is 8 MiB.</summary>
    public long MaxQueuedBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>The most bytes of event JSON in one batch (well under io.Manager's request limit). The default is 1 MiB.</summary>
    public long MaxBatchBytes { get; init; } = 1024 * 1024;

    /// <summary>The first retry delay (before jitter); it doubles up to <see cref="MaxBackoff"/>. The default is 1 s.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest retry delay (before jitter). The default is 60 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one waits this long. The default is 10 minutes.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the flush at shutdown may take, whatever io.Manager does. The default is 2 s.</summary>
    public TimeSpan ShutdownDeadline { get; init; } = DefaultShutdownDeadline;

    /// <summary>A number in [0, 1) per retry: the delay is between half and all of the backoff. The default is <see cref="Random.Shared"/>.</summary>
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;
}

/// <summary>
/// Asks the fleet reporter to send what is queued now, batch after batch, and to answer <see cref="FleetReportFlushed"/> once
/// nothing is left, once io.Manager cannot be reached (a batch failed, or it asked to wait with <c>Retry-After</c>), or at
/// <see cref="FleetReporterSettings.ShutdownDeadline"/> at the latest (the request in flight is then abandoned). Sent before
/// goodbye at shutdown.
/// </summary>
internal sealed record FlushFleetReport
{
    public static FlushFleetReport Instance { get; } = new();
}

/// <summary>Base of what the fleet reporter publishes on the event stream (for tests and diagnostics).</summary>
internal abstract record FleetReporterEvent;

/// <summary>The answer to <see cref="FlushFleetReport"/> (also published): the events not delivered, and whether the deadline ended the flush.</summary>
internal sealed record FleetReportFlushed(int Remaining, bool TimedOut) : FleetReporterEvent;

/// <summary>Published when the batch timer is armed: <paramref name="Queued"/> events wait and a batch goes in <paramref name="Delay"/>.</summary>
internal sealed record FleetBatchScheduled(int Queued, TimeSpan Delay) : FleetReporterEvent;

/// <summary>Published when a batch failed and is sent again, with the same id, after <paramref name="Delay"/> (the retry timer is armed).</summary>
internal sealed record FleetBatchRetrying(string Batch, int Events, TimeSpan Delay, int Status, string Cause) : FleetReporterEvent;

/// <summary>Published when a batch was accepted (<paramref name="Refusal"/> null) or refused for good by io.Manager.</summary>
internal sealed record FleetBatchSent(string Batch, int Events, long Dropped, int Status, string? Refusal) : FleetReporterEvent;

/// <summary>Published when a flush began and its deadline timer is armed.</summary>
internal sealed record FleetFlushStarted(int Pending, TimeSpan Deadline) : FleetReporterEvent;

/// <summary>Asks the fleet reporter for its <see cref="FleetReporterState"/> (diagnostics and tests).</summary>
internal sealed record GetFleetReporterState
{
    public static GetFleetReporterState Instance { get; } = new();
}

/// <summary>Where the fleet reporter is.</summary>
/// <param name="Queued">The events waiting (not in the batch in flight).</param>
/// <param name="QueuedBytes">Their bytes of JSON.</param>
/// <param name="Dropped">The events dropped since the last accepted batch that are not in a batch yet.</param>
/// <param name="Batch">The id of the batch in flight or waiting for its retry, or <see langword="null"/>.</param>
/// <param name="Sending">Whether a request is out.</param>
/// <param name="RetryPending">Whether the retry timer is armed.</param>
internal sealed record FleetReporterState(int Queued, long QueuedBytes, long Dropped, string? Batch, bool Sending, bool RetryPending);
