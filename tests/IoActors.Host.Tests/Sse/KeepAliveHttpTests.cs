using FluentAssertions;
using IoActors.Host.Tests.Support;

namespace IoActors.Host.Tests.Sse;

/// <summary>A quiet event stream sends keep-alive comments, so a reader can tell it from a dead connection.</summary>
public sealed class KeepAliveHttpTests(HeartbeatSseHostFixture fixture) : IClassFixture<HeartbeatSseHostFixture>
{
    [Fact]
    public async Task A_quiet_stream_sends_keep_alive_comments_and_still_carries_events()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        using var response = await fixture.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        // No Last-Event-ID: only live events come, and none is due, so the stream is quiet until the heartbeat.
        await ReadUntilAsync(reader, ": keep-alive");
        await ReadUntilAsync(reader, ": keep-alive");

        using var import = await fixture.Client.PostAsync("/api/apps/import?merge=true", new StringContent(
            """{ "name": "keep-alive-app", "type": "window", "details": { "url": "http://127.0.0.1:1/" } }""", System.Text.Encoding.UTF8, "application/json"));
        import.IsSuccessStatusCode.Should().BeTrue();
        await ReadUntilAsync(reader, "event: AppAdded");
        await ReadUntilAsync(reader, ": keep-alive");
        (await fixture.Client.DeleteAsync("/api/apps/keep-alive-app")).Dispose();
    }

    private static async Task ReadUntilAsync(StreamReader reader, string wanted)
    {
        var read = Task.Run(async () =>
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line == wanted)
                {
                    return;
                }
            }

            throw new EndOfStreamException($"the stream ended before '{wanted}'");
        });
        await read.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
