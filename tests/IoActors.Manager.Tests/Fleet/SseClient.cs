namespace IoActors.Manager.Tests.Fleet;

/// <summary>One server-sent event: its id (offset), name and data.</summary>
public sealed record SseEvent(long Id, string Name, JsonElement Data)
{
    public override string ToString() => $"{Id} {Name} {Data.GetRawText()}";
}

/// <summary>
/// A GET /admin/events stream read line by line: <see cref="NextAsync"/> waits for the next event (comments such as the
/// heartbeat are counted in <see cref="Comments"/>), each wait bounded by a timeout, never a sleep.
/// </summary>
public sealed class SseClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseClient(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    /// <summary>The comment lines read so far (without the leading colon).</summary>
    public List<string> Comments { get; } = [];

    /// <summary>Opens the stream (as the admin unless told) and waits for the opening comment, so the server counts it.</summary>
    public static async Task<SseClient> OpenAsync(ManagerHost host, string query = "", Creds? creds = null, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, host.Route("/admin/events" + query));
        (creds ?? ManagerHost.Admin).Apply(request);
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        var response = await host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var text = await response.Content.ReadAsStringAsync();
            response.Dispose();
            throw new InvalidOperationException($"GET /admin/events{query} answered {(int)response.StatusCode}: {text}");
        }

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        var client = new SseClient(response, new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8));
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        var first = await client._reader.ReadLineAsync(timeout.Token);
        first.Should().StartWith(":", "the stream opens with a comment");
        client.Comments.Add(first![1..].Trim());
        return client;
    }

    /// <summary>The next event; fails when none arrives within the timeout.</summary>
    public async Task<SseEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        long? id = null;
        string? name = null;
        string? data = null;
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no event within {(timeout ?? DefaultTimeout).TotalSeconds} s");
            }

            if (line is null)
            {
                throw new EndOfStreamException("the server ended the stream");
            }

            if (line.Length == 0)
            {
                if (data is not null)
                {
                    id.Should().NotBeNull("every event has an id");
                    name.Should().NotBeNull("every event has a name");
                    using var document = JsonDocument.Parse(data);
                    return new SseEvent(id!.Value, name!, document.RootElement.Clone());
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                Comments.Add(line[1..].Trim());
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Should().BeNull("an event's data is one line");
                data = line[6..];
            }
            else if (!line.StartsWith("retry: ", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"unexpected line '{line}'");
            }
        }
    }

    /// <summary>Reads events until one matches <paramref name="last"/>; returns all read, that one included.</summary>
    public async Task<List<SseEvent>> UntilAsync(Func<SseEvent, bool> last, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var events = new List<SseEvent>();
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"the awaited event did not come; read: {string.Join(" | ", events)}");
            }

            var e = await NextAsync(left);
            events.Add(e);
            if (last(e))
            {
                return events;
            }
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> events.</summary>
    public async Task<List<SseEvent>> TakeAsync(int count, TimeSpan? timeout = null)
    {
        var events = new List<SseEvent>();
        while (events.Count < count)
        {
            events.Add(await NextAsync(timeout));
        }

        return events;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Posting platform batches in tests.</summary>
public static class FleetPosts
{
    /// <summary>A batch body with events of the given types (at 2026-12-02T10:00:0iZ, data {"i": i}).</summary>
    public static object Batch(string batch, params string[] types) => new
    {
        batch,
        events = types.Select((t, i) => new { type = t, at = $"2026-12-02T10:00:{i % 60:00}Z", data = new { i } }).ToArray(),
        dropped = 0,
    };

    /// <summary>Posts a batch that must be accepted; returns the accepted count.</summary>
    public static async Task<int> PostBatchAsync(this ManagerHost host, Creds creds, object body)
    {
        var answer = await (await host.PostAsync("/user/events", creds, body)).JsonAsync();
        return answer.GetProperty("accepted").GetInt32();
    }
}
