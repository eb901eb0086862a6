using System.Collections.Concurrent;
using IoActors.Apps.Definitions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PuppeteerSharp;

namespace IoActors.Platform.Instances.Windows;

/// <summary>What a window's rules stopped.</summary>
internal enum BlockedKind
{
    /// <summary>A navigation of the window's page that <c>details.navigation.allowed</c> does not match.</summary>
    Navigation,

    /// <summary>A pop-up (<c>window.open</c>, <c>target=_blank</c>) that <c>details.windowOpen.allowed</c> does not match.</summary>
    WindowOpen,
}

/// <summary>A navigation or pop-up the window's rules stopped.</summary>
/// <param name="Kind">What was stopped.</param>
/// <param name="AppName">The window's app.</param>
/// <param name="InstanceId">The window's instance.</param>
/// <param name="Url">The URL it wanted.</param>
internal sealed record BlockedWindowAction(BlockedKind Kind, string AppName, string InstanceId, string Url);

/// <summary>
/// The window host that opens each window instance as a real page of the system Chromium, driven over the DevTools
/// protocol (PuppeteerSharp). One browser per platform, started on the first window; a browser that dies ends every
/// window with "browser exited: …" and the next window starts a new one. Dispose closes the browser.
/// </summary>
internal sealed class ChromiumWindowHost : IWindowHost, IPlatformWindows, IAsyncDisposable
{
    private readonly ChromiumHostOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _launchLock = new(1, 1);
    private readonly ConcurrentDictionary<string, ChromiumWindow> _windows = new(StringComparer.Ordinal);
    private ChromiumBrowser? _browser;
    private bool _disposed;

    public ChromiumWindowHost(ChromiumHostOptions options, ILogger? logger = null)
    {
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public event Action<PlatformWindowEvent>? Changed;

    /// <summary>Raised when a window's navigation or pop-up rule stopped something (after the warning is logged).</summary>
    public event Action<BlockedWindowAction>? Blocked;

    /// <summary>The running browser's process ID, or <see langword="null"/> when none runs.</summary>
    public int? BrowserProcessId => Volatile.Read(ref _browser)?.ProcessId;

    /// <summary>Whether windows are headless under the options.</summary>
    public bool Headless => _options.RunsHeadless;

    /// <inheritdoc/>
    public IReadOnlyList<IPlatformWindow> List() => [.. _windows.Values.Where(w => !w.HasEnded).OrderBy(w => w.Id, StringComparer.Ordinal)];

    /// <inheritdoc/>
    public IPlatformWindow? Find(string id) => _windows.TryGetValue(id, out var w) && !w.HasEnded ? w : null;

    /// <summary>
    /// Awaited for each window after its page is prepared (preload in place) and before its URL loads: tests and
    /// diagnostics attach to the page here, before any of its scripts run.
    /// </summary>
    internal Func<ChromiumWindow, Task>? BeforeLoad { get; set; }

    /// <summary>
    /// How often a window with reload options is checked for a page that does not answer, and how long a reloaded page
    /// must stay up before its reload attempts are counted afresh (5 s; tests make it shorter).
    /// </summary>
    internal TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Raised when a window that was reloaded has stayed up for <see cref="ProbeInterval"/> and its reload attempts start again from zero (tests, diagnostics).</summary>
    internal event Action<ChromiumWindow>? AttemptsReset;

    internal void RaiseAttemptsReset(ChromiumWindow window) => AttemptsReset?.Invoke(window);

    /// <summary>The page of the open window <paramref name="id"/> (tests, diagnostics).</summary>
    public IPage? PageOf(string id) => _windows.TryGetValue(id, out var w) ? w.Page : null;

    /// <inheritdoc/>
    public async Task<IRunningInstance> OpenAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        var definition = request.Definition;
        var details = WindowDetails.Read(definition);
        if (string.IsNullOrWhiteSpace(details.Url))
        {
            if (definition.Type is AppType.Workspaces)
            {
                return new UntilStopped("window closed");
            }

            throw new LaunchException($"{definition.TypeName} app '{definition.Name}': details.url is missing.");
        }

        if (!Uri.TryCreate(details.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps && !uri.IsFile))
        {
            throw new LaunchException($"{definition.TypeName} app '{definition.Name}': details.url \"{details.Url}\" must be an absolute http(s) or file:// URL");
        }

        var browser = await BrowserAsync(cancellationToken).ConfigureAwait(false);
        return await ChromiumWindow.OpenAsync(this, browser, request with { Definition = definition }, details, _logger, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the browser (every window ends with "browser exited: the platform closed it").</summary>
    public async ValueTask DisposeAsync()
    {
        ChromiumBrowser? browser;
        await _launchLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            browser = _browser;
            _browser = null;
        }
        finally
        {
            _launchLock.Release();
        }

        if (browser is not null)
        {
            await browser.DisposeAsync().ConfigureAwait(false);
            EndAll(browser, "browser exited: the platform closed it");
        }
    }

    internal void Add(ChromiumWindow window)
    {
        _windows[window.Id] = window;
        Raise(PlatformWindowChange.Added, window);
    }

    internal void Remove(ChromiumWindow window)
    {
        if (_windows.TryGetValue(window.Id, out var current) && ReferenceEquals(current, window) && _windows.TryRemove(window.Id, out _))
        {
            Raise(PlatformWindowChange.Removed, window);
        }
    }

    internal void Raise(PlatformWindowChange change, ChromiumWindow window)
    {
        if (change != PlatformWindowChange.Removed && !_windows.ContainsKey(window.Id))
        {
            return;
        }

        try
        {
            Changed?.Invoke(new PlatformWindowEvent(change, window));
        }
        catch (Exception e)
        {
            _logger.LogError(e, "A window change handler failed ({Change} of window {Id})", change, window.Id);
        }
    }

    internal void ReportBlocked(ChromiumWindow window, BlockedKind kind, string url)
    {
        _logger.LogWarning(
            "Window app {App} instance {Instance}: {Kind} to {Url} blocked (details.{Rule}.allowed does not match)",
            window.AppName,
            window.Id,
            kind == BlockedKind.Navigation ? "navigation" : "window.open",
            url,
            kind == BlockedKind.Navigation ? "navigation" : "windowOpen");
        try
        {
            Blocked?.Invoke(new BlockedWindowAction(kind, window.AppName, window.Id, url));
        }
        catch (Exception e)
        {
            _logger.LogError(e, "A blocked-window handler failed");
        }
    }

    private async Task<ChromiumBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        await _launchLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_browser is { Exited.IsCompleted: false } running)
            {
                return running;
            }

            var executable = ChromiumLocator.Find(_options.BrowserPath);
            var browser = await ChromiumBrowser.LaunchAsync(executable, _options.RunsHeadless, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Started the window browser {Executable} (pid {Pid}, {Mode})", executable, browser.ProcessId, browser.Headless ? "headless" : "with windows");
            browser.Browser.TargetCreated += (_, e) => OnTargetCreated(e.Target);
            browser.Browser.TargetChanged += (_, e) => OnTargetChanged(e.Target);
            _ = browser.Exited.ContinueWith(t => OnBrowserExited(browser, t.Result), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            _browser = browser;
            return browser;
        }
        finally
        {
            _launchLock.Release();
        }
    }

    private void OnBrowserExited(ChromiumBrowser browser, string reason)
    {
        Interlocked.CompareExchange(ref _browser, null, browser);
        _logger.LogWarning("The window browser is gone: {Reason}", reason);
        EndAll(browser, reason);
        _ = Task.Run(async () => await browser.DisposeAsync().ConfigureAwait(false));
    }

    private void EndAll(ChromiumBrowser browser, string reason)
    {
        foreach (var window in _windows.Values.Where(w => w.Page.Browser == browser.Browser).ToList())
        {
            window.End(new InstanceExit(null, null, reason));
        }
    }

    private readonly ConcurrentDictionary<ITarget, ChromiumWindow> _pendingPopups = new();

    private void OnTargetCreated(ITarget target)
    {
        if (target.Type != TargetType.Page || target.Opener is not { } opener)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                var openerPage = await opener.PageAsync().ConfigureAwait(false);
                var window = _windows.Values.FirstOrDefault(w => ReferenceEquals(w.Page, openerPage));
                if (window is null)
                {
                    return;
                }

                _pendingPopups[target] = window;
                if (!IsBlank(target.Url) && _pendingPopups.TryRemove(target, out _))
                {
                    CheckPopup(window, target);
                }
            }
            catch (Exception e)
            {
                _logger.LogDebug("Checking a pop-up failed: {Error}", e.Message);
            }
        });
    }

    private void OnTargetChanged(ITarget target)
    {
        if (!IsBlank(target.Url) && _pendingPopups.TryRemove(target, out var window))
        {
            CheckPopup(window, target);
        }
    }

    private void CheckPopup(ChromiumWindow window, ITarget target)
    {
        if (!window.IsPopupBlocked(target.Url))
        {
            return;
        }

        ReportBlocked(window, BlockedKind.WindowOpen, target.Url);
        _ = Task.Run(async () =>
        {
            try
            {
                var page = await target.PageAsync().ConfigureAwait(false);
                await page.CloseAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _logger.LogDebug("Closing a blocked pop-up failed: {Error}", e.Message);
            }
        });
    }

    private static bool IsBlank(string? url) => string.IsNullOrEmpty(url) || url == "about:blank";
}
