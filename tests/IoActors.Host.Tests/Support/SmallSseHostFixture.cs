using IoActors.Host.Sse;

namespace IoActors.Host.Tests.Support;

/// <summary>A host whose event-stream clients may fall only 8 events behind.</summary>
public sealed class SmallSseHostFixture : HostFixture
{
    internal override SseOptions? SseOptions => new() { ReplayCapacity = 16, ClientCapacity = 8 };
}
