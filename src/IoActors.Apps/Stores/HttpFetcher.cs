using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;

namespace IoActors.Apps.Stores;

/// <summary>HTTP plumbing shared by the REST and io.Manager stores: client construction and one request with a virtual-time timeout.</summary>
internal static class HttpFetcher
{
    /// <summary>Creates a client: proxy, default credentials (negotiate/kerberos), certificate validation, no client-side timeout
    /// (timeouts are driven by the system's TimeProvider).</summary>
    public static HttpClient CreateClient(Uri? proxy, bool defaultCredentials, bool rejectUnauthorized)
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = Timeout.InfiniteTimeSpan,
        };
        if (proxy is not null)
        {
            handler.Proxy = new WebProxy(proxy) { UseDefaultCredentials = defaultCredentials };
            handler.UseProxy = true;
        }

        if (defaultCredentials)
        {
            handler.Credentials = CredentialCache.DefaultCredentials;
        }

        if (!rejectUnauthorized)
        {
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true };
        }

        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// Sends a request and reads the whole body, within <paramref name="timeout"/> measured on <paramref name="clock"/>; a body
    /// (after decompression) of more than <paramref name="maxBytes"/> is not read: the result is a failure naming the limit
    /// (<paramref name="limit"/>).
    /// </summary>
    /// <returns>The response, or a failure naming the URL and the cause; never throws for network errors.</returns>
    public static async Task<FetchResult> SendAsync(HttpClient client, HttpRequestMessage request, TimeSpan timeout, TimeProvider clock, long maxBytes, string limit, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.ToString();
        var what = $"{request.Method} {url}";
        using var cts = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cts.Token, cancellationToken);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = response.StatusCode == HttpStatusCode.NotModified ? [] : await ReadBodyAsync(response.Content, maxBytes, linked.Token).ConfigureAwait(false);
            if (body is null)
            {
                var size = response.Content.Headers.ContentLength is { } length && length > maxBytes ? $"{length} bytes" : $"more than {maxBytes} bytes";
                return FetchResult.Failure(url, $"{what} answered a body of {size}, more than {limit} ({maxBytes} bytes); it is not read");
            }

            return new FetchResult(url, (int)response.StatusCode, response.ReasonPhrase, body, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified, null)
            {
                RetryAfter = RetryAfter(response.Headers.RetryAfter, clock),
            };
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return FetchResult.Failure(url, $"{what} timed out after {timeout.TotalMilliseconds:0} ms (requestTimeout)");
        }
        catch (HttpRequestException ex)
        {
            return FetchResult.Failure(url, $"{what} failed: {ex.Message}");
        }
        catch (IOException ex)
        {
            return FetchResult.Failure(url, $"{what} failed: {ex.Message}");
        }
        catch (InvalidDataException ex)
        {
            // A body whose Content-Encoding does not decode.
            return FetchResult.Failure(url, $"{what} failed: the body cannot be decoded: {ex.Message}");
        }
    }

    // Retry-After as a delay from now on the clock (an HTTP date in the past is zero).
    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, TimeProvider clock) =>
        header?.Delta is { } delta ? delta
        : header?.Date is { } date ? (date - clock.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero)
        : null;

    // The body, or null when it has more than maxBytes (announced by Content-Length or found while reading).
    private static async Task<byte[]?> ReadBodyAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } announced && announced > maxBytes && content.Headers.ContentEncoding.Count == 0)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        while (true)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return body.ToArray();
            }

            if (body.Length + read > maxBytes)
            {
                return null;
            }

            body.Write(buffer, 0, read);
        }
    }

    /// <summary>Adds the configured headers to a request (invalid ones are skipped by the caller's validation).</summary>
    public static void AddHeaders(HttpRequestMessage request, IReadOnlyDictionary<string, string> headers)
    {
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>Sets the conditional headers from the last good response.</summary>
    public static void AddConditions(HttpRequestMessage request, string? etag, DateTimeOffset? lastModified)
    {
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (lastModified is not null)
        {
            request.Headers.IfModifiedSince = lastModified;
        }
    }
}

/// <summary>One HTTP exchange: a status and body, or a failure.</summary>
internal sealed record FetchResult(string Url, int Status, string? Reason, byte[] Body, string? ETag, DateTimeOffset? LastModified, string? Error)
{
    /// <summary>The answer's <c>Retry-After</c> as a delay from when it arrived, or <see langword="null"/> when it has none.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public bool IsNotModified => Error is null && Status == 304;

    public bool IsSuccess => Error is null && Status is >= 200 and < 300;

    public string Describe(string method) => Error ?? $"{method} {Url} answered {Status} {Reason}".TrimEnd();

    public static FetchResult Failure(string url, string error) => new(url, 0, null, [], null, null, error);
}
