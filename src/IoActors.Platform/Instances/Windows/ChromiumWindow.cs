using Microsoft.Extensions.Logging;
using PuppeteerSharp;

namespace IoActors.Platform.Instances.Windows;

/// <summary>
/// One window of the Chromium host: a page target of the shared browser, the running instance of a window app and the
/// <see cref="IPlatformWindow"/> io.windows acts on. Opening and (re)loading live in ChromiumWindow.Loading.cs.
/// </summary>
internal sealed partial class ChromiumWindow : IPlatformWindow, IRunningInstance, ITitleReporting
{
    private readonly ChromiumWindowHost _host;
    private readonly ChromiumBrowser _browser;
    private readonly WindowDetails _details;
    private readonly LaunchRequest _request;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<InstanceExit> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private Action<string>? _titleHandler;
    private string _title;
    private string _url;
    private bool _customTitle;
    private bool _visible;
    private bool _focused;
    private WindowBounds _bounds;
    private string? _windowId;

    private ChromiumWindow(ChromiumWindowHost host, ChromiumBrowser browser, IPage page, LaunchRequest request, WindowDetails details, ILogger logger)
    {
        _host = host;
        _browser = browser;
        Page = page;
        _request = request;
        _details = details;
        _logger = logger;
        _title = request.Title;
        _url = details.Url ?? string.Empty;
        _visible = !details.Hidden;
    }

    /// <summary>The page target.</summary>
    public IPage Page { get; }

    /// <inheritdoc/>
    public string Id => _request.InstanceId;

    /// <inheritdoc/>
    public string AppName => _request.Definition.Name;

    /// <inheritdoc/>
    public string Title
    {
        get
        {
            lock (_gate)
            {
                return _title;
            }
        }
    }

    /// <inheritdoc/>
    public string Url
    {
        get
        {
            lock (_gate)
            {
                return _url;
            }
        }
    }

    /// <inheritdoc/>
    public WindowBounds Bounds
    {
        get
        {
            lock (_gate)
            {
                return _bounds;
            }
        }
    }

    /// <inheritdoc/>
    public bool IsVisible => Volatile.Read(ref _visible);

    /// <inheritdoc/>
    public bool IsFocused => Volatile.Read(ref _focused);

    /// <inheritdoc/>
    public int? ProcessId => null;

    /// <inheritdoc/>
    public Task<InstanceExit> Exited => _exited.Task;

    /// <summary>Whether the window has ended (its instance exited).</summary>
    public bool HasEnded => _exited.Task.IsCompleted;

    /// <inheritdoc/>
    public void OnTitleChanged(Action<string> handler)
    {
        string current;
        lock (_gate)
        {
            _titleHandler = handler;
            current = _title;
        }

        // A title the document set while the page loaded, before the instance listened.
        if (current != _request.Title)
        {
            handler(current);
        }
    }

    /// <inheritdoc/>
    public Task SetTitleAsync(string title, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(title);
        lock (_gate)
        {
            _customTitle = true;
        }

        ApplyTitle(title);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<WindowBounds> MoveResizeAsync(int? left, int? top, int? width, int? height, CancellationToken cancellationToken = default)
    {
        if (width is <= 0 || height is <= 0)
        {
            throw new ArgumentException($"width/height: {width}/{height} must be positive");
        }

        await SetWindowBoundsAsync(left, top, width, height, cancellationToken).ConfigureAwait(false);
        return await RefreshBoundsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task ShowAsync(CancellationToken cancellationToken = default) => SetVisibleAsync(true, "show", cancellationToken);

    /// <inheritdoc/>
    public Task HideAsync(CancellationToken cancellationToken = default) => SetVisibleAsync(false, "hide", cancellationToken);

    /// <inheritdoc/>
    public async Task FocusAsync(CancellationToken cancellationToken = default)
    {
        RequireHeadful("focus");
        if (!IsVisible)
        {
            await SetVisibleAsync(true, "focus", cancellationToken).ConfigureAwait(false);
        }

        await Page.BringToFrontAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _focused, true);
        _host.Raise(PlatformWindowChange.Focus, this);
    }

    /// <inheritdoc/>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        await ClosePageAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        End(new InstanceExit(null, null, "window closed"));
    }

    /// <inheritdoc/>
    public void RequestStop() => _ = StopAsync();

    /// <inheritdoc/>
    public void Kill() => _ = StopAsync();

    /// <summary>Ends the window's instance with <paramref name="exit"/> (once), removing it from the host.</summary>
    public void End(InstanceExit exit)
    {
        if (_exited.TrySetResult(exit))
        {
            _host.Remove(this);
        }
    }

    private async Task StopAsync()
    {
        await ClosePageAsync().ConfigureAwait(false);
        End(new InstanceExit(null, null, "window closed"));
    }

    private async Task ClosePageAsync()
    {
        try
        {
            if (!Page.IsClosed)
            {
                await Page.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is PuppeteerException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.LogDebug("Closing the page of window {Id} failed: {Error}", Id, e.Message);
        }
    }

    private void ApplyTitle(string title)
    {
        Action<string>? handler;
        lock (_gate)
        {
            if (_title == title)
            {
                return;
            }

            _title = title;
            handler = _titleHandler;
        }

        handler?.Invoke(title);
        _host.Raise(PlatformWindowChange.Title, this);
    }

    /// <summary>The page reported its <c>document.title</c>.</summary>
    private void OnDocumentTitle(string title)
    {
        if (_details.TitleSync == TitleSync.Off || string.IsNullOrEmpty(title))
        {
            return;
        }

        lock (_gate)
        {
            if (_details.TitleSync == TitleSync.PreserveCustomTitle && _customTitle)
            {
                return;
            }
        }

        ApplyTitle(title);
    }

    private void OnUrl(string url)
    {
        lock (_gate)
        {
            if (_url == url)
            {
                return;
            }

            _url = url;
        }

        _host.Raise(PlatformWindowChange.Url, this);
    }

    private async Task<WindowBounds> RefreshBoundsAsync(CancellationToken cancellationToken)
    {
        var windowId = _windowId ?? throw new InvalidOperationException($"window {Id}: not open yet");
        var b = await _browser.Browser.GetWindowBoundsAsync(windowId).WaitAsync(cancellationToken).ConfigureAwait(false);
        var bounds = new WindowBounds(b.Left ?? 0, b.Top ?? 0, b.Width ?? 0, b.Height ?? 0);
        bool changed;
        lock (_gate)
        {
            changed = _bounds != bounds;
            _bounds = bounds;
        }

        if (changed)
        {
            _host.Raise(PlatformWindowChange.Bounds, this);
        }

        return bounds;
    }

    /// <summary>Moves and sizes the browser window (a null value keeps that coordinate); read the result with <see cref="RefreshBoundsAsync"/>.</summary>
    private Task SetWindowBoundsAsync(int? left, int? top, int? width, int? height, CancellationToken cancellationToken)
    {
        var windowId = _windowId ?? throw new InvalidOperationException($"window {Id}: not open yet");
        return _browser.Browser.SetWindowBoundsAsync(windowId, new PuppeteerSharp.WindowBounds
        {
            Left = left,
            Top = top,
            Width = width,
            Height = height,
        }).WaitAsync(cancellationToken);
    }

    private async Task SetVisibleAsync(bool visible, string operation, CancellationToken cancellationToken)
    {
        RequireHeadful(operation);
        var windowId = _windowId ?? throw new InvalidOperationException($"window {Id}: not open yet");
        await _browser.Browser.SetWindowBoundsAsync(windowId, new PuppeteerSharp.WindowBounds
        {
            WindowState = visible ? WindowState.Normal : WindowState.Minimized,
        }).WaitAsync(cancellationToken).ConfigureAwait(false);
        bool changed;
        lock (_gate)
        {
            changed = _visible != visible;
            _visible = visible;
        }

        if (changed)
        {
            _host.Raise(PlatformWindowChange.Visibility, this);
        }
    }

    private void RequireHeadful(string operation)
    {
        if (_browser.Headless)
        {
            throw new InvalidOperationException($"window {Id} ({AppName}): {operation} is not possible: the browser runs headless");
        }
    }
}
