using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IoActors.Host.Sse;

/// <summary>
/// GET /api/events: the server-sent event stream (Last-Event-ID or ?lastEventId= resumes, ?types=A,B* filters). A resume
/// the replay buffer cannot serve whole starts with <c>event: gap</c>: <c>{"missed": N}</c> when older events are gone, or
/// <c>{"missed": null, "reset": true}</c> when the id is past this stream's last (an earlier run of the host numbered it).
/// </summary>
internal static class SseEndpoint
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/events", StreamAsync);
    }

    private static async Task StreamAsync(HttpContext context, EventHub hub)
    {
        var request = context.Request;
        long? lastId = null;
        var header = request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["lastEventId"].FirstOrDefault();
        if (header is not null)
        {
            if (!long.TryParse(header, out var parsed) || parsed < 0)
            {
                await Results.Problem(statusCode: 400, title: "Bad Last-Event-ID", detail: $"Last-Event-ID '{header}' is not a non-negative event number").ExecuteAsync(context);
                return;
            }

            lastId = parsed;
        }

        HashSet<string>? types = null;
        if (request.Query["types"].FirstOrDefault() is { Length: > 0 } list)
        {
            types = new HashSet<string>(list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
        }

        var client = hub.Connect(lastId, types);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";

        // A stream that ends (the client was too slow, the host stops) ends its connection too.
        response.Headers.Connection = "close";

        // Writes end when the client leaves or, once it was dropped as too slow, when its grace period runs out.
        using var writes = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, client.Cutoff);
        var ct = writes.Token;
        try
        {
            await WriteAsync(response, $": connected, last event {hub.LastId}\nretry: 2000\n\n", ct);
            if (client.Missed > 0)
            {
                await WriteAsync(response, $"event: gap\ndata: {{\"missed\":{client.Missed}}}\n\n", ct);
            }
            else if (client.Reset)
            {
                await WriteAsync(response, $"event: gap\ndata: {{\"missed\":null,\"reset\":true,\"lastEventId\":{hub.LastId}}}\n\n", ct);
            }

            var reader = client.Reader;
            while (await WaitOrKeepAliveAsync(response, reader, hub.Heartbeat, ct))
            {
                var builder = new StringBuilder();
                // Batches of about 64 KB: what waits in the queue is not copied into one big string.
                while (builder.Length < 64 * 1024 && reader.TryRead(out var e))
                {
                    builder.Append("id: ").Append(e.Id).Append("\nevent: ").Append(e.Type).Append("\ndata: ").Append(e.Data).Append("\n\n");
                }

                await WriteAsync(response, builder.ToString(), ct);
            }

            if (client.Overflowed)
            {
                await WriteAsync(response, "event: overflow\ndata: {\"reason\":\"client too slow; reconnect with Last-Event-ID to resume\"}\n\n", ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            if (client.Cutoff.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
            {
                // A dropped client that did not take its last events in time: close the connection, unsent data and all.
                context.Abort();
            }
        }
        finally
        {
            hub.Disconnect(client);
        }
    }

    // Waits for events; each time the stream has been quiet for the heartbeat, a comment goes out instead.
    private static async Task<bool> WaitOrKeepAliveAsync(HttpResponse response, System.Threading.Channels.ChannelReader<SseEvent> reader, TimeSpan heartbeat, CancellationToken ct)
    {
        var waiting = reader.WaitToReadAsync(ct);
        if (waiting.IsCompleted)
        {
            return await waiting;
        }

        var next = waiting.AsTask();
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(ct);
        while (true)
        {
            var delay = Task.Delay(heartbeat, quiet.Token);
            if (await Task.WhenAny(next, delay) == next)
            {
                quiet.Cancel();
                return await next;
            }

            await WriteAsync(response, ": keep-alive\n\n", ct);
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken ct)
    {
        await response.WriteAsync(text, ct);
        await response.Body.FlushAsync(ct);
    }
}
