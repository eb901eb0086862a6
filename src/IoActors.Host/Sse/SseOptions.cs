namespace IoActors.Host.Sse;

/// <summary>Sizes of the event stream's buffers.</summary>
internal sealed record SseOptions
{
    /// <summary>Events kept for Last-Event-ID resumption. The default is 1000.</summary>
    public int ReplayCapacity { get; init; } = 1000;

    /// <summary>Events queued for one client before it counts as too slow and is disconnected. The default is 4096.</summary>
    public int ClientCapacity { get; init; } = 4096;
}
