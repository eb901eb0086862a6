using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IoActors.Host.Commands;
using IoActors.Host.Hosting;

namespace IoActors.Host.Cli;

/// <summary>An HTTP client for a running host, found through the discovery file in the configured data folder (or --url/--token).</summary>
internal sealed class HostClient : IDisposable
{
    private readonly HttpClient _http;

    private HostClient(string url, string? token)
    {
        Url = url;
        _http = new HttpClient { BaseAddress = new Uri(url), Timeout = Timeout.InfiniteTimeSpan };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public string Url { get; }

    /// <summary>Finds the host: explicit URL/token, else the discovery file next to the configuration's data folder.</summary>
    /// <exception cref="CliException">No running host could be found.</exception>
    public static HostClient Connect(string? configFile, string? url, string? token)
    {
        if (url is not null)
        {
            return Uri.TryCreate(url.TrimEnd('/'), UriKind.Absolute, out var given) && given.Scheme is "http" or "https"
                ? new HostClient(url.TrimEnd('/'), token)
                : throw new CliException($"--url '{url}' is not an http:// or https:// URL, e.g. http://127.0.0.1:8386");
        }

        var path = configFile ?? ConfigCommand.FindDefault(Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
            ?? throw new CliException($"{ConfigCommand.DefaultFile} not found; use --config or --url");
        string dataFolder;
        try
        {
            var options = HostConfiguration.Load(path);
            dataFolder = options.ResolvePath(options.IoActors.DataFolder);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CliException($"{path}: {e.Message}");
        }

        var discovery = HostFiles.ReadDiscovery(dataFolder)
            ?? throw new CliException($"no running host found ({Path.Combine(dataFolder, HostFiles.DiscoveryFileName)} is missing); start one with 'ioactors run'");
        return new HostClient(discovery.Url, token ?? discovery.Token);
    }

    public Task<JsonElement> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    public Task<JsonElement> PostAsync(string path, string? json, CancellationToken ct) => SendAsync(HttpMethod.Post, path, json, ct);

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, string? json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach the host at {Url}: {e.Message}");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonElement body = default;
            if (text.Length > 0)
            {
                try
                {
                    body = JsonDocument.Parse(text).RootElement.Clone();
                }
                catch (JsonException)
                {
                }
            }

            if (!response.IsSuccessStatusCode)
            {
                var detail = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("detail", out var d) ? d.GetString() : text;
                throw new CliException($"{(int)response.StatusCode} {response.ReasonPhrase}: {detail}");
            }

            return body;
        }
    }

    /// <summary>Follows the event stream, yielding (id, type, data) per event.</summary>
    public async IAsyncEnumerable<(string Id, string Type, string Data)> EventsAsync(string? types, long? from, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var path = "/api/events" + (types is null ? string.Empty : "?types=" + Uri.EscapeDataString(types));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (from is { } f)
        {
            request.Headers.Add("Last-Event-ID", f.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach the host at {Url}: {e.Message}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException($"{(int)response.StatusCode} {response.ReasonPhrase}: {await response.Content.ReadAsStringAsync(ct)}");
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            string id = string.Empty, type = "message", data = string.Empty;
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0)
                    {
                        yield return (id, type, data);
                    }

                    id = string.Empty;
                    type = "message";
                    data = string.Empty;
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = line[4..];
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
    }

    public void Dispose() => _http.Dispose();
}
