namespace IoActors.Host.Sse;

/// <summary>Sizes of the event stream's buffers, in events and in bytes (UTF-8 of the event data).</summary>
internal sealed record SseOptions
{
    /// <summary>Events kept for Last-Event-ID resumption. The default is 1000.</summary>
    public int ReplayCapacity { get; init; } = 1000;

    /// <summary>Bytes of event data kept for resumption; the oldest events leave first. The default is 16 MiB.</summary>
    public long ReplayMaxBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Events queued for one client before it counts as too slow and is disconnected. The default is 4096.</summary>
    public int ClientCapacity { get; init; } = 4096;

    /// <summary>Bytes of event data queued for one client before it counts as too slow. The default is 16 MiB.</summary>
    public long ClientMaxBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// How long a client found too slow gets to take what is queued for it and the final <c>overflow</c> event; then its
    /// connection is closed whatever it still holds. The default is 5 s.
    /// </summary>
    public TimeSpan DisconnectGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a stream may stay quiet before a <c>: keep-alive</c> comment is sent, so a reader can tell a quiet stream
    /// from a dead connection (the dashboard reconnects after three times this without data). The default is 15 s.
    /// </summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(15);
}
