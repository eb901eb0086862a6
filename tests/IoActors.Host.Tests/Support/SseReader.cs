namespace IoActors.Host.Tests.Support;

/// <summary>Reads server-sent events from a response, one event at a time.</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private SseReader(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _reader = new StreamReader(stream);
    }

    public static async Task<SseReader> OpenAsync(HttpClient client, string path, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>
    /// The next event that <paramref name="wanted"/> takes, skipping others. A stream opened without Last-Event-ID carries
    /// what the hub numbers after the connect, and under load its pump may still be numbering events from before it
    /// (the boot's, say): a test that waits for its own change skips those.
    /// </summary>
    public async Task<(long Id, string Type, string Data)> NextAsync(Func<(long Id, string Type, string Data), bool> wanted)
    {
        while (true)
        {
            var e = await NextAsync();
            if (wanted(e))
            {
                return e;
            }
        }
    }

    public async Task<(long Id, string Type, string Data)> NextAsync()
    {
        long id = 0;
        string? type = null;
        string? data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(_timeout.Token) ?? throw new EndOfStreamException("the event stream ended");
            if (line.Length == 0)
            {
                if (type is not null || data is not null)
                {
                    return (id, type ?? "message", data ?? string.Empty);
                }

                continue;
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _timeout.Dispose();
        return ValueTask.CompletedTask;
    }
}
