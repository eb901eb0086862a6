using IoActors.Apps.Definitions;

namespace IoActors.Platform.Instances;

/// <summary>
/// The default <see cref="IWindowHost"/> on a host without a GUI: "loads" <c>details.url</c> (HTTP GET for http(s), the file
/// exists for file://, anything else is accepted) and applies <c>details.reloadOptions</c>: on failure it retries every
/// <c>timeout</c> ms (on the platform's <see cref="TimeProvider"/>) up to <c>maxAttempts</c> reloads, then fails with the
/// last error. The window stays "open" until stopped.
/// </summary>
internal sealed class HeadlessWindowHost : IWindowHost
{
    private readonly Func<HttpClient> _clientFactory;
    private readonly TimeProvider _timeProvider;

    public HeadlessWindowHost(Func<HttpClient> clientFactory, TimeProvider timeProvider)
    {
        _clientFactory = clientFactory;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc/>
    public async Task<IRunningInstance> OpenAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        var definition = request.Definition;
        var url = DetailsReader.String(definition, "url");
        if (string.IsNullOrWhiteSpace(url))
        {
            if (definition.Type is AppType.Workspaces)
            {
                return new UntilStopped("window closed");
            }

            throw new LaunchException($"{definition.TypeName} app '{definition.Name}': details.url is missing.");
        }

        var reload = DetailsReader.Element(definition, "reloadOptions");
        var maxReloads = (int)Math.Max(0, DetailsReader.Number(reload, "maxAttempts") ?? 0);
        var interval = TimeSpan.FromMilliseconds(Math.Max(0, DetailsReader.Number(reload, "timeout") ?? 0));
        for (var attempt = 0; ; attempt++)
        {
            var error = await TryLoadAsync(url, cancellationToken).ConfigureAwait(false);
            if (error is null)
            {
                return new UntilStopped("window closed");
            }

            if (attempt >= maxReloads)
            {
                var tries = attempt + 1;
                throw new LaunchException($"{definition.TypeName} app '{definition.Name}': loading {url} failed after {tries} attempt{(tries == 1 ? string.Empty : "s")}: {error}");
            }

            await Task.Delay(interval, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string?> TryLoadAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return File.Exists(url) ? null : $"'{url}' is neither an absolute URL nor an existing file";
        }

        if (uri.IsFile)
        {
            return File.Exists(uri.LocalPath) ? null : $"the file '{uri.LocalPath}' does not exist";
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        try
        {
            using var response = await _clientFactory().GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return "timed out: " + e.Message;
        }
    }
}
