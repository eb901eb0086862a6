using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Internal;
using Xunit;

namespace IoActors.Gateway.Tests;

public sealed class BackpressureTests
{
    [Fact]
    public void Outbox_ClientFallsCapacityBehind_OverflowRaisedOnceAndFurtherSendsRefused()
    {
        var outbox = new Outbox(16);
        var overflows = 0;
        outbox.Overflowed += () => overflows++;

        var accepted = Enumerable.Range(0, 40).Count(i => outbox.Send(new JsonObject { ["i"] = i }));

        accepted.Should().Be(16);
        overflows.Should().Be(1);
        outbox.IsOpen.Should().BeFalse();
        outbox.Send(new JsonObject()).Should().BeFalse();
    }

    [Fact]
    public void Outbox_Closed_RefusesNewMessagesWithoutOverflow()
    {
        var outbox = new Outbox(16);
        var overflows = 0;
        outbox.Overflowed += () => overflows++;

        outbox.Close(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "bye");

        outbox.Send(new JsonObject()).Should().BeFalse();
        overflows.Should().Be(0);
    }
}
