using System.Net.Sockets;
using System.Text;
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

    [Fact]
    public async Task Events_DroppedClientThatNeverReadsAgain_IsDisconnected()
    {
        var hub = fixture.Host.App.Services.GetRequiredService<EventHub>();
        var disconnected = new TaskCompletionSource<SseClient>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDisconnected(SseClient c)
        {
            if (c.Accepts("NeverRead") && !c.Accepts("Bulk"))
            {
                disconnected.TrySetResult(c);
            }
        }

        hub.Disconnected += OnDisconnected;
        try
        {
            // A client with a tiny receive window that never reads: the host's writes to it block.
            var api = new Uri(fixture.Host.Url);
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
            await socket.ConnectAsync(api.Host, api.Port);
            await socket.SendAsync(Encoding.ASCII.GetBytes(
                $"GET /api/events?types=NeverRead HTTP/1.1\r\nHost: {api.Authority}\r\nAuthorization: Bearer {fixture.Host.Token}\r\nAccept: text/event-stream\r\n\r\n"));
            var dropped = hub.SlowClientsDisconnected;
            // 8 queued events hold twice what the sockets can (the send buffer grows to tcp_wmem's maximum; the receive buffer is 4 KB).
            var payload = "\"" + new string('x', Math.Max(1024 * 1024, MaxSendBuffer() / 4)) + "\"";
            for (var i = 0; i < 100_000 && hub.SlowClientsDisconnected == dropped; i++)
            {
                hub.Publish("NeverRead", payload);
            }

            hub.SlowClientsDisconnected.Should().Be(dropped + 1);
            var client = await disconnected.Task.WaitAsync(TimeSpan.FromSeconds(30));
            client.Overflowed.Should().BeTrue();

            // The connection was closed with data still unsent: what the sockets held arrives, then the end, without the final event.
            var received = new MemoryStream();
            var buffer = new byte[64 * 1024];
            try
            {
                int read;
                while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(30))) > 0)
                {
                    received.Write(buffer, 0, read);
                }
            }
            catch (SocketException)
            {
                // A reset: the same end.
            }

            var text = Encoding.UTF8.GetString(received.ToArray());
            text.Should().StartWith("HTTP/1.1 200");
            text.Should().NotContain("event: overflow", "the client took nothing in its grace period, so it was cut off");
        }
        finally
        {
            hub.Disconnected -= OnDisconnected;
        }
    }

    private static int MaxSendBuffer()
    {
        const string path = "/proc/sys/net/ipv4/tcp_wmem";
        return File.Exists(path) && int.TryParse(File.ReadAllText(path).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Last(), out var max) ? max : 4 * 1024 * 1024;
    }
}
