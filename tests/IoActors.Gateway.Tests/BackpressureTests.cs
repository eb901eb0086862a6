using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Gateway.Internal;
using Xunit;

namespace IoActors.Gateway.Tests;

public sealed class BackpressureTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    [Fact]
    public void Outbox_BytesBeyondTheLimit_CutOffOnceWithAReason_QueueDroppedAndFurtherSendsRefused()
    {
        var outbox = new Outbox(10_000, Grace);
        var reasons = new List<string>();
        outbox.Overflowed += reasons.Add;
        var payload = new byte[1000];

        var accepted = Enumerable.Range(0, 40).Count(_ => outbox.SendRaw(payload));

        accepted.Should().Be(10_000 / (1000 + Outbox.MessageOverhead), "the queue holds as many messages as fit in the limit");
        reasons.Should().ContainSingle().Which.Should().Contain("10000 bytes");
        outbox.IsOpen.Should().BeFalse();
        outbox.PendingBytes.Should().Be(0, "what waited is dropped when the client is cut off, not kept for it");
        outbox.SendRaw(payload).Should().BeFalse();
    }

    [Fact]
    public void Outbox_ManyTinyMessages_CountTheirOverheadAgainstTheLimit()
    {
        var outbox = new Outbox(4096, Grace);

        var accepted = Enumerable.Range(0, 1000).Count(_ => outbox.SendRaw([(byte)'1']));

        accepted.Should().Be(4096 / (1 + Outbox.MessageOverhead));
    }

    [Fact]
    public void Outbox_OneMessageLargerThanTheLimit_IsTakenWhenNothingWaits()
    {
        var outbox = new Outbox(4096, Grace);

        outbox.SendRaw(new byte[100_000]).Should().BeTrue("a single reply bigger than the limit still goes out");
        outbox.SendRaw(new byte[10]).Should().BeFalse("behind it the queue is full");
    }

    [Fact]
    public void Outbox_Closed_RefusesNewMessagesWithoutOverflow()
    {
        var outbox = new Outbox(4096, Grace);
        var overflows = 0;
        outbox.Overflowed += _ => overflows++;

        outbox.Close(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "bye");

        outbox.Send(new JsonObject()).Should().BeFalse();
        overflows.Should().Be(0);
    }
}
