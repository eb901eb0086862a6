using Microsoft.Extensions.Logging;
using PuppeteerSharp;

namespace IoActors.Platform.Instances.Windows;

/// <summary>Opening a window: the preload, bounds, zoom, downloads, navigation and pop-up rules, the load with its reload attempts, crash and hang recovery.</summary>
internal sealed partial class ChromiumWindow
{
    private int _failures;
    private int _recovering;
    private string? _failedWhileRecovering;

    // When the last reload after a crash or hang loaded (Environment.TickCount64), or 0 when none did since the attempts were last counted afresh.
    private long _reloadedAt;

    /// <summary>Opens a page in <paramref name="browser"/> for <paramref name="request"/> and loads its URL.</summary>
    /// <exception cref="LaunchException">The URL could not be loaded after the reload attempts.</exception>
    public static async Task<ChromiumWindow> OpenAsync(ChromiumWindowHost host, ChromiumBrowser browser, LaunchRequest request, WindowDetails details, ILogger logger, CancellationToken cancellationToken)
    {
        var page = await browser.Browser.NewPageAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var window = new ChromiumWindow(host, browser, page, request, details, logger);
        try
        {
            await window.PrepareAsync(cancellationToken).ConfigureAwait(false);
            host.Add(window);
            if (host.BeforeLoad is { } beforeLoad)
            {
                await beforeLoad(window).WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            await window.LoadWithAttemptsAsync(cancellationToken).ConfigureAwait(false);
            window.StartProbe();
            return window;
        }
        catch
        {
            await window.ClosePageAsync().ConfigureAwait(false);
            window._exited.TrySetResult(new InstanceExit(null, null, "window closed"));
            host.Remove(window);
            throw;
        }
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var startingContext = _request.Environment.TryGetValue(InstanceLaunchPlan.StartingContextVariable, out var json) ? json : "{}";
        string preload;
        try
        {
            preload = WindowPreload.Script(startingContext);
        }
        catch (ArgumentException)
        {
            preload = WindowPreload.Script("{}");
        }

        await Page.ExposeFunctionAsync<string, bool>(WindowPreload.TitleBinding, title =>
        {
            OnDocumentTitle(title);
            return true;
        }).WaitAsync(cancellationToken).ConfigureAwait(false);
        await Page.EvaluateExpressionOnNewDocumentAsync(preload).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_details.TitleSync != TitleSync.Off)
        {
            await Page.EvaluateExpressionOnNewDocumentAsync(WindowPreload.TitleObserver()).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        _windowId = await Page.WindowIdAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_details.Left is not null || _details.Top is not null || _details.Width is not null || _details.Height is not null)
        {
            await SetWindowBoundsAsync(_details.Left, _details.Top, _details.Width, _details.Height, cancellationToken).ConfigureAwait(false);
        }

        await RefreshBoundsAsync(cancellationToken).ConfigureAwait(false);
        if (_details.Placement is { } placement)
        {
            var area = await Page.EvaluateExpressionAsync<int[]>("[screen.availLeft || 0, screen.availTop || 0, screen.availWidth, screen.availHeight]")
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            var current = Bounds;
            var placed = placement.Resolve(new ScreenArea(area[0], area[1], area[2], area[3]), _details.Width ?? current.Width, _details.Height ?? current.Height);
            await SetWindowBoundsAsync(placed.Left, placed.Top, placed.Width, placed.Height, cancellationToken).ConfigureAwait(false);
            await RefreshBoundsAsync(cancellationToken).ConfigureAwait(false);
        }

        if (Math.Abs(_details.ZoomFactor - 1) > 0.001)
        {
            await Page.Client.SendAsync("Emulation.setDeviceMetricsOverride", new Dictionary<string, object>
            {
                ["width"] = 0,
                ["height"] = 0,
                ["deviceScaleFactor"] = _details.ZoomFactor,
                ["mobile"] = false,
            }).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        await ApplyDownloadsAsync(cancellationToken).ConfigureAwait(false);
        if (_details.NavigationAllowed is not null)
        {
            Page.Request += OnRequest;
            await Page.SetRequestInterceptionAsync(true).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        Page.Error += (_, e) => OnFailure("renderer crashed: " + e.Error);
        Page.Close += (_, _) => End(new InstanceExit(null, null, "window closed"));
        Page.FrameNavigated += (_, e) =>
        {
            if (e.Frame == Page.MainFrame)
            {
                OnUrl(e.Frame.Url);
            }
        };
        if (_details.Hidden && !_browser.Headless)
        {
            await SetVisibleAsync(false, "hide", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ApplyDownloadsAsync(CancellationToken cancellationToken)
    {
        var args = new Dictionary<string, object> { ["behavior"] = _details.DownloadsEnabled ? "allow" : "deny", ["eventsEnabled"] = true };
        if (_details.DownloadsEnabled)
        {
            var path = _details.DownloadPath is { Length: > 0 } p && !p.Contains('%', StringComparison.Ordinal)
                ? p
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "Downloads");
            args["downloadPath"] = Path.GetFullPath(path);
        }

        if (Page.BrowserContext.Id is { } context)
        {
            args["browserContextId"] = context;
        }

        // Browser-wide for the page's browser context: the window opened last sets it (one context for all windows).
        var session = await _browser.SessionAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        await session.SendAsync("Browser.setDownloadBehavior", args).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task LoadWithAttemptsAsync(CancellationToken cancellationToken)
    {
        var url = _details.Url!;
        for (var attempt = 0; ; attempt++)
        {
            var error = await TryLoadAsync(url, cancellationToken).ConfigureAwait(false);
            if (error is null)
            {
                return;
            }

            if (attempt >= _details.MaxReloads)
            {
                var tries = attempt + 1;
                throw new LaunchException($"{_request.Definition.TypeName} app '{AppName}': loading {url} failed after {tries} attempt{(tries == 1 ? string.Empty : "s")}: {error}");
            }

            _logger.LogWarning("Window app {App} instance {Instance}: loading {Url} failed ({Error}); reloading in {Interval}", AppName, Id, url, error, _details.ReloadInterval);
            await Task.Delay(_details.ReloadInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string?> TryLoadAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Page.GoToAsync(url, new NavigationOptions { Timeout = 30_000, WaitUntil = [WaitUntilNavigation.Load] })
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            return response is null || response.Ok || (int)response.Status == 0 ? null : $"HTTP {(int)response.Status} {response.StatusText}";
        }
        catch (NavigationException e)
        {
            return e.Message;
        }
        catch (PuppeteerException e) when (!Page.IsClosed)
        {
            return e.Message;
        }
    }

    /// <summary>A crash or a hang after the start: reload after <c>reloadOptions.timeout</c>, or end the instance beyond <c>maxAttempts</c>.</summary>
    private void OnFailure(string reason)
    {
        if (HasEnded)
        {
            return;
        }

        if (Interlocked.Exchange(ref _recovering, 1) == 1)
        {
            // A recovery runs: what failed before its reload starts is what the reload repairs; a failure during or after
            // the load is taken up once it ends.
            Volatile.Write(ref _failedWhileRecovering, reason);
            return;
        }

        _ = RecoverAsync(reason);
    }

    private async Task RecoverAsync(string reason)
    {
        try
        {
            while (!HasEnded)
            {
                if (Interlocked.Increment(ref _failures) > _details.MaxReloads)
                {
                    _logger.LogWarning("Window app {App} instance {Instance}: {Reason}; no reload attempt left", AppName, Id, reason);
                    End(new InstanceExit(null, null, reason));
                    await ClosePageAsync().ConfigureAwait(false);
                    return;
                }

                _logger.LogWarning("Window app {App} instance {Instance}: {Reason}; reloading in {Interval}", AppName, Id, reason, _details.ReloadInterval);
                await Task.Delay(_details.ReloadInterval).ConfigureAwait(false);
                Volatile.Write(ref _failedWhileRecovering, null);
                if (await TryLoadAsync(_details.Url!, CancellationToken.None).ConfigureAwait(false) is not { } error)
                {
                    Volatile.Write(ref _reloadedAt, Environment.TickCount64);
                    _host.Raise(PlatformWindowChange.Url, this);
                    return;
                }

                reason = "reload failed: " + error;
            }
        }
        finally
        {
            Volatile.Write(ref _recovering, 0);
            if (Interlocked.Exchange(ref _failedWhileRecovering, null) is { } late)
            {
                OnFailure(late);
            }
        }
    }

    /// <summary>With reload options, a page that does not answer a <c>Runtime.evaluate</c> within the timeout counts as a failure.</summary>
    private void StartProbe()
    {
        if (_details.MaxReloads <= 0)
        {
            return;
        }

        var interval = _host.ProbeInterval;
        var timeout = _details.ReloadInterval > TimeSpan.Zero ? _details.ReloadInterval : interval;
        _ = Task.Run(async () =>
        {
            while (!HasEnded)
            {
                await Task.WhenAny(Task.Delay(interval), _exited.Task).ConfigureAwait(false);
                if (HasEnded || Volatile.Read(ref _recovering) == 1)
                {
                    continue;
                }

                try
                {
                    await Page.EvaluateExpressionAsync<int>("1").WaitAsync(timeout).ConfigureAwait(false);
                    ResetAttemptsWhenStable(interval);
                }
                catch (TimeoutException)
                {
                    OnFailure($"page unresponsive: no answer within {timeout.TotalMilliseconds} ms");

                    // A busy renderer never commits a navigation: end it (Page.crash runs off its main thread), the
                    // recovery then loads the URL in a new one.
                    _ = Ignore(Page.Client.SendAsync("Page.crash"));
                }
                catch (Exception e) when (e is PuppeteerException or ObjectDisposedException or InvalidOperationException)
                {
                    // A navigation or crash in progress: handled by its own event.
                }
            }
        });
    }

    /// <summary>
    /// <c>maxAttempts</c> counts the reloads of one failure and the ones that follow it closely: a page that answered the
    /// probe at least <paramref name="stable"/> after its last reload has recovered, and its next crash or hang gets every
    /// attempt again. A page that fails again sooner (a crash loop) keeps counting and ends after <c>maxAttempts</c>.
    /// </summary>
    private void ResetAttemptsWhenStable(TimeSpan stable)
    {
        var reloadedAt = Volatile.Read(ref _reloadedAt);
        if (reloadedAt == 0 || Volatile.Read(ref _recovering) == 1 || Environment.TickCount64 - reloadedAt < (long)stable.TotalMilliseconds)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _reloadedAt, 0, reloadedAt) == reloadedAt && Interlocked.Exchange(ref _failures, 0) > 0)
        {
            _logger.LogInformation("Window app {App} instance {Instance}: up for {Stable} since its reload; its reload attempts start again", AppName, Id, stable);
            _host.RaiseAttemptsReset(this);
        }
    }

    private void OnRequest(object? sender, RequestEventArgs e)
    {
        var request = e.Request;
        var allowed = _details.NavigationAllowed;
        var blocked = allowed is not null && request.IsNavigationRequest && request.Frame == Page.MainFrame
                      && request.Url != _details.Url && !allowed.IsMatch(request.Url);
        if (blocked)
        {
            _host.ReportBlocked(this, BlockedKind.Navigation, request.Url);
            // A 204 answer cancels a navigation: the page stays as it is (an aborted one would show an error page).
            _ = Ignore(request.RespondAsync(new ResponseData { Status = System.Net.HttpStatusCode.NoContent }));
        }
        else
        {
            _ = Ignore(request.ContinueAsync());
        }
    }

    /// <summary>A pop-up this window opened (a new target whose opener is this page): closed when <c>windowOpen.allowed</c> does not match its URL.</summary>
    internal bool IsPopupBlocked(string url) => _details.WindowOpenAllowed is { } allowed && !allowed.IsMatch(url);

    private static async Task Ignore(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The request was already handled or the page closed.
        }
    }
}
