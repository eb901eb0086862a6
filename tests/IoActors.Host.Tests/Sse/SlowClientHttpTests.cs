using FluentAssertions;
using IoActors.Host.Sse;
using IoActors.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IoActors.Host.Tests.Sse;

public sealed class SlowClientHttpTests(SmallSseHostFixture fixture) : IClassFixture<SmallSseHostFixture>
{
    [Fact]
    public async Task Events_ClientThatStopsReading_GetsAFinalOverflowEventAndIsDisconnected()
    {
        var hub = fixture.Host.App.Services.GetRequiredService<EventHub>();
        await using var stream = await SseReader.OpenAsync(fixture.Client, "/api/events?types=Bulk");
        var payload = "\"" + new string('x', 256 * 1024) + "\"";

        // The reader does not read: the sockets' buffers fill, then the client's 8-event queue, then it is cut off.
        for (var i = 0; i < 100_000 && hub.SlowClientsDisconnected == 0; i++)
        {
            hub.Publish("Bulk", payload);
        }

        hub.SlowClientsDisconnected.Should().Be(1);
        var last = await stream.NextAsync();
        while (last.Type == "Bulk")
        {
            last = await stream.NextAsync();
        }

        last.Type.Should().Be("overflow");
        var end = async () => await stream.NextAsync();
        await end.Should().ThrowAsync<EndOfStreamException>();
    }
}
