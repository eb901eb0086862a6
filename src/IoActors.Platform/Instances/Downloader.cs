using System.Net.Http.Headers;

namespace IoActors.Platform.Instances;

/// <summary>Downloads remote node scripts and app archives with the definition's headers and <c>noCache</c>.</summary>
internal sealed class Downloader
{
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient { Timeout = TimeSpan.FromMinutes(5) });
    private readonly Func<HttpClient> _clientFactory;

    public Downloader(Func<HttpClient>? clientFactory) => _clientFactory = clientFactory ?? (() => SharedClient.Value);

    /// <summary>Downloads <paramref name="url"/> into <paramref name="targetFile"/> (written to a temp file, then moved).</summary>
    /// <exception cref="LaunchException">The URL is invalid, the request failed or returned a non-success status.</exception>
    public async Task DownloadAsync(string what, string url, IReadOnlyList<KeyValuePair<string, string>> headers, bool noCache, string targetFile, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeFile))
        {
            throw new LaunchException($"{what}: '{url}' is not an absolute http(s) or file URL.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(targetFile)!);
        var temp = targetFile + "." + Guid.NewGuid().ToString("N")[..8] + ".part";
        try
        {
            if (uri.IsFile)
            {
                if (!File.Exists(uri.LocalPath))
                {
                    throw new LaunchException($"{what}: the file '{uri.LocalPath}' does not exist.");
                }

                File.Copy(uri.LocalPath, temp, overwrite: true);
            }
            else
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                foreach (var (name, value) in headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                if (noCache)
                {
                    request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
                }

                HttpResponseMessage response;
                try
                {
                    response = await _clientFactory().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException e)
                {
                    throw new LaunchException($"{what}: GET {url} failed: {e.Message}", e);
                }

                using (response)
                {
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new LaunchException($"{what}: GET {url} returned {(int)response.StatusCode} {response.ReasonPhrase}.");
                    }

                    await using var file = File.Create(temp);
                    await response.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                }
            }

            File.Move(temp, targetFile, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
