using IoActors.Hocon;

namespace IoActors.Platform.Configuration;

/// <summary>
/// The platform's instance and boot events sent to io.Manager (<c>server.events</c>, an IoActors addition): batched
/// <c>POST {server.url}/user/events</c> with the session, bounded in memory, retried while io.Manager cannot be reached.
/// Only with <c>server.enabled</c>.
/// </summary>
public sealed class ServerEventsOptions
{
    /// <summary>The most events in one batch (<see cref="BatchSize"/> may be at most this).</summary>
    public const int MaxBatchSize = 1000;

    /// <summary>The smallest <see cref="MaxQueuedBytes"/>: room for a few events of the largest size (16 KiB of data each).</summary>
    public const long MinQueuedBytes = 64 * 1024;

    /// <summary>Whether the events are sent (with <c>server.enabled</c>). The default is <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A batch goes as soon as this many events wait (1 to 1000). The default is 200.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>A batch goes at the latest this long after its first event was queued. The default is 1 s.</summary>
    public HoconDuration FlushInterval { get; set; } = HoconDuration.FromMilliseconds(1000);

    /// <summary>The most events waiting; past it the oldest are dropped (and counted). The default is 10000.</summary>
    public int MaxQueued { get; set; } = 10_000;

    /// <summary>The most bytes of event JSON waiting; past it the oldest are dropped (and counted). The default is 8 MiB.</summary>
    public HoconByteSize MaxQueuedBytes { get; set; } = HoconByteSize.Parse("8MiB");
}
