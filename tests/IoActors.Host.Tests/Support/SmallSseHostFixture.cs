using IoActors.Host.Sse;

namespace IoActors.Host.Tests.Support;

/// <summary>A host whose event-stream clients may fall only 8 events behind.</summary>
public sealed class SmallSseHostFixture : HostFixture
{
    internal override SseOptions? SseOptions => new() { ReplayCapacity = 16, ClientCapacity = 8 };
}

/// <summary>A host whose event streams send a keep-alive comment after 200 ms of quiet.</summary>
public sealed class HeartbeatSseHostFixture : HostFixture
{
    internal override SseOptions? SseOptions => new() { Heartbeat = TimeSpan.FromMilliseconds(200) };
}
