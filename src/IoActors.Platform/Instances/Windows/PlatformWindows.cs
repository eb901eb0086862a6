namespace IoActors.Platform.Instances.Windows;

/// <summary>The position and size of a window, in CSS pixels of the screen (left/top of the outer window).</summary>
/// <param name="Left">Distance of the window's left edge from the screen's.</param>
/// <param name="Top">Distance of the window's top edge from the screen's.</param>
/// <param name="Width">Outer width.</param>
/// <param name="Height">Outer height.</param>
public readonly record struct WindowBounds(int Left, int Top, int Width, int Height);

/// <summary>A window the platform's window host opened for a <c>window</c> instance; what <c>io.windows</c> acts on.</summary>
public interface IPlatformWindow
{
    /// <summary>The window ID: the instance ID of the window app.</summary>
    string Id { get; }

    /// <summary>The app the window belongs to.</summary>
    string AppName { get; }

    /// <summary>The current title.</summary>
    string Title { get; }

    /// <summary>The URL the page shows now.</summary>
    string Url { get; }

    /// <summary>The current bounds.</summary>
    WindowBounds Bounds { get; }

    /// <summary>Whether the window is shown (not hidden).</summary>
    bool IsVisible { get; }

    /// <summary>Whether the window has the focus.</summary>
    bool IsFocused { get; }

    /// <summary>Sets the title (a custom title; with <c>syncTitleWithDocumentTitle: "preserveCustomTitle"</c> it wins over <c>document.title</c>).</summary>
    Task SetTitleAsync(string title, CancellationToken cancellationToken = default);

    /// <summary>Moves and resizes the window; a <see langword="null"/> field keeps its value. Returns the bounds now.</summary>
    Task<WindowBounds> MoveResizeAsync(int? left, int? top, int? width, int? height, CancellationToken cancellationToken = default);

    /// <summary>Shows the window.</summary>
    /// <exception cref="InvalidOperationException">The browser runs headless, where a window cannot be shown.</exception>
    Task ShowAsync(CancellationToken cancellationToken = default);

    /// <summary>Hides the window.</summary>
    /// <exception cref="InvalidOperationException">The browser runs headless, where a window cannot be hidden.</exception>
    Task HideAsync(CancellationToken cancellationToken = default);

    /// <summary>Gives the window the focus.</summary>
    /// <exception cref="InvalidOperationException">The browser runs headless, where no window has the focus.</exception>
    Task FocusAsync(CancellationToken cancellationToken = default);

    /// <summary>Closes the window: its instance stops with the reason "window closed".</summary>
    Task CloseAsync(CancellationToken cancellationToken = default);
}

/// <summary>What changed about a window.</summary>
public enum PlatformWindowChange
{
    /// <summary>The window opened.</summary>
    Added,

    /// <summary>The window closed.</summary>
    Removed,

    /// <summary>Its title changed.</summary>
    Title,

    /// <summary>Its bounds changed.</summary>
    Bounds,

    /// <summary>It was shown or hidden.</summary>
    Visibility,

    /// <summary>It got or lost the focus.</summary>
    Focus,

    /// <summary>Its page navigated to another URL (or reloaded).</summary>
    Url,
}

/// <summary>A change of a window.</summary>
/// <param name="Change">What changed.</param>
/// <param name="Window">The window (for <see cref="PlatformWindowChange.Removed"/>, as it was last).</param>
public sealed record PlatformWindowEvent(PlatformWindowChange Change, IPlatformWindow Window);

/// <summary>The windows the platform's window host has open (empty for the HTTP-GET host, which opens none).</summary>
public interface IPlatformWindows
{
    /// <summary>The open windows.</summary>
    IReadOnlyList<IPlatformWindow> List();

    /// <summary>The open window with <paramref name="id"/>, or <see langword="null"/>.</summary>
    IPlatformWindow? Find(string id);

    /// <summary>Raised on every change, on the window host's threads; handlers must not block.</summary>
    event Action<PlatformWindowEvent>? Changed;
}
